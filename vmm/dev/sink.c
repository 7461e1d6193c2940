/*
 * sink.c - see sink.h. The receiving thread polls with a short timeout so
 * that stopping never depends on one more datagram arriving.
 */
#include "vmm/dev/sink.h"
#include "vmm/guest/work.h"
#include "vmm/guest/abi.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct dev_sink {
	int fd;
	int wake[2]; /* a pipe: stop without waiting out the poll */
	uint16_t port;
	pthread_t thread;
	atomic_bool stop;
	pthread_mutex_t lock;
	struct dev_sink_counts c;
	uint8_t buf[65536];
};

static void *receive(void *arg)
{
	struct dev_sink *s = arg;
	struct pollfd pfd[2] = {{.fd = s->fd, .events = POLLIN},
				{.fd = s->wake[0], .events = POLLIN}};
	ssize_t n;

	while (!atomic_load(&s->stop)) {
		if (poll(pfd, 2, 1000) <= 0 || !(pfd[0].revents & POLLIN))
			continue;
		n = recv(s->fd, s->buf, sizeof(s->buf), MSG_DONTWAIT);
		if (n < 0)
			continue;
		pthread_mutex_lock(&s->lock);
		s->c.frames++;
		s->c.bytes += (uint64_t)n;
		s->c.hash = work_fnv(s->c.hash, s->buf, (uint64_t)n);
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static int bind_loopback(struct dev_sink *s)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int big = 8 << 20;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -errno;
	/* A deep queue so a burst of frames is not dropped while we wake. */
	setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(s->fd, (struct sockaddr *)&sa, &len) < 0)
		return -errno;
	s->port = ntohs(sa.sin_port);
	return 0;
}

int dev_sink_start(struct dev_sink **out)
{
	struct dev_sink *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return -ENOMEM;
	s->fd = s->wake[0] = s->wake[1] = -1;
	s->c.hash = WORK_FNV_INIT;
	pthread_mutex_init(&s->lock, NULL);
	rc = pipe2(s->wake, O_CLOEXEC) < 0 ? -errno : bind_loopback(s);
	if (rc == 0)
		rc = -pthread_create(&s->thread, NULL, receive, s);
	if (rc < 0) {
		if (s->fd >= 0)
			close(s->fd);
		if (s->wake[0] >= 0) {
			close(s->wake[0]);
			close(s->wake[1]);
		}
		pthread_mutex_destroy(&s->lock);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

bool dev_sink_wait(struct dev_sink *s, uint64_t frames, int timeout_ms)
{
	struct timespec ms = {0, 1000000};

	for (int i = 0; i < timeout_ms; i++) {
		if (dev_sink_counts(s).frames >= frames)
			return true;
		nanosleep(&ms, NULL);
	}
	return dev_sink_counts(s).frames >= frames;
}

void dev_sink_stop(struct dev_sink *s)
{
	if (!s)
		return;
	atomic_store(&s->stop, true);
	if (write(s->wake[1], "", 1) < 0)
		perror("vmux: waking the UDP sink"); /* then poll times out */
	pthread_join(s->thread, NULL);
	close(s->wake[0]);
	close(s->wake[1]);
	close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

uint16_t dev_sink_port(const struct dev_sink *s)
{
	return s->port;
}

struct dev_sink_counts dev_sink_counts(struct dev_sink *s)
{
	struct dev_sink_counts c;

	pthread_mutex_lock(&s->lock);
	c = s->c;
	pthread_mutex_unlock(&s->lock);
	return c;
}
