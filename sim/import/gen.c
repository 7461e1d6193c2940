/*
 * gen.c - the synthetic trace generator (see gen.h for the model).
 *
 * One pass over the slots; at each slot every group's shared factor and
 * burst process advance, then every live VM's noise, burst and memory, in
 * VM order, all from one rng stream. cpu as a fraction of the VM's cores:
 *   level * (1 + amp * cos(2 pi (t - phase) / day))
 *     + sigma * (w * sign * factor_group + sqrt(1 - w^2) * noise_vm)
 *     + burst height while a burst lasts,
 * clipped to [0, 1]; w = 0.8 in correlated and anti-correlated groups, 0
 * in independent ones. Values are quantised to the printed precision
 * before anything sees them, so file and store agree exactly.
 */
#include "sim/import/gen.h"
#include "models/rng.h"
#include "lib/writebehind.h"
#include "sim/store/step.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400.0
#define NOISE_TAU 3600.0   /* s: AR(1) time constant of the noise */
#define BURST_GAP 172800.0 /* s: mean time between bursts */
#define BURST_LEN 1800.0   /* s: mean burst length */
#define SHARED 0.8	   /* weight of the group factor in the noise */
#define MEM_TAU 7200.0	   /* s: memory follows cpu this slowly */
#define CPU_DIGITS 4	   /* cpu printed to 1e-4 cores */
#define CPU_SCALE 1e4
#define MEM_DIGITS 2 /* mem printed to 1e-2 MiB */
#define MEM_SCALE 1e2
#define ROW_MAX 128 /* bytes: longest possible row */
#define BUF_SIZE (1 << 20)
/* Azure shape (README: "Synthetic fleets" for the sources). */
#define AZ_LIFE_MU 1.6	    /* log hours: median lifetime e^1.6 = 5 h */
#define AZ_LIFE_SIGMA 3.0   /* heavy tail: mean e^(1.6 + 4.5) = 446 h */
#define AZ_UTIL_MEDIAN 0.08 /* mean utilisation of a VM, median */
#define AZ_UTIL_SIGMA 1.0

struct burst {
	double next, end, height; /* next start, end of the current one */
};

struct vm_state {
	double cores, level, amp, phase, sigma, sign;
	double mem, mem_base; /* MiB; resident fraction */
	double noise, smooth; /* AR(1) state; smoothed cpu fraction */
	struct burst burst;
	size_t born, died; /* live in slots [born, died) */
};

struct gen {
	struct gen_opts o;
	struct rng rng;
	double rho, innov, alpha; /* per-slot AR(1) and smoothing */
	struct vm_state *vm;
	double *factor;	      /* per group */
	struct burst *gburst; /* per group */
	size_t ngroups;
	/* VMs alive at the current slot, in VM order (live), and every VM in
	 * order of birth, then index (by_birth, consumed from next_born) */
	size_t *live, *spare, *by_birth;
	size_t nlive, next_born, next_death; /* least death slot of the live */
	uint64_t *cpu, *mem; /* the slot's quantised values, live[i]'s at i */
};

const char *const gen_shape_names[] = {
    [GEN_SHAPE_MIXED] = "mixed", [GEN_SHAPE_AZURE] = "azure", NULL};

int gen_shape_parse(const char *name, enum gen_shape *out)
{
	for (int i = 0; gen_shape_names[i]; i++)
		if (!strcmp(name, gen_shape_names[i])) {
			*out = (enum gen_shape)i;
			return 0;
		}
	return -EINVAL;
}

const char *gen_shape_name(enum gen_shape s)
{
	return s == GEN_SHAPE_AZURE ? "azure" : "mixed";
}

enum gen_kind gen_kind(size_t vm)
{
	return (enum gen_kind)(vm / GEN_GROUP % 3);
}

const char *gen_kind_name(enum gen_kind k)
{
	static const char *const names[] = {"correlated", "anti-correlated",
					    "independent"};

	return (unsigned)k < 3 ? names[k] : "?";
}

/* Time of slot S as written (format_time prints it to round-trip). */
static double slot_time(const struct gen_opts *o, size_t s)
{
	return o->start + (double)s * o->step;
}

/* Every slot's time within 1e-6 of a step D of its slot, as the readers
 * check it (sim/store/grid.c). */
