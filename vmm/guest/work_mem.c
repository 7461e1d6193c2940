/*
 * work_mem.c - memory workloads (see work.h): a random pointer chase, whose
 * every load misses once the working set exceeds the caches and the TLB
 * reach (where guest page size and nested paging show), and a streaming
 * sum, which the prefetchers hide.
 */
#include "vmm/guest/work.h"

#define LINE 64
#define WORDS_PER_LINE (LINE / 8)

static uint64_t next_rand(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 17;
}

void work_mem_init(void *buf, size_t bytes, uint64_t seed)
{
	uint64_t *w = buf, n = bytes / LINE, s = seed | 1;

	/* Line i's first word holds the index of the next line. */
	for (uint64_t i = 0; i < n; i++)
		w[i * WORDS_PER_LINE] = i;
	for (uint64_t i = n - 1; i > 0; i--) { /* Sattolo: one cycle */
		uint64_t j = next_rand(&s) % i;
		uint64_t t = w[i * WORDS_PER_LINE];

		w[i * WORDS_PER_LINE] = w[j * WORDS_PER_LINE];
		w[j * WORDS_PER_LINE] = t;
	}
}

uint64_t work_mem_chase(const void *buf, uint64_t steps)
{
	const volatile uint64_t *w = buf;
	uint64_t i = 0;

	while (steps--)
		i = w[i * WORDS_PER_LINE];
	return i;
}

uint64_t work_mem_stream(const void *buf, size_t bytes, uint64_t passes)
{
	const uint64_t *w = buf;
	uint64_t sum = 0, n = bytes / 8;

	while (passes--)
		for (uint64_t i = 0; i < n; i++)
			sum += w[i];
	return sum;
}
