/*
 * rng.c - xoshiro256** seeded by splitmix64, and the variates built on it
 * (see rng.h). Written from the published algorithm descriptions.
 */
#include "models/rng.h"

#include <math.h>

/* splitmix64: advance *X by the golden-ratio increment and mix it. */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	r->spare = 0;
	r->has_spare = false;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	/* Accept x in [t, 2^64), a range whose size is a multiple of n. */
	uint64_t t, x;

	if (n == 0)
		return 0;
	t = (0 - n) % n;
	do
		x = rng_next(r);
	while (x < t);
	return x % n;
}

double rng_normal_pair(struct rng *r)
{
	double u, v, s, f;

	do {
		u = 2 * rng_uniform(r) - 1;
		v = 2 * rng_uniform(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	f = sqrt(-2 * log(s) / s);
	r->spare = v * f;
	r->has_spare = true;
	return u * f;
}

double rng_exp(struct rng *r)
{
	/* 1 - U lies in (0, 1], so the log is finite. */
	return -log(1 - rng_uniform(r));
}
