/*
 * sha256.h - SHA-256 (FIPS 180-4) of a byte stream or a file, so that a
 * plan can name the exact trace it was fitted to. Digests are printed as
 * 64 lowercase hex digits.
 */
#ifndef VMUX_SHA256_H
#define VMUX_SHA256_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_LEN 64

struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
/* Finish S and write the digest as hex into HEX (SHA256_HEX_LEN + 1). */
void sha256_hex(struct sha256 *s, char *hex);

/*
 * Hash the file PATH into HEX and its size in bytes into *SIZE.
 * 0 or -errno (no message).
 */
int sha256_file(const char *path, char *hex, uint64_t *size);

/*
 * sha256_file() that gives up with -ECANCELED once *STOP (NULL: never) is
 * seen true, between two reads: another thread may set it.
 */
int sha256_file_until(const char *path, char *hex, uint64_t *size,
		      const atomic_bool *stop);

#endif
