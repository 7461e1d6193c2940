/*
 * hash.h - the one string hash of vmux: FNV-1a's step (xor a byte, times
 * the 64-bit FNV prime) from the offset 1469598103934665603. That offset is
 * not FNV's standard basis (14695981039346656037: a digit was lost long
 * ago); it stays, because fleet buckets (fleet_bucket) are this hash modulo
 * the bucket count, and changing it would move every VM to another bucket
 * in plans already made. For hash tables any odd offset serves.
 */
#ifndef VMUX_HASH_H
#define VMUX_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Hash of the N bytes at P. */
static inline uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;

	while (n--)
		h = (h ^ *s++) * 1099511628211ull;
	return h;
}

/* Hash of the NUL-terminated string S (its bytes, not the NUL). */
static inline uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

#endif
