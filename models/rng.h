/*
 * rng.h - the project's one seeded pseudo-random generator.
 *
 * xoshiro256** (Blackman & Vigna), its 256-bit state filled from a 64-bit
 * seed by splitmix64, so every seed (0 included) gives a good state. The
 * same seed gives the same stream on every run and machine: the integer and
 * uniform outputs are exact; normal and exponential variates use only
 * sqrt() and log(), so they agree wherever libm's log() does.
 *
 * Not for cryptography. The struct is public so that callers can keep a
 * generator by value (one per stream, no allocation); its fields are
 * private: use only these functions.
 */
#ifndef VMUX_RNG_H
#define VMUX_RNG_H

#include <stdbool.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
	double spare; /* the polar method's second normal */
	bool has_spare;
};

/* Seed R from SEED (any value). */
void rng_seed(struct rng *r, uint64_t seed);

/* The next 64 uniformly distributed bits. Inline, as the next two: gen
 * draws one normal per VM and slot, and the calls were a tenth of it. */
static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t x = s[1] * 5, out = ((x << 7) | (x >> 57)) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = (s[3] << 45) | (s[3] >> 19);
	return out;
}

/* Uniform double in [0, 1), a multiple of 2^-53: the top 53 bits (the low
 * bits of xoshiro are its weakest). */
static inline double rng_uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, N), without modulo bias (rejection). N = 0 gives 0. */
uint64_t rng_below(struct rng *r, uint64_t n);

/* The polar method's next pair: returns one, keeps the other as spare.
 * Private to rng_normal. */
double rng_normal_pair(struct rng *r);

/* Standard normal (mean 0, variance 1), Marsaglia's polar method. */
static inline double rng_normal(struct rng *r)
{
	if (r->has_spare) {
		r->has_spare = false;
		return r->spare;
	}
	return rng_normal_pair(r);
}

/* Exponential with mean 1 (rate 1): -log(1 - U), finite. */
double rng_exp(struct rng *r);

#endif