static bool on_grid(const struct gen_opts *o, double d)
{
	for (size_t s = 1; s < o->nslots; s++)
		if (!(fabs((slot_time(o, s) - o->start) / d - (double)s) <=
		      1e-6))
			return false;
	return true;
}

/*
 * Every sample time read back as the readers take it (sim/store): the step
 * is the commonest gap in whole microseconds (step.h), and each time must
 * lie within 1e-6 of a step of its slot. Whichever gap they find, the grid
 * holds: a --step too fine for the times' magnitude (0.01 s near 1.7e9 s,
 * where doubles are 2.4e-7 s apart; 3.7 s near 5e10 s) or not a whole
 * number of microseconds wrote a file every command refused.
 */
static bool times_read_back(const struct gen_opts *o)
{
	long long key[STEP_KEYS];
	int n = 0;

	for (size_t s = 1; s < o->nslots; s++) {
		double gap = slot_time(o, s) - slot_time(o, s - 1);
		long long k = llround(gap * 1e6);
		int i = 0;

		while (i < n && key[i] != k)
			i++;
		if (i == n && (n == STEP_KEYS || k <= 0))
			return false;
		if (i == n && !on_grid(o, (double)k / 1e6))
			return false;
		if (i == n)
			key[n++] = k;
	}
	return true;
}

const char *gen_invalid(const struct gen_opts *o)
{
	const unsigned ok = RES_MASK(RES_CPU) | RES_MASK(RES_MEM);

	if (o->nvms < 1 || o->nvms > GEN_MAX_VMS)
		return "--vms must be between 1 and 100000000";
	if (o->nslots < 1)
		return "--slots must be at least 1";
	if (!(o->step > 0) || !isfinite(o->step))
		return "--step must be a number of seconds > 0";
	if (!(o->start >= 0) || !isfinite(o->start))
		return "--start must be a number of seconds >= 0";
	/* The last sample's time, as every reader of traces takes it. */
	if (o->start + (double)(o->nslots - 1) * o->step > TRACE_MAX_TIME)
		return "the last sample's time, --start + (--slots - 1) x "
		       "--step, must be at most 1e11 s (the latest time a "
		       "trace may hold)";
	if (!times_read_back(o))
		return "--step is too fine for the sample times, --start + k x "
		       "--step: the readers hold a step in whole microseconds "
		       "and each time within 1e-6 of a step of its slot, which "
		       "doubles near --start cannot keep (near 1.7e9 s they "
		       "are "
		       "2.4e-7 s apart); give a longer --step or an earlier "
		       "--start";
	if (!(o->res_mask & RES_MASK(RES_CPU)) || (o->res_mask & ~ok))
		return "--resources must be cpu or cpu,mem";
	if (o->shape != GEN_SHAPE_MIXED && o->shape != GEN_SHAPE_AZURE)
		return "--shape must be mixed or azure";
	return NULL;
}

void gen_vm_name(size_t vm, size_t nvms, char *buf, size_t len)
{
	char digits[24];
	size_t n = 0, width = 4;

	for (size_t k = nvms ? nvms - 1 : 0; k >= 10000; k /= 10)
		width++;
	do
		digits[n++] = (char)('0' + vm % 10);
	while ((vm /= 10) && n < sizeof(digits));
	while (n < width)
		digits[n++] = '0';
	if (len < n + 3) {
		if (len)
			buf[0] = '\0';
		return;
	}
	*buf++ = 'v';
	*buf++ = 'm';
	while (n)
		*buf++ = digits[--n];
	*buf = '\0';
}

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void burst_init(struct gen *g, struct burst *b)
{
	b->next = g->o.start + BURST_GAP * rng_exp(&g->rng);
	b->end = -INFINITY;
	b->height = 0;
}

/* Start a burst if one is due at T; its height while it lasts, else 0. */
static double burst_at(struct gen *g, struct burst *b, double t)
{
	if (t >= b->next) {
		b->end = t + fmax(g->o.step, BURST_LEN * rng_exp(&g->rng));
		b->height = 0.2 + 0.4 * rng_uniform(&g->rng);
		b->next = b->end + BURST_GAP * rng_exp(&g->rng);
	}
	return t < b->end ? b->height : 0;
}

/* Phase of VM v from its own draw U: shared in correlated groups (with a
 * quarter-hour jitter), 12 h after its partner's in anti-correlated pairs. */
