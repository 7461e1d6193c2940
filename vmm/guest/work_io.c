/*
 * work_io.c - the disk and network workloads (see work.h). The data is a
 * xorshift64* stream, so what is written is reproducible from the seed and
 * a bad read-back is caught word by word; the FNV-1a hash lets the host
 * check independently what reached the file or the sink.
 */
#include "vmm/guest/work.h"

uint64_t work_fnv(uint64_t h, const void *buf, uint64_t len)
{
	const uint8_t *p = buf;

	for (uint64_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static void fill(uint64_t *w, uint64_t nwords, uint64_t *s)
{
	for (uint64_t i = 0; i < nwords; i++)
		w[i] = next(s);
}

static uint64_t differ(const uint64_t *w, uint64_t nwords, uint64_t *s)
{
	uint64_t bad = 0;

	for (uint64_t i = 0; i < nwords; i++)
		bad += w[i] != next(s);
	return bad;
}

int work_disk(const struct work_blk *b, void *buf, uint64_t batch,
	      uint64_t bytes, uint64_t seed, uint64_t (*clock)(void),
	      uint64_t *sum, uint64_t *t_write, uint64_t *t_read)
{
	uint32_t ns = (uint32_t)(batch / WORK_SECTOR);
	uint64_t s = seed | 1, h = WORK_FNV_INIT, bad = 0, t0;

	if (!batch || batch % WORK_SECTOR || bytes % batch || batch >> 31)
		return ABI_ST_BAD_SIZE;
	t0 = clock();
	for (uint64_t off = 0; off < bytes; off += batch) {
		fill(buf, batch / 8, &s);
		h = work_fnv(h, buf, batch);
		if (b->write(b->ctx, off / WORK_SECTOR, buf, ns))
			return ABI_ST_DEVICE;
	}
	*t_write = clock() - t0;
	*sum = h;
	s = seed | 1;
	t0 = clock();
	for (uint64_t off = 0; off < bytes; off += batch) {
		if (b->read(b->ctx, off / WORK_SECTOR, buf, ns))
			return ABI_ST_DEVICE;
		bad += differ(buf, batch / 8, &s);
	}
	*t_read = clock() - t0;
	return bad ? ABI_ST_MISMATCH : ABI_ST_OK;
}

int work_net(const struct work_nic *n, void *buf, uint32_t len, uint64_t frames,
	     uint32_t batch, uint64_t seed, uint64_t (*clock)(void),
	     uint64_t *sum, uint64_t *t)
{
	uint64_t s = seed | 1, h = WORK_FNV_INIT, i = 0, t0;
	uint8_t *f;

	if (len < 8 || len % 8 || !batch)
		return ABI_ST_BAD_SIZE;
	t0 = clock();
	while (i < frames) {
		uint32_t k =
		    frames - i < batch ? (uint32_t)(frames - i) : batch;

		for (uint32_t j = 0; j < k; j++) {
			f = (uint8_t *)buf + (uint64_t)j * len;
			*(uint64_t *)f = i + j;
			fill((uint64_t *)f + 1, len / 8 - 1, &s);
			h = work_fnv(h, f, len);
		}
		if (n->send(n->ctx, buf, len, k))
			return ABI_ST_DEVICE;
		i += k;
	}
	*t = clock() - t0;
	*sum = h;
	return ABI_ST_OK;
}
