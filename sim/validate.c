/*
 * validate.c - see validate.h. One coordinator (the calling thread) moves
 * the slot clock; each VM's vCPU blocks in the duty port until the clock
 * passes the slot it last served, then takes that slot's units. The cap is
 * a cgroup (sim/cpucap.h); a machine that allows none gets -ENOTSUP and a
 * message saying what to enable (a monitor-level throttle is not built).
 */
#include "sim/validate.h"
#include "sim/cpucap.h"
#include "sim/error.h"
#include "vmm/guest/work.h"
#include "vmm/vm.h"
#include "vmm/x86_boot.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t interrupted;

void validate_interrupt(void)
{
	interrupted = 1;
}

struct replay;

struct vmslot {
	struct replay *rp;
	struct vmm_vm *vm;
	clockid_t cpu_clock;	/* the vCPU thread's CPU-time clock */
	uint64_t last;	 /* slot last handed out */
	uint32_t *units; /* per slot */
};

struct replay {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t slot; /* 1-based; 0 before the start */
	bool stop;
	struct cpucap *cap;
	size_t n;
	struct vmslot *v;
};

static uint32_t duty(void *opaque, struct vmm_vm *vm)
{
	struct vmslot *s = opaque;
	struct replay *rp = s->rp;
	uint32_t u;

	(void)vm;
	pthread_mutex_lock(&rp->lock);
	while (!rp->stop && rp->slot <= s->last)
		pthread_cond_wait(&rp->cond, &rp->lock);
	s->last = rp->slot;
	u = rp->stop ? DUTY_STOP : s->units[rp->slot - 1];
	pthread_mutex_unlock(&rp->lock);
	return u;
}

static void vcpu_start(void *opaque, int index)
{
	struct vmslot *s = opaque;
	int rc;

	(void)index;
	pthread_getcpuclockid(pthread_self(), &s->cpu_clock);
	if (s->rp->cap && (rc = cpucap_join(s->rp->cap)) < 0)
		vmm_vm_fault(s->vm, "cannot join the CPU cap %s: %s",
			     cpucap_path(s->rp->cap), strerror(-rc));
}