static double phase_of(const struct gen *g, size_t v, double u)
{
	size_t lead = v - v % GEN_GROUP;

	switch (gen_kind(v)) {
	case GEN_CORRELATED:
		if (v == lead)
			return DAY * u;
		return g->vm[lead].phase + (u - 0.5) * 1800;
	case GEN_ANTI:
		if (v & 1)
			return fmod(g->vm[v - 1].phase + DAY / 2, DAY);
		return DAY * u;
	default:
		return DAY * u;
	}
}

static void setup_vm(struct gen *g, size_t v)
{
	struct vm_state *p = &g->vm[v];
	struct rng *r = &g->rng;

	p->cores = (double)(1u << rng_below(r, 4));
	p->level = 0.10 + 0.35 * rng_uniform(r);
	p->amp = 0.3 + 0.6 * rng_uniform(r);
	p->phase = phase_of(g, v, rng_uniform(r));
	p->sigma = 0.03 + 0.07 * rng_uniform(r);
	p->sign = gen_kind(v) == GEN_ANTI && (v & 1) ? -1 : 1;
	p->mem = p->cores * 2048 * (double)(1 + rng_below(r, 2));
	p->mem_base = 0.3 + 0.4 * rng_uniform(r);
	p->noise = rng_normal(r);
	p->smooth = p->level;
	burst_init(g, &p->burst);
	p->born = 0;
	p->died = g->o.nslots;
}

/* Cores of an Azure-like VM: weights give a mean of 2.93 cores. */
static double azure_cores(struct rng *r)
{
	static const double cores[] = {1, 2, 4, 8, 16, 24, 32};
	static const double cum[] = {0.33, 0.74, 0.90, 0.97, 0.99, 0.997, 1};
	double u = rng_uniform(r);
	int i = 0;

	while (i < 6 && u >= cum[i])
		i++;
	return cores[i];
}

/* Lifetime slots of an Azure-like VM over the window. */
static void azure_life(struct gen *g, struct vm_state *p)
{
	struct rng *r = &g->rng;
	double n = (double)g->o.nslots, hours = g->o.step / 3600;
	double mean = exp(AZ_LIFE_MU + AZ_LIFE_SIGMA * AZ_LIFE_SIGMA / 2);
	double len = exp(AZ_LIFE_MU + AZ_LIFE_SIGMA * rng_normal(r)) / hours;
	double born = rng_uniform(r) < mean / (n * hours + mean)
			  ? 0
			  : floor(n * rng_uniform(r));

	p->born = (size_t)born;
	p->died = (size_t)fmin(n, born + fmax(1, ceil(len)));
}

/* The Azure shape over a VM set up as above (same draws first). */
static void setup_azure(struct gen *g, size_t v)
{
	struct vm_state *p = &g->vm[v];
	struct rng *r = &g->rng;
	static const double gib_per_core[] = {1.75, 3.5, 7};

	p->cores = azure_cores(r);
	p->mem = p->cores * 1024 * gib_per_core[rng_below(r, 3)];
	p->level = clamp(AZ_UTIL_MEDIAN * exp(AZ_UTIL_SIGMA * rng_normal(r)),
			 0.005, 0.9);
	p->smooth = p->level;
	azure_life(g, p);
	if (v == 0) {
		p->born = 0;
		p->died = g->o.nslots;
	}
	/* its processes start at birth: the first burst is due after it */
	p->burst.next += (double)p->born * g->o.step;
}

struct birth {
	size_t born, vm;
};

static int by_birth_cmp(const void *a, const void *b)
{
	const struct birth *x = a, *y = b;

	if (x->born != y->born)
		return (x->born > y->born) - (x->born < y->born);
	return (x->vm > y->vm) - (x->vm < y->vm);
}

/* Order the VMs by birth, then index; nobody is alive before slot 0. */
static int births_sort(struct gen *g)
{
	size_t n = g->o.nvms, v = 1;
	struct birth *b;

	for (g->by_birth[0] = 0; v < n && g->vm[v].born >= g->vm[v - 1].born;
	     v++)
		g->by_birth[v] = v;
	if (v < n) {
		b = malloc(n * sizeof(*b));
		if (!b)
			return -ENOMEM;
		for (v = 0; v < n; v++)
			b[v] = (struct birth){g->vm[v].born, v};
		qsort(b, n, sizeof(*b), by_birth_cmp);
		for (v = 0; v < n; v++)
			g->by_birth[v] = b[v].vm;
		free(b);
	}
	g->nlive = g->next_born = g->next_death = 0;
	return 0;
}

