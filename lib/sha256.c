/*
 * sha256.c - SHA-256 as FIPS 180-4 specifies it (see sha256.h): 64-byte
 * blocks, big-endian words, the length in bits appended after a 0x80 pad.
 */
#include "lib/sha256.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void block(uint32_t *h, const unsigned char *p)
{
	uint32_t w[64], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4],
			f = h[5], g = h[6], hh = h[7];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 =
		    ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 =
		    ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
			      ((e & f) ^ (~e & g)) + k[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));

		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

#ifdef HAVE_SHA_NI
/*
 * N blocks with the CPU's SHA extensions (the same function, ~5-10x the
 * speed of block()): the state is kept as the two words ABEF and CDGH the
 * instructions take; each group of four message words is extended from
 * the four groups before it (msg1 adds sigma0, msg2 sigma1), and each
 * rnds2 does two rounds.
 */
__attribute__((target("sha,sse4.1"))) static void
blocks_ni(uint32_t *h, const unsigned char *p, size_t n)
{
	const __m128i swap =
	    _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)h);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)(h + 4));
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

	for (; n > 0; n--, p += 64) {
		__m128i w[4], save0 = abef, save1 = cdgh, m;

		for (int g = 0; g < 16; g++) {
			if (g < 4) {
				w[g] = _mm_shuffle_epi8(
				    _mm_loadu_si128(
					(const __m128i *)(p + 16 * g)),
				    swap);
			} else {
				__m128i x = _mm_sha256msg1_epu32(
				    w[g % 4], w[(g + 1) % 4]);

				x = _mm_add_epi32(
				    x, _mm_alignr_epi8(w[(g + 3) % 4],
						       w[(g + 2) % 4], 4));
				w[g % 4] =
				    _mm_sha256msg2_epu32(x, w[(g + 3) % 4]);
			}
			m = _mm_add_epi32(
			    w[g % 4],
			    _mm_loadu_si128((const __m128i *)(k + 4 * g)));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
			m = _mm_shuffle_epi32(m, 0x0E);
			/* cdgh holds ABEF two rounds on, abef what is now
			 * CDGH: two more rounds put the names right again */
			abef = _mm_sha256rnds2_epu32(abef, cdgh, m);
		}
		abef = _mm_add_epi32(abef, save0);
		cdgh = _mm_add_epi32(cdgh, save1);
	}
	cdab = _mm_shuffle_epi32(abef, 0x1B);
	cdgh = _mm_shuffle_epi32(cdgh, 0xB1);
	dcba = _mm_blend_epi16(cdab, cdgh, 0xF0);
	hgfe = _mm_alignr_epi8(cdgh, cdab, 8);
	_mm_storeu_si128((__m128i *)h, dcba);
	_mm_storeu_si128((__m128i *)(h + 4), hgfe);
}

static bool have_ni(void)
{
	static int have = -1;

	/* cpuid directly: clang 14 knows no "sha" for
	 * __builtin_cpu_supports. Leaf 1 ECX bit 19 is SSE4.1, leaf 7
	 * EBX bit 29 is SHA (bit_SHA). */
	if (have < 0) {
		unsigned a, b, c, d;

		have = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) &&
		       __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
	}
	return have;
}
#endif

/* N whole blocks at P. */
static void blocks(uint32_t *h, const unsigned char *p, size_t n)
{
#ifdef HAVE_SHA_NI
	if (have_ni()) {
		blocks_ni(h, p, n);
		return;
	}
#endif
	for (; n > 0; n--, p += 64)
		block(h, p);
}

void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
				       0xa54ff53a, 0x510e527f, 0x9b05688c,
				       0x1f83d9ab, 0x5be0cd19};

	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
	s->nbuf = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;

	s->len += n;
	while (n > 0) {
		size_t take = 64 - s->nbuf < n ? 64 - s->nbuf : n;

		if (s->nbuf == 0 && n >= 64) { /* whole blocks in place */
			blocks(s->h, p, n / 64);
			p += n / 64 * 64;
			n %= 64;
			continue;
		}
		memcpy(s->buf + s->nbuf, p, take);
		s->nbuf += take;
		p += take;
		n -= take;
		if (s->nbuf == 64) {
			blocks(s->h, s->buf, 1);
			s->nbuf = 0;
		}
	}
}

void sha256_hex(struct sha256 *s, char *hex)
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72] = {0x80};
	size_t npad = (s->nbuf < 56 ? 56 : 120) - s->nbuf;

	for (int i = 0; i < 8; i++)
		pad[npad + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, pad, npad + 8);
	for (int i = 0; i < 8; i++)
		snprintf(hex + 8 * i, 9, "%08x", (unsigned)s->h[i]);
}

int sha256_file_until(const char *path, char *hex, uint64_t *size,
		      const atomic_bool *stop)
{
	unsigned char buf[16384];
	struct sha256 s;
	FILE *fp = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!fp)
		return -errno;
	sha256_init(&s);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (stop && atomic_load_explicit(stop, memory_order_relaxed)) {
			rc = -ECANCELED;
			break;
		}
		sha256_update(&s, buf, n);
	}
	if (rc == 0 && ferror(fp))
		rc = -EIO;
	fclose(fp);
	if (rc == 0) {
		*size = s.len;
		sha256_hex(&s, hex);
	}
	return rc;
}

int sha256_file(const char *path, char *hex, uint64_t *size)
{
	return sha256_file_until(path, hex, size, NULL);
}
