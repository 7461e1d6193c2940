/*
 * bench_core.c - the "core four" and the compute baseline, each the same
 * workload code natively and in a guest (vmm/guest/work.h):
 *   cpu   integer compute; hw only (every style runs the CPU the same way)
 *   priv  compute with one sensitive instruction every K rounds: under full
 *         a port write the monitor emulates, under hw a CPUID the kernel
 *         handles; natively a store / a real CPUID
 *   mem   random pointer chase and streaming over a working set, guest
 *         pages 4 KiB / 2 MiB (/ 1 GiB where offered), host RAM normal or
 *         huge; hw only
 *   disk  write then read back through the emulated (full) or paravirtual
 *         (para) block device; natively pwrite/pread on a host file
 *   net   frames through the emulated (full) or paravirtual (para) NIC to
 *         a UDP sink; natively send() to the same kind of sink
 */
#include "sim/measure/bench_work.h"
#include "lib/error.h"
#include "lib/outfile.h"
#include "vmm/dev/disk.h"
#include "vmm/dev/sink.h"
#include "vmm/guest/work.h"
#include "vmm/mem.h"
#include "vmm/x86_boot.h"
#include "vmm/x86_tsc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define KV(k, v)                                                               \
	{                                                                      \
		k, (uint64_t)(v)                                               \
	}

static bool want(const struct bench *b, enum bench_style s)
{
	return b->styles & (1u << s);
}

/*
 * Run REPEAT (native, guest) pairs: NATIVE(ctx) returns seconds; the guest
 * is G. Adds the row. Interleaved so drift hits both sides alike.
 */
static int measure(struct bench *b, const char *work, enum bench_style st,
		   const char *variant, double (*native)(void *), void *ctx,
		   const struct bench_guest *g, double ops)
{
	double nat[BENCH_MAX_REPEAT], gst[BENCH_MAX_REPEAT];
	double ex[BENCH_MAX_REPEAT];
	int rc;

	bench_progress("%s %s %s: %d run%s", work, bench_style_name(st),
		       variant, b->repeat, b->repeat == 1 ? "" : "s");
	/* Warm-up: one unrecorded pair (caches, page faults, frequency). */
	if (native(ctx) < 0)
		return -EIO;
	rc = bench_run_guest(b, g, &gst[0], &ex[0]);
	if (rc < 0)
		return rc;
	for (int i = 0; i < b->repeat; i++) {
		nat[i] = native(ctx);
		if (nat[i] < 0)
			return -EIO;
		rc = bench_run_guest(b, g, &gst[i], &ex[i]);
		if (rc < 0)
			return rc;
	}
	return bench_add(b, work, st, variant, nat, gst, ex, b->repeat, ops);
}

/* ---- cpu ---- */

static volatile uint64_t keep;

static double cpu_native(void *ctx)
{
	double t0 = bench_now();

	keep = work_cpu(*(uint64_t *)ctx);
	return bench_now() - t0;
}

static double fp_native(void *ctx)
{
	double t0 = bench_now();

	keep = work_fp(*(uint64_t *)ctx);
	return bench_now() - t0;
}

int bench_cpu(struct bench *b)
{
	uint64_t n = b->quick ? 5000000 : 20000000, nf = n / 4;
	struct abi_kv kv[] = {KV("iters", n), KV("fp", nf)};
	struct bench_guest g = {.guest = "cpu",
				.style = BENCH_HW,
				.kv = kv,
				.nkv = 1,
				.tsc_key = "tsc"};
	int rc;

	if (!want(b, BENCH_HW))
		return 0;
	rc = measure(b, "cpu", BENCH_HW, "int", cpu_native, &n, &g, (double)n);
	if (rc < 0)
		return rc;
	/* Floating point: a token integer part, the fp loop timed. */
	kv[0].value = 1;
	g.nkv = 2;
	g.tsc_key = "tsc_fp";
	return measure(b, "cpu", BENCH_HW, "fp", fp_native, &nf, &g,
		       (double)nf);
}

/* ---- priv ---- */

struct priv_ctx {
	uint64_t iters, period;
	enum work_priv_op op;
};

static double priv_native(void *ctx)
{
	struct priv_ctx *c = ctx;
	double t0 = bench_now();
	uint64_t n;

	keep = work_priv(c->iters, c->period, c->op, &n);
	return bench_now() - t0;
}

static int priv_one(struct bench *b, enum bench_style st, uint64_t period)
{
	struct priv_ctx c = {b->quick ? 5000000 : 20000000, period,
			     st == BENCH_FULL ? WORK_PRIV_PIO
					      : WORK_PRIV_CPUID};
	struct abi_kv kv[] = {KV("iters", c.iters), KV("period", period),
			      KV("op", c.op)};
	struct bench_guest g = {
	    .guest = "priv", .style = st, .kv = kv, .nkv = 3, .tsc_key = "tsc"};
	char v[40];

	snprintf(v, sizeof(v), "%s 1/%llu", st == BENCH_FULL ? "pio" : "cpuid",
		 (unsigned long long)period);
	return measure(b, "priv", st, v, priv_native, &c, &g,
		       (double)(c.iters / period));
}