/*
 * The VMs alive at slot S, in VM order: the live ones that have not died
 * merged with those born at S. Rebuilt only at a slot where one is born or
 * dies, so a fleet that lives throughout (the mixed shape) pays nothing.
 */
static void update_live(struct gen *g, size_t s)
{
	const struct vm_state *vm = g->vm;
	size_t i = 0, n = 0, death = SIZE_MAX, *out = g->spare;
	size_t b = g->next_born;

	if (s < g->next_death &&
	    (b == g->o.nvms || vm[g->by_birth[b]].born > s))
		return;
	while (i < g->nlive ||
	       (b < g->o.nvms && vm[g->by_birth[b]].born == s)) {
		size_t v;

		if (b < g->o.nvms && vm[g->by_birth[b]].born == s &&
		    (i == g->nlive || g->by_birth[b] < g->live[i]))
			v = g->by_birth[b++];
		else
			v = g->live[i++];
		if (vm[v].died <= s)
			continue;
		out[n++] = v;
		if (vm[v].died < death)
			death = vm[v].died;
	}
	g->spare = g->live;
	g->live = out;
	g->nlive = n;
	g->next_born = b;
	g->next_death = death;
}

static void gen_free(struct gen *g)
{
	free(g->vm);
	free(g->factor);
	free(g->gburst);
	free(g->cpu);
	free(g->mem);
	free(g->live);
	free(g->spare);
	free(g->by_birth);
}

static int gen_init(struct gen *g, const struct gen_opts *o)
{
	size_t n = o->nvms;

	memset(g, 0, sizeof(*g));
	if (gen_invalid(o))
		return -EINVAL;
	g->o = *o;
	g->ngroups = (n + GEN_GROUP - 1) / GEN_GROUP;
	g->vm = calloc(n, sizeof(*g->vm));
	g->factor = calloc(g->ngroups, sizeof(*g->factor));
	g->gburst = calloc(g->ngroups, sizeof(*g->gburst));
	g->cpu = calloc(n, sizeof(*g->cpu));
	g->mem = calloc(n, sizeof(*g->mem));
	g->live = malloc(n * sizeof(*g->live));
	g->spare = malloc(n * sizeof(*g->spare));
	g->by_birth = malloc(n * sizeof(*g->by_birth));
	if (!g->vm || !g->factor || !g->gburst || !g->cpu || !g->mem ||
	    !g->live || !g->spare || !g->by_birth) {
		gen_free(g);
		return -ENOMEM;
	}
	g->rho = exp(-o->step / NOISE_TAU);
	g->innov = sqrt(1 - g->rho * g->rho);
	g->alpha = 1 - exp(-o->step / MEM_TAU);
	rng_seed(&g->rng, o->seed);
	for (size_t v = 0; v < n; v++) {
		setup_vm(g, v);
		if (o->shape == GEN_SHAPE_AZURE)
			setup_azure(g, v);
	}
	for (size_t k = 0; k < g->ngroups; k++) {
		g->factor[k] = rng_normal(&g->rng);
		burst_init(g, &g->gburst[k]);
	}
	if (births_sort(g) < 0) {
		gen_free(g);
		return -ENOMEM;
	}
	return 0;
}

/* VM v's cpu as a fraction of its cores at time T (advancing its state). */
static double cpu_frac(struct gen *g, size_t v, double t)
{
	static const double own = 0.6; /* sqrt(1 - SHARED^2) */
	struct vm_state *p = &g->vm[v];
	enum gen_kind k = gen_kind(v);
	struct burst *b =
	    k == GEN_CORRELATED ? &g->gburst[v / GEN_GROUP] : &p->burst;
	double noise, x;

	p->noise = g->rho * p->noise + g->innov * rng_normal(&g->rng);
	if (k == GEN_INDEPENDENT)
		noise = p->noise;
	else
		noise = SHARED * p->sign * g->factor[v / GEN_GROUP] +
			own * p->noise;
	x = p->level * (1 + p->amp * cos(2 * M_PI * (t - p->phase) / DAY));
	x += p->sigma * noise;
	if (k != GEN_CORRELATED)
		x += burst_at(g, b, t);
	else
		x += t < b->end ? b->height : 0;
	return clamp(x, 0, 1);
}