static void sleep_until(double t)
{
	struct timespec ts = {(time_t)t, (long)((t - floor(t)) * 1e9)};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
		   EINTR &&
	       !interrupted)
		;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_seconds(clockid_t c)
{
	struct timespec ts;

	if (clock_gettime(c, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The units each VM is asked for in each slot (see validate.h). */
static int plan_units(const struct validate_opts *o,
		      const struct validate_host *h, struct replay *rp)
{
	double per = o->scale * o->units_per_core_s * o->slot_s;

	for (size_t v = 0; v < h->nvms; v++) {
		struct vmslot *s = &rp->v[v];

		s->rp = rp;
		s->units = calloc(o->nslots, sizeof(*s->units));
		if (!s->units)
			return -ENOMEM;
		for (size_t k = 0; k < o->nslots; k++) {
			double u = floor(h->demand[v][k] * per + 0.5);

			s->units[k] = u > 4e9 ? 4000000000u : (uint32_t)u;
		}
	}
	return 0;
}

static int make_vms(const struct validate_opts *o, struct replay *rp)
{
	for (size_t v = 0; v < rp->n; v++) {
		struct vmm_vm_opts vo = {
		    .guest = o->guest ? o->guest : "duty",
		    .mem_bytes = 8u << 20,
		    .vcpus = 1,
		    .page_size = X86_PAGE_2M,
		    .duty = duty,
		    .duty_opaque = &rp->v[v],
		    .on_vcpu_start = vcpu_start,
		};
		int rc = vmm_vm_create(o->acc, &vo, &rp->v[v].vm);

		if (rc < 0)
			return rc;
	}
	return 0;
}

static void stop_all(struct replay *rp)
{
	pthread_mutex_lock(&rp->lock);
	rp->stop = true;
	pthread_cond_broadcast(&rp->cond);
	pthread_mutex_unlock(&rp->lock);
	for (size_t v = 0; v < rp->n; v++)
		if (rp->v[v].vm) {
			vmm_vm_params(rp->v[v].vm)->duty_slot = UINT64_MAX;
			vmm_vm_stop(rp->v[v].vm);
		}
}

static void free_replay(struct replay *rp)
{
	for (size_t v = 0; rp->v && v < rp->n; v++) {
		if (rp->v[v].vm)
			vmm_vm_wait(rp->v[v].vm, 5);
		vmm_vm_destroy(rp->v[v].vm);
		free(rp->v[v].units);
	}
	free(rp->v);
	cpucap_destroy(rp->cap);
	pthread_cond_destroy(&rp->cond);
	pthread_mutex_destroy(&rp->lock);
}

/* A guest that stopped on its own mid-run: its fault, or its status. */
static int guest_failed(struct replay *rp)
{
	for (size_t v = 0; v < rp->n; v++) {
		const char *f = vmm_vm_fault_msg(rp->v[v].vm);

		if (f[0]) {
			error_msg("validate: the guest of VM %zu stopped: %s",
				  v, f);
			return -EIO;
		}
	}
	return 0;
}

/* Score slot K (0-based) from what each guest reports delivered. */
static void score(const struct validate_opts *o, struct replay *rp, size_t k,
		  struct validate_result *r)
{
	double asked = 0, got = 0, tol = o->tol;

	for (size_t v = 0; v < rp->n; v++) {
		const struct abi_result *res = vmm_vm_result(rp->v[v].vm);
		double u = rp->v[v].units[k];
		double d = res->slot == k + 1 ? (double)res->delivered : 0;

		if (d > u)
			d = u;
		asked += u;
		got += d;
		r->violated += u > 0 && d < u * (1 - tol) - 1;
	}
	r->asked += asked;
	r->delivered += got;
	r->used[k] = got / (o->units_per_core_s * o->slot_s * o->scale);
	if (asked > 0 && got < asked * (1 - tol) - 1) {
		r->overloaded++;
		r->unmet += asked - got;
	}
}

static void publish(struct replay *rp, uint64_t slot)
{
	for (size_t v = 0; v < rp->n; v++)
		vmm_vm_params(rp->v[v].vm)->duty_slot = slot;
	pthread_mutex_lock(&rp->lock);
	rp->slot = slot;
	pthread_cond_broadcast(&rp->cond);
	pthread_mutex_unlock(&rp->lock);
}

static int replay(const struct validate_opts *o, struct replay *rp,
		  struct validate_result *r)
{
	double t0;
	int rc = 0;

	for (size_t v = 0; v < rp->n && rc == 0; v++)
		rc = vmm_vm_start(rp->v[v].vm);
	t0 = now_s() + 0.01; /* let every vCPU reach its first duty read */
	sleep_until(t0);
	for (size_t k = 0; k < o->nslots && rc == 0; k++) {
		publish(rp, k + 1);
		sleep_until(t0 + (double)(k + 1) * o->slot_s);
		score(o, rp, k, r);
		rc = guest_failed(rp);
		if (rc == 0 && interrupted)
			rc = -EINTR;
		if (rc == 0 && o->timeout_s > 0 && now_s() - t0 > o->timeout_s)
			rc = -ETIMEDOUT;
	}
	for (size_t v = 0; v < rp->n; v++)
		r->cpu_s += cpu_seconds(rp->v[v].cpu_clock);
	r->wall_s = now_s() - t0;
	stop_all(rp);
	return rc;
}

/*
 * replay() for calibration: also the CPU time VM 0's vCPU used from the
 * first slot to the last slot's end.
 */
static int replay_cpu(const struct validate_opts *o, struct replay *rp,
		      struct validate_result *r, double *cpu)
{
	double t0;
	int rc = vmm_vm_start(rp->v[0].vm);

	t0 = now_s() + 0.01;
	sleep_until(t0);
	*cpu = -cpu_seconds(rp->v[0].cpu_clock);
	for (size_t k = 0; k < o->nslots && rc == 0; k++) {
		publish(rp, k + 1);
		sleep_until(t0 + (double)(k + 1) * o->slot_s);
		score(o, rp, k, r);
		*cpu += cpu_seconds(rp->v[0].cpu_clock);
		rc = guest_failed(rp);
	}
	stop_all(rp);
	return rc;
}

int validate_run(const struct validate_opts *o, const struct validate_host *h,
		 struct validate_result *r)
{
	struct replay rp = {.n = h->nvms};
	int rc;

	memset(r, 0, sizeof(*r));
	r->slots = o->nslots;
	r->vms = h->nvms;
	r->vm_slots = h->nvms * o->nslots;
	pthread_mutex_init(&rp.lock, NULL);
	pthread_cond_init(&rp.cond, NULL);
	rp.v = calloc(h->nvms, sizeof(*rp.v));
	r->used = calloc(o->nslots, sizeof(*r->used));
	rc = rp.v && r->used ? plan_units(o, h, &rp) : -ENOMEM;
	if (rc == 0) {
		rc = cpucap_create(h->cap * o->scale, &rp.cap);
		if (rc < 0)
			error_msg("validate: cannot create a CPU-capped cgroup "
				  "(%s): run as root, or delegate a cgroup v2 "
				  "subtree with the cpu controller",
				  strerror(-rc));
		else
			snprintf(r->enforcement, sizeof(r->enforcement),
				 "%s (%s)", cpucap_kind(rp.cap),
				 cpucap_path(rp.cap));
		rc = rc < 0 ? -ENOTSUP : 0;
	}
	if (rc == 0)
		rc = make_vms(o, &rp);
	if (rc == 0)
		rc = replay(o, &rp, r);
	free_replay(&rp);
	if (rc < 0)
		validate_result_free(r);
	return rc;
}

void validate_result_free(struct validate_result *r)
{
	free(r->used);
	r->used = NULL;
}

/*
 * One uncapped duty VM asked for more than it can do in SECS: units per
 * second of CPU time its vCPU thread got (so other load on the machine
 * does not lower the rate).
 */
static int calibrate_once(struct accel *acc, double secs, double *rate)
{
	struct validate_opts o = {.acc = acc, .nslots = 1, .slot_s = secs};
	uint32_t big = 4000000000u;
	struct vmslot vs = {.units = &big};
	struct replay rp = {.n = 1, .v = &vs};
	struct validate_result r = {0};
	double used = 0, cpu = 0;
	int rc;

	vs.rp = &rp;
	o.units_per_core_s = o.scale = 1;
	r.used = &used;
	pthread_mutex_init(&rp.lock, NULL);
	pthread_cond_init(&rp.cond, NULL);
	rc = make_vms(&o, &rp);
	if (rc == 0)
		rc = replay_cpu(&o, &rp, &r, &cpu);
	vmm_vm_wait(vs.vm, 5);
	vmm_vm_destroy(vs.vm);
	pthread_cond_destroy(&rp.cond);
	pthread_mutex_destroy(&rp.lock);
	*rate = cpu > 0 ? r.delivered / cpu : 0;
	return rc;
}

int validate_calibrate(struct accel *acc, double *units_per_core_s)
{
	double x, best = 0;
	int rc = 0;

	/* The fastest of three: other load only ever slows a run down. */
	for (int i = 0; i < 3 && rc == 0; i++) {
		rc = calibrate_once(acc, 0.2, &x);
		if (x > best)
			best = x;
	}
	if (rc < 0)
		return rc;
	*units_per_core_s = best;
	return best > 0 ? 0 : -EIO;
}

static volatile uint64_t sink;

int validate_calibrate_native(double *units_per_core_s)
{
	double best = 0;

	for (int i = 0; i < 3; i++) {
		double t0 = cpu_seconds(CLOCK_THREAD_CPUTIME_ID), t;
		uint64_t x = 1, n = 0;

		do {
			for (int j = 0; j < 64; j++)
				x = work_unit(x);
			n += 64;
			t = cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - t0;
		} while (t < 0.2);
		sink = x;
		if ((double)n / t > best)
			best = (double)n / t;
	}
	*units_per_core_s = best;
	return 0;
}
