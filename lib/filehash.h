/*
 * filehash.h - a file's SHA-256 (lib/sha256.h) computed on a thread of
 * its own while the caller does other work. `vmux plan` hashes its trace
 * for PLAN.meta while it reads it: a trace far larger than the page cache
 * (tens of GB) is then not read from disk a second time, in one thread,
 * after the plan is made.
 */
#ifndef VMUX_FILEHASH_H
#define VMUX_FILEHASH_H

#include <stdint.h>

struct filehash;

/*
 * Start hashing PATH into *OUT: on a new thread when the file has
 * THREAD_MIN bytes or more (FILEHASH_THREAD_MIN: below it the whole hash
 * takes less time than a thread is worth; UINT64_MAX: never), else (or if
 * no thread can be started) when filehash_wait() is called. 0 or -ENOMEM.
 */
#define FILEHASH_THREAD_MIN ((uint64_t)64 << 20)
int filehash_start(const char *path, uint64_t thread_min,
		   struct filehash **out);

/*
 * The digest of H's file into HEX (SHA256_HEX_LEN + 1) and its size into
 * *SIZE, once the hash has ended: 0 or -errno as sha256_file(). May be
 * called again (the same result).
 */
int filehash_wait(struct filehash *h, char *hex, uint64_t *size);

/* Wait for H's thread, if any, and free H. NULL is a no-op. */
void filehash_destroy(struct filehash *h);

#endif