/* llround(X) for 0 <= X < 2^52 (halves away from 0), without the call:
 * X minus its integer part is exact there. */
static uint64_t quantise(double x)
{
	uint64_t i = (uint64_t)x;

	return i + (x - (double)i >= 0.5);
}

/*
 * Advance everything to slot S and quantise the live VMs' values. A VM's
 * own processes (noise, bursts, smoothed cpu) run only while it lives, so
 * the work and the draws grow with the readings, not with VMs x slots.
 */
static void gen_slot(struct gen *g, size_t s)
{
	double t = g->o.start + (double)s * g->o.step;

	update_live(g, s);
	for (size_t k = 0; k < g->ngroups; k++) {
		g->factor[k] =
		    g->rho * g->factor[k] + g->innov * rng_normal(&g->rng);
		burst_at(g, &g->gburst[k], t);
	}
	for (size_t i = 0; i < g->nlive; i++) {
		struct vm_state *p = &g->vm[g->live[i]];
		double f = cpu_frac(g, g->live[i], t), m;

		g->cpu[i] = quantise(p->cores * f * CPU_SCALE);
		p->smooth += g->alpha * (f - p->smooth);
		m = clamp(p->mem_base + 0.5 * (p->smooth - p->level), 0.05, 1);
		g->mem[i] = quantise(p->mem * m * MEM_SCALE);
	}
}

/* --- CSV output ---------------------------------------------------------- */