int bench_priv(struct bench *b)
{
	static const uint64_t periods[] = {10000, 100000};
	static const enum bench_style st[] = {BENCH_FULL, BENCH_HW};
	int rc = 0;

	for (int s = 0; s < 2 && rc == 0; s++)
		for (int p = 0; p < 2 && rc == 0 && want(b, st[s]); p++)
			rc = priv_one(b, st[s], periods[p]);
	return rc;
}

/* ---- mem ---- */

struct mem_ctx {
	void *buf;
	uint64_t bytes, steps;
	bool stream;
};

static double mem_native(void *ctx)
{
	struct mem_ctx *c = ctx;
	double t0;

	work_mem_init(c->buf, c->bytes, 1);
	t0 = bench_now();
	keep = c->stream ? work_mem_stream(c->buf, c->bytes, c->steps)
			 : work_mem_chase(c->buf, c->steps);
	return bench_now() - t0;
}

static int mem_one(struct bench *b, uint64_t ws, uint64_t page, bool huge,
		   bool stream)
{
	uint64_t steps =
	    stream ? (b->quick ? 4 : 16) : (b->quick ? 1 : 4) << 20;
	struct mem_ctx c = {.bytes = ws, .steps = steps, .stream = stream};
	struct abi_kv kv[] = {KV("bytes", ws), KV("steps", stream ? 1 : steps),
			      KV("passes", stream ? steps : 1)};
	struct bench_guest g = {.guest = "mem",
				.style = BENCH_HW,
				.kv = kv,
				.nkv = 3,
				.page_size = page,
				.hugepages = huge,
				.mem_bytes =
				    (ws + (48u << 20)) & ~((2u << 20) - 1),
				.tsc_key = stream ? "tsc_stream" : "tsc_chase"};
	const char *pg = page == X86_PAGE_4K   ? "4k"
			 : page == X86_PAGE_2M ? "2m"
					       : "1g";
	struct vmm_mem *m;
	char v[40];
	int rc;

	/* The native buffer has the same host backing as the guest's RAM. */
	rc = vmm_mem_create(ws, huge, &m);
	if (rc < 0)
		return rc;
	c.buf = vmm_mem_base(m);
	snprintf(v, sizeof(v), "%s %lluM pg=%s host=%s",
		 stream ? "stream" : "chase", (unsigned long long)(ws >> 20),
		 pg, vmm_mem_backing(m));
	if (ws < (1u << 20)) /* a 1g row was labelled 2m here */
		snprintf(v, sizeof(v), "chase %lluK pg=%s host=%s",
			 (unsigned long long)(ws >> 10), pg,
			 vmm_mem_backing(m));
	rc = measure(b, "mem", BENCH_HW, v, mem_native, &c, &g,
		     stream ? (double)(ws / 8 * steps) : (double)steps);
	vmm_mem_destroy(m);
	return rc;
}

int bench_mem(struct bench *b)
{
	uint64_t sets[2] = {256u << 10, (b->quick ? 16ull : 128ull) << 20};
	uint64_t pages[3] = {X86_PAGE_4K, X86_PAGE_2M, X86_PAGE_1G};
	int np = accel_has_1g_pages(b->acc) ? 3 : 2, rc = 0;

	if (!want(b, BENCH_HW))
		return 0;
	if (np == 2)
		bench_progress("mem: %s offers no 1 GiB guest pages; 4k and "
			       "2m only",
			       accel_name(b->acc));
	for (int w = 0; w < 2 && rc == 0; w++)
		for (int p = 0; p < np && rc == 0; p++)
			for (int h = 0; h < 2 && rc == 0; h++) {
				rc = mem_one(b, sets[w], pages[p], h, false);
				/* In the rows, not on stderr alone. */
				if (rc == 0 && np == 2)
					snprintf(b->rows[b->nrows - 1].note,
						 sizeof(b->rows[0].note),
						 "no pg=1g rows: %s offers no "
						 "1 GiB guest pages",
						 accel_name(b->acc));
			}
	if (rc == 0)
		rc = mem_one(b, sets[1], X86_PAGE_2M, false, true);
	return rc;
}

/* ---- disk ---- */

static uint64_t clock_ns(void)
{
	return (uint64_t)(bench_now() * 1e9);
}

static int file_write(void *ctx, uint64_t sector, const void *buf,
		      uint32_t nsect)
{
	size_t len = (size_t)nsect * WORK_SECTOR;

	return pwrite(*(int *)ctx, buf, len, (off_t)(sector * WORK_SECTOR)) !=
	       (ssize_t)len;
}

static int file_read(void *ctx, uint64_t sector, void *buf, uint32_t nsect)
{
	size_t len = (size_t)nsect * WORK_SECTOR;

	return pread(*(int *)ctx, buf, len, (off_t)(sector * WORK_SECTOR)) !=
	       (ssize_t)len;
}

