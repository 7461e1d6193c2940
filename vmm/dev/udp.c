/*
 * udp.c - see udp.h.
 */
#include "vmm/dev/udp.h"
#include "vmm/device.h"
#include "vmm/vm.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

struct dev_udp {
	int fd;
	int err; /* errno of the first failed send, or 0 */
	uint16_t port;
	uint64_t frames, bytes;
};

int dev_udp_open(uint16_t port, struct dev_udp **out)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	struct dev_udp *u = calloc(1, sizeof(*u));
	int rc;

	if (!u)
		return -ENOMEM;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	u->port = port;
	u->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (u->fd < 0 ||
	    connect(u->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		rc = -errno;
		if (u->fd >= 0)
			close(u->fd);
		free(u);
		return rc;
	}
	*out = u;
	return 0;
}

void dev_udp_close(struct dev_udp *u)
{
	if (!u)
		return;
	close(u->fd);
	free(u);
}

int dev_udp_send(struct dev_udp *u, const void *buf, size_t len)
{
	ssize_t n;

	for (;;) {
		n = send(u->fd, buf, len, 0);
		if (n >= 0)
			break;
		if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
			if (!u->err)
				u->err = errno;
			return -errno;
		}
		sched_yield();
	}
	if ((size_t)n != len)
		return -EMSGSIZE;
	u->frames++;
	u->bytes += len;
	return 0;
}

static void udp_counts(const void *dev, struct vmm_stats *st)
{
	const struct dev_udp *u = dev;

	st->net_frames = u->frames;
	st->net_bytes = u->bytes;
	st->net_errno = u->err;
}

uint16_t dev_udp_port(const struct dev_udp *u)
{
	return u->port;
}

/* The VM's socket, when its options name a sink port (net_port). */
static int udp_create(struct vmm_vm *vm, const struct vmm_device *d, void **out)
{
	uint16_t port = vmm_vm_opts(vm)->net_port;

	(void)d;
	*out = NULL;
	return port ? dev_udp_open(port, (struct dev_udp **)out) : 0;
}

static void udp_destroy(void *dev)
{
	dev_udp_close(dev);
}

const struct vmm_device dev_udp_device = {
    .name = "udp",
    .create = udp_create,
    .destroy = udp_destroy,
    .counts = udp_counts,
};