static char *put_uint(char *p, uint64_t x)
{
	char tmp[20];
	int n = 0;

	do
		tmp[n++] = (char)('0' + x % 10);
	while (x /= 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Q / 10^DIGITS with exactly DIGITS decimals. */
static char *put_fixed(char *p, uint64_t q, int digits)
{
	uint64_t scale = 1, f;

	for (int i = 0; i < digits; i++)
		scale *= 10;
	f = q % scale;
	p = put_uint(p, q / scale);
	*p++ = '.';
	for (int i = digits - 1; i >= 0; i--, f /= 10)
		p[i] = (char)('0' + f % 10);
	return p + digits;
}

/* Slot S's time and a comma into BUF; the shortest form that round-trips. */
static size_t format_time(const struct gen *g, size_t s, char *buf)
{
	double t = g->o.start + (double)s * g->o.step;
	char *p = buf;

	if (t == floor(t)) {
		p = put_uint(p, (uint64_t)t);
	} else {
		int n = snprintf(p, 32, "%.15g", t);

		if (strtod(p, NULL) != t)
			n = snprintf(p, 32, "%.17g", t);
		p += n;
	}
	*p++ = ',';
	return (size_t)(p - buf);
}

struct names {
	char *text;  /* "vm0000,vm0001,..." with the commas */
	size_t *off; /* NVMS + 1 offsets into text */
};

static int names_make(struct names *nm, size_t nvms)
{
	char name[32];
	size_t len = 0;

	nm->off = malloc((nvms + 1) * sizeof(*nm->off));
	nm->text = malloc(nvms * 24 + 1);
	if (!nm->off || !nm->text)
		return -ENOMEM;
	for (size_t v = 0; v < nvms; v++) {
		gen_vm_name(v, nvms, name, sizeof(name));
		nm->off[v] = len;
		len += (size_t)sprintf(nm->text + len, "%s,", name);
	}
	nm->off[nvms] = len;
	return 0;
}

/* Append slot S's rows to *BUF at *LEN, handing it to W when it fills. */
static int write_slot(const struct gen *g, const struct names *nm, size_t s,
		      char **buf, size_t *len, struct writebehind *w)
{
	char tbuf[48];
	size_t tlen = format_time(g, s, tbuf);
	bool mem = g->o.res_mask & RES_MASK(RES_MEM);

	for (size_t i = 0; i < g->nlive; i++) { /* absent: no row, reads 0 */
		size_t v = g->live[i], nlen = nm->off[v + 1] - nm->off[v];
		char *p;

		if (*len + tlen + nlen + ROW_MAX > BUF_SIZE) {
			int rc = writebehind_put(w, *len);

			if (rc < 0)
				return rc;
			*buf = writebehind_buf(w);
			*len = 0;
		}
		p = *buf + *len;
		memcpy(p, tbuf, tlen);
		memcpy(p + tlen, nm->text + nm->off[v], nlen);
		p = put_fixed(p + tlen + nlen, g->cpu[i], CPU_DIGITS);
		if (mem) {
			*p++ = ',';
			p = put_fixed(p, g->mem[i], MEM_DIGITS);
		}
		*p++ = '\n';
		*len = (size_t)(p - *buf);
	}
	return 0;
}

/*
 * The rows go out through a writer thread (lib/writebehind.h): the copy
 * into the page cache and the file system's work, half of the time when
 * writing a file, overlap the generation.
 */
int gen_write(const struct gen_opts *o, FILE *fp)
{
	struct names nm = {NULL, NULL};
	struct writebehind *w = NULL;
	struct gen g;
	char *buf;
	size_t len = 0;
	int rc = gen_init(&g, o), wrc;

	if (rc < 0)
		return rc;
	if (names_make(&nm, o->nvms) < 0)
		rc = -ENOMEM;
	if (rc == 0)
		rc = writebehind_open(fp, BUF_SIZE, &w);
	if (rc < 0)
		goto out;
	buf = writebehind_buf(w);
	len = (size_t)sprintf(buf, "time,vm,cpu%s\n",
			      o->res_mask & RES_MASK(RES_MEM) ? ",mem" : "");
	for (size_t s = 0; s < o->nslots && rc == 0; s++) {
		gen_slot(&g, s);
		rc = write_slot(&g, &nm, s, &buf, &len, w);
	}
	if (rc == 0)
		rc = writebehind_put(w, len);
out:
	wrc = writebehind_close(w);
	rc = rc < 0 ? rc : wrc;
	free(nm.text);
	free(nm.off);
	gen_free(&g);
	return rc;
}

/* Every VM, spanning the slots it lives; raw values in units of the
 * printed decimals. */
static int add_all(struct trace *t, const struct gen *g, size_t nvms)
{
	char name[32];
	int rc = trace_reserve(t, nvms);

	for (size_t v = 0; v < nvms && rc == 0; v++) {
		size_t len = g->vm[v].died - g->vm[v].born;

		gen_vm_name(v, nvms, name, sizeof(name));
		rc = trace_add_vm(t, name, g->vm[v].born, len, NULL);
		trace_set_samples(t, v, len);
		/* raw values exact below 2^24 (cpu <= cores, mem <= its MiB) */
		if (g->vm[v].cores * CPU_SCALE < 16777215)
			trace_set_scale(t, RES_CPU, v, CPU_DIGITS);
		if (g->vm[v].mem * MEM_SCALE < 16777215)
			trace_set_scale(t, RES_MEM, v, MEM_DIGITS);
	}
	return rc;
}

/* Raw value of N printed units for VM's resource R (see add_all). */
static float raw(const struct trace *t, enum res r, size_t v, uint64_t n)
{
	double sc = trace_scale(t, r, v);

	return sc > 1 ? (float)n
		      : (float)((double)n /
				(r == RES_CPU ? CPU_SCALE : MEM_SCALE));
}

int gen_trace(const struct gen_opts *o, struct trace **out)
{
	struct trace *t = NULL;
	struct gen g;
	int rc = gen_init(&g, o);

	if (rc < 0)
		return rc;
	rc = trace_create(o->nslots, o->start, o->step, o->res_mask, &t);
	if (rc == 0)
		rc = add_all(t, &g, o->nvms);
	for (size_t s = 0; rc == 0 && s < o->nslots; s++) {
		gen_slot(&g, s);
		for (size_t i = 0; i < g.nlive; i++) {
			size_t v = g.live[i], at = s - g.vm[v].born;
			float *cpu = trace_vals_mut(t, RES_CPU, v);
			float *mem = trace_vals_mut(t, RES_MEM, v);

			cpu[at] = raw(t, RES_CPU, v, g.cpu[i]);
			if (mem)
				mem[at] = raw(t, RES_MEM, v, g.mem[i]);
		}
	}
	gen_free(&g);
	if (rc < 0) {
		trace_destroy(t);
		return rc;
	}
	*out = t;
	return 0;
}