struct disk_ctx {
	struct work_blk blk;
	void *buf;
	uint64_t bytes, batch;
};

static double disk_native(void *ctx)
{
	struct disk_ctx *c = ctx;
	uint64_t sum, tw, tr;

	if (work_disk(&c->blk, c->buf, c->batch, c->bytes, 1, clock_ns, &sum,
		      &tw, &tr))
		return -1;
	return (double)(tw + tr) * 1e-9;
}

static int disk_one(struct bench *b, enum bench_style st, uint64_t kib,
		    uint64_t batch_kib)
{
	struct disk_ctx c = {.bytes = kib << 10, .batch = batch_kib << 10};
	struct abi_kv kv[] = {KV("kib", kib), KV("batch_kib", batch_kib)};
	struct bench_guest g = {
	    .guest = "disk", .style = st, .kv = kv, .nkv = 2, .tsc_key = "tsc"};
	int fd = outfile_unnamed(dev_disk_temp_dir()), rc;
	char v[40];

	if (fd < 0) {
		error_msg("bench: cannot create the native disk file as a "
			  "temporary file in '%s' (TMPDIR): %s; set TMPDIR to "
			  "a folder vmux may write",
			  dev_disk_temp_dir(), strerror(-fd));
		return fd;
	}
	c.buf = malloc(c.batch);
	if (!c.buf) {
		rc = -ENOMEM;
		goto out;
	}
	c.blk = (struct work_blk){&fd, file_write, file_read};
	snprintf(v, sizeof(v), "%lluK in %lluK batches",
		 (unsigned long long)kib, (unsigned long long)batch_kib);
	rc = measure(b, "disk", st, v, disk_native, &c, &g,
		     2.0 * (double)(kib << 10) / WORK_SECTOR);
out:
	close(fd);
	free(c.buf);
	return rc;
}

int bench_disk(struct bench *b)
{
	uint64_t big = b->quick ? 1024 : 8192;
	int rc = 0;

	if (want(b, BENCH_FULL))
		rc = disk_one(b, BENCH_FULL, b->quick ? 32 : 64, 16);
	if (rc == 0 && want(b, BENCH_PARA))
		rc = disk_one(b, BENCH_PARA, b->quick ? 32 : 64, 16);
	if (rc == 0 && want(b, BENCH_PARA))
		rc = disk_one(b, BENCH_PARA, big, 256);
	return rc;
}

/* ---- net ---- */

struct net_ctx {
	struct work_nic nic;
	int fd;
	void *buf;
	uint32_t size, batch;
	uint64_t frames;
};

static int sock_send(void *ctx, const void *buf, uint32_t len, uint32_t n)
{
	const uint8_t *f = buf;

	for (uint32_t i = 0; i < n; i++, f += len)
		while (send(*(int *)ctx, f, len, 0) != (ssize_t)len)
			if (errno != ENOBUFS && errno != EAGAIN)
				return 1;
	return 0;
}

static double net_native(void *ctx)
{
	struct net_ctx *c = ctx;
	uint64_t sum, t;

	if (work_net(&c->nic, c->buf, c->size, c->frames, c->batch, 1, clock_ns,
		     &sum, &t))
		return -1;
	return (double)t * 1e-9;
}

static int connect_to(uint16_t port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int net_one(struct bench *b, struct dev_sink *sink, enum bench_style st,
		   uint64_t frames, uint32_t size)
{
	struct net_ctx c = {.size = size, .batch = 64, .frames = frames};
	struct abi_kv kv[] = {KV("frames", frames), KV("size", size),
			      KV("batch", 64)};
	struct bench_guest g = {.guest = "net",
				.style = st,
				.kv = kv,
				.nkv = 3,
				.tsc_key = "tsc",
				.net_port = dev_sink_port(sink)};
	char v[40];
	int rc;

	c.fd = connect_to(dev_sink_port(sink));
	c.buf = malloc((size_t)size * c.batch);
	c.nic = (struct work_nic){&c.fd, sock_send};
	rc = c.fd < 0 || !c.buf ? -ENOMEM : 0;
	snprintf(v, sizeof(v), "%llu x %uB frames", (unsigned long long)frames,
		 size);
	if (rc == 0)
		rc = measure(b, "net", st, v, net_native, &c, &g,
			     (double)frames);
	if (c.fd >= 0)
		close(c.fd);
	free(c.buf);
	return rc;
}

int bench_net(struct bench *b)
{
	uint64_t few = b->quick ? 20 : 50, many = b->quick ? 500 : 4000;
	struct dev_sink *sink;
	int rc = dev_sink_start(&sink);

	if (rc == 0 && want(b, BENCH_FULL))
		rc = net_one(b, sink, BENCH_FULL, few, 1024);
	if (rc == 0 && want(b, BENCH_PARA))
		rc = net_one(b, sink, BENCH_PARA, few, 1024);
	if (rc == 0 && want(b, BENCH_PARA))
		rc = net_one(b, sink, BENCH_PARA, many, 1024);
	dev_sink_stop(sink);
	return rc;
}
