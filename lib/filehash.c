/*
 * filehash.c - a file's SHA-256 on a thread of its own (see filehash.h).
 * The thread writes rc, hex and size once; the joining thread reads them
 * after pthread_join(), which orders the two. filehash_destroy() without
 * a wait stops the thread at its next read: a command that fails early
 * does not wait for a hash of tens of GB that nobody will use.
 */
#include "lib/filehash.h"
#include "lib/sha256.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct filehash {
	char *path;
	pthread_t tid;
	bool running, done;
	atomic_bool stop;
	int rc;
	char hex[SHA256_HEX_LEN + 1];
	uint64_t size;
};

static void hash_now(struct filehash *h)
{
	h->rc = sha256_file_until(h->path, h->hex, &h->size, &h->stop);
	h->done = true;
}

static void *hash_thread(void *arg)
{
	hash_now(arg);
	return NULL;
}

/* Whether PATH is THREAD_MIN bytes or more (not if it cannot be seen:
 * filehash_wait() then says why). */
static bool large(const char *path, uint64_t thread_min)
{
	struct stat st;

	return thread_min == 0 ||
	       (thread_min != UINT64_MAX && stat(path, &st) == 0 &&
		(uint64_t)st.st_size >= thread_min);
}

int filehash_start(const char *path, uint64_t thread_min, struct filehash **out)
{
	struct filehash *h = calloc(1, sizeof(*h));

	*out = NULL;
	if (!h)
		return -ENOMEM;
	atomic_init(&h->stop, false);
	h->path = strdup(path);
	if (!h->path) {
		free(h);
		return -ENOMEM;
	}
	/* No thread: the hash is made in filehash_wait(). */
	h->running = large(path, thread_min) &&
		     pthread_create(&h->tid, NULL, hash_thread, h) == 0;
	*out = h;
	return 0;
}

/* H's thread ended and joined, if it ran. */
static void join(struct filehash *h)
{
	if (!h->running)
		return;
	pthread_join(h->tid, NULL);
	h->running = false;
}

int filehash_wait(struct filehash *h, char *hex, uint64_t *size)
{
	join(h);
	if (!h->done)
		hash_now(h);
	if (h->rc == 0) {
		memcpy(hex, h->hex, sizeof(h->hex));
		*size = h->size;
	}
	return h->rc;
}

void filehash_destroy(struct filehash *h)
{
	if (!h)
		return;
	atomic_store(&h->stop, true);
	join(h);
	free(h->path);
	free(h);
}
