/*
 * validate.c - see validate.h. One coordinator (the calling thread) moves
 * the slot clock; each VM's vCPU blocks in the duty port until the clock
 * passes the slot it last served, then takes that slot's units. The cap is
 * a cgroup (sim/measure/cpucap.h) where the machine allows one; otherwise
 * vmux's own throttle kicks the vCPUs out of the guest and holds them once the
 * host has used its share of a 10 ms period (coarser; said so).
 */
#include "sim/measure/validate.h"
#include "sim/measure/cpucap.h"
#include "sim/measure/machine.h"
#include "lib/error.h"
#include "vmm/guest/work.h"
#include "vmm/vm.h"
#include "vmm/x86_boot.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

void validate_interrupt(void)
{
	interrupted = 1;
}

struct replay;

struct vmslot {
	struct replay *rp;
	struct vmm_vm *vm;
	clockid_t cpu_clock; /* the vCPU thread's CPU-time clock */
	pid_t tid;	     /* the vCPU thread, for its schedstat */
	atomic_bool has_clock;
	uint64_t last;	 /* round last handed out */
	uint32_t *units; /* per trace slot */
};

struct replay {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t slot; /* round: 1-based, +1 per slot run (a repeat too) */
	size_t k;      /* the trace slot the round replays */
	bool stop;
	struct cpucap *cap;
	size_t n;
	struct vmslot *v;
	double *need; /* per VM: CPU seconds the slot asks (scratch) */
	/* The monitor's own cap, where no cgroup can be had. */
	bool throttle, paused;
	double cores;
	pthread_t throttler;
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
	u = rp->stop ? DUTY_STOP : s->units[rp->k];
	pthread_mutex_unlock(&rp->lock);
	return u;
}

static void vcpu_start(void *opaque, int index)
{
	struct vmslot *s = opaque;
	int rc;

	(void)index;
	pthread_getcpuclockid(pthread_self(), &s->cpu_clock);
	s->tid = gettid();
	atomic_store(&s->has_clock, true);
	if (s->rp->cap && (rc = cpucap_join(s->rp->cap)) < 0)
		vmm_vm_fault(s->vm, "cannot join the CPU cap %s: %s",
			     cpucap_path(s->rp->cap), strerror(-rc));
	/* Under vmux's own throttle the vCPUs compete one by one with the
	   machine's processes: the highest nice level gives them their
	   entitlement first (the throttle bounds them, as the cgroup's
	   weight does there; best effort). */
	if (s->rp->throttle)
		setpriority(PRIO_PROCESS, (id_t)s->tid, -20);
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
	return (double)vmm_now_ns() * 1e-9;
}

static double cpu_seconds(clockid_t c)
{
	struct timespec ts;

	if (clock_gettime(c, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A kicked vCPU waits here while the monitor's throttle holds it. */
static void on_kick(void *opaque)
{
	struct replay *rp = ((struct vmslot *)opaque)->rp;

	pthread_mutex_lock(&rp->lock);
	while (rp->paused && !rp->stop)
		pthread_cond_wait(&rp->cond, &rp->lock);
	pthread_mutex_unlock(&rp->lock);
}

static double vcpu_cpu(struct replay *rp)
{
	double t = 0;

	for (size_t v = 0; v < rp->n; v++)
		if (atomic_load(&rp->v[v].has_clock))
			t += cpu_seconds(rp->v[v].cpu_clock);
	return t;
}

static void set_paused(struct replay *rp, bool p)
{
	pthread_mutex_lock(&rp->lock);
	rp->paused = p;
	pthread_cond_broadcast(&rp->cond);
	pthread_mutex_unlock(&rp->lock);
}

/*
 * The monitor's throttle: in each THROTTLE_PERIOD the vCPUs together may
 * use cores x period of CPU; once they have, every VM is kicked out of the
 * guest and its vCPUs wait in on_kick until the period ends. Checked every
 * half millisecond; it pauses when the current burn rate would cross the
 * budget before the next check.
 */
#define THROTTLE_PERIOD 0.01
#define THROTTLE_CHECK 0.0005
static void *throttle(void *arg)
{
	struct replay *rp = arg;
	double start = now_s(), budget = rp->cores * THROTTLE_PERIOD;
	bool stop = false;

	while (!stop) {
		double used0 = vcpu_cpu(rp), used = 0, rate = 0, t = now_s();

		/* Stop short by what the vCPUs burn, at their current rate,
		   before the next check. */
		while (t < start + THROTTLE_PERIOD &&
		       used + rate * THROTTLE_CHECK < budget) {
			double u, t1;

			sleep_until(t + THROTTLE_CHECK);
			u = vcpu_cpu(rp) - used0;
			t1 = now_s();
			rate = (u - used) / (t1 - t);
			used = u;
			t = t1;
		}
		if (t < start + THROTTLE_PERIOD) {
			set_paused(rp, true);
			for (size_t v = 0; v < rp->n; v++)
				vmm_vm_kick(rp->v[v].vm);
			sleep_until(start + THROTTLE_PERIOD);
			set_paused(rp, false);
		}
		start += THROTTLE_PERIOD;
		pthread_mutex_lock(&rp->lock);
		stop = rp->stop;
		pthread_mutex_unlock(&rp->lock);
	}
	return NULL;
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
		    .on_kick = on_kick,
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
	free(rp->need);
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

/* Cores other work must have used for a starved slot to be its doing. */
#define CONTAMINATION_OTHERS 0.1

/* What one run of a slot measured, before it is counted. */
struct slot_meas {
	double asked, got; /* units */
	size_t violated;
	bool over;
	double cpu;	      /* CPU the vCPUs received, s */
	double entitled;      /* CPU the cap let them have, s */
	double others, steal; /* cores, from /proc/stat */
	double delay;	      /* run-queue delay summed over the vCPUs, s */
	double wall;	      /* how long the slot lasted, s */
	double need, fits;    /* CPU s asked; entitled in the slot's length */
	bool contaminated;
};

/* Counters at a slot's start, differenced at its end. */
struct slot_mark {
	double wall, cpu, delay;
	struct machine_snap snap;
};

static double vcpu_delay(struct replay *rp)
{
	double t = 0, d;

	for (size_t v = 0; v < rp->n; v++)
		if (atomic_load(&rp->v[v].has_clock) &&
		    machine_run_delay(rp->v[v].tid, &d) == 0)
			t += d;
	return t;
}

static void mark(struct replay *rp, struct slot_mark *m)
{
	m->wall = now_s();
	m->cpu = vcpu_cpu(rp);
	m->delay = vcpu_delay(rp);
	if (machine_snap(&m->snap) < 0)
		memset(&m->snap, 0, sizeof(m->snap));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* See validate.h. */
double validate_entitled(double *need, size_t n, double c, double s)
{
	double t = 0, served = 0, total = 0;

	qsort(need, n, sizeof(*need), cmp_double);
	for (size_t i = 0; i < n; i++) {
		double busy = (double)(n - i), r = c / busy < 1 ? c / busy : 1;
		double dt = (need[i] - served) / r;

		if (t + dt >= s)
			return total + busy * (served + r * (s - t));
		t += dt;
		served = need[i];
		total += need[i];
	}
	return total;
}

/* Work units per CPU second of a guest vCPU (the native rate if unset). */
static double guest_rate(const struct validate_opts *o)
{
	return o->guest_units_per_core_s > 0 ? o->guest_units_per_core_s
					     : o->units_per_core_s;
}

/* Units asked and delivered in trace slot K, from the guests' reports. */
static void tally(const struct validate_opts *o, struct replay *rp, size_t k,
		  struct slot_meas *sm)
{
	double tol = o->tol;

	memset(sm, 0, sizeof(*sm));
	for (size_t v = 0; v < rp->n; v++) {
		const struct abi_result *res = vmm_vm_result(rp->v[v].vm);
		double u = rp->v[v].units[k];
		double d = res->slot == rp->slot ? (double)res->delivered : 0;

		if (d > u)
			d = u;
		sm->asked += u;
		sm->got += d;
		sm->violated += u > 0 && d < u * (1 - tol) - 1;
		if (rp->need)
			rp->need[v] = u / guest_rate(o);
	}
	sm->over = sm->asked > 0 && sm->got < sm->asked * (1 - tol) - 1;
}

/*
 * A slot run is contaminated when it lasted longer than asked (the
 * coordinator was held up, so the guests had extra time) and the cap could
 * not have served all that was asked in the slot's proper length (so the
 * extra time may have hidden a shortfall), or when a guest
 * fell short while the guests together did less work than the cap
 * entitled them to (at the calibrated rate), by more than the tolerance
 * and a millisecond, and other work ran: the shortfall is then not the
 * plan's doing. Work, not CPU time, because a vCPU thread
 * preempted by other work also gets less done per CPU second (each
 * preemption is a costly exit under nested virtualization). Where the cap
 * could serve all that was asked in the slot, any shortfall while other
 * work ran is contamination: the millisecond (for the cap's period) would
 * otherwise let a starved slot of a well-sized host count as overloaded
 * (measured: 4 of 24 runs at load 10-14, each short by 5.1-6.4 %).
 */
static bool contaminated(const struct validate_opts *o,
			 const struct slot_meas *sm)
{
	double slack = o->tol * sm->entitled + 0.001;
	bool busy = sm->others + sm->steal > CONTAMINATION_OTHERS;

	if (sm->wall > o->slot_s * (1 + o->tol) + 0.001 &&
	    (sm->over || sm->violated || sm->fits < sm->need * (1 - o->tol)))
		return true;
	if (!sm->over && !sm->violated)
		return false;
	if (sm->fits >= sm->need * (1 - 1e-9))
		return busy;
	return sm->got / guest_rate(o) < sm->entitled - slack && busy;
}

/* Score trace slot K, run since M0, into *SM. */
static void score(const struct validate_opts *o, struct replay *rp, size_t k,
		  const struct slot_mark *m0, struct slot_meas *sm)
{
	struct slot_mark m1;

	mark(rp, &m1);
	tally(o, rp, k, sm);
	sm->wall = m1.wall - m0->wall;
	sm->cpu = m1.cpu - m0->cpu;
	sm->delay = m1.delay - m0->delay;
	machine_others(&m0->snap, &m1.snap, &sm->others, &sm->steal);
	for (size_t v = 0; v < rp->n; v++)
		sm->need += rp->need[v];
	sm->fits = validate_entitled(rp->need, rp->n, rp->cores, o->slot_s);
	sm->entitled = validate_entitled(rp->need, rp->n, rp->cores, sm->wall);
	sm->contaminated = contaminated(o, sm);
}

/* Count the last run of trace slot K into R. */
static void count(const struct validate_opts *o, const struct slot_meas *sm,
		  size_t k, struct validate_result *r)
{
	r->asked += sm->asked;
	r->delivered += sm->got;
	r->violated += sm->violated;
	r->used[k] = sm->got / (o->units_per_core_s * o->slot_s * o->scale);
	if (sm->over) {
		r->overloaded++;
		r->unmet += sm->asked - sm->got;
	}
	if (sm->contaminated) {
		r->contaminated++;
		r->starved_cpu += sm->cpu;
		r->starved_entitled += sm->entitled;
	}
}

/* Hand round ROUND (replaying trace slot K) to every guest. */
static void publish(struct replay *rp, uint64_t round, size_t k)
{
	for (size_t v = 0; v < rp->n; v++)
		vmm_vm_params(rp->v[v].vm)->duty_slot = round;
	pthread_mutex_lock(&rp->lock);
	rp->slot = round;
	rp->k = k;
	pthread_cond_broadcast(&rp->cond);
	pthread_mutex_unlock(&rp->lock);
}

/*
 * Run trace slot K from *T (advanced to its end), again while it is
 * contaminated and repeats are left (o->retries per slot, as many as
 * half the slots in all), and count its last run.
 */
static int run_slot(const struct validate_opts *o, struct replay *rp, size_t k,
		    double *t, struct validate_result *r)
{
	struct slot_meas sm;
	struct slot_mark m;
	int rc;

	for (int a = 0;; a++) {
		mark(rp, &m);
		/* Late (held up by other work): the slot still gets its length.
		 */
		if (m.wall > *t)
			*t = m.wall;
		publish(rp, rp->slot + 1, k);
		*t += o->slot_s;
		sleep_until(*t);
		score(o, rp, k, &m, &sm);
		r->others += sm.others * sm.wall;
		r->steal += sm.steal * sm.wall;
		r->delay_s += sm.delay;
		rc = guest_failed(rp);
		if (rc || !sm.contaminated || a >= o->retries ||
		    2 * r->repeats >= o->nslots || interrupted)
			break;
		r->repeats++;
	}
	count(o, &sm, k, r);
	return rc;
}

static int replay(const struct validate_opts *o, struct replay *rp,
		  struct validate_result *r)
{
	double t0, t;
	int rc = 0;

	for (size_t v = 0; v < rp->n && rc == 0; v++)
		rc = vmm_vm_start(rp->v[v].vm);
	if (rc == 0 && rp->throttle)
		rc = -pthread_create(&rp->throttler, NULL, throttle, rp);
	t0 = t = now_s() + 0.01; /* let every vCPU reach its first duty read */
	sleep_until(t0);
	for (size_t k = 0; k < o->nslots && rc == 0; k++) {
		rc = run_slot(o, rp, k, &t, r);
		if (rc == 0 && interrupted)
			rc = -EINTR;
		if (rc == 0 && o->timeout_s > 0 && now_s() - t0 > o->timeout_s)
			rc = -ETIMEDOUT;
	}
	for (size_t v = 0; v < rp->n; v++)
		r->cpu_s += cpu_seconds(rp->v[v].cpu_clock);
	r->wall_s = now_s() - t0;
	stop_all(rp);
	if (rp->throttle)
		pthread_join(rp->throttler, NULL);
	return rc;
}

/*
 * replay() with the calling thread (the slot clock) at the highest nice
 * level this process may take, so that other processes do not make it
 * late (the guests would then get longer slots); restored after. It
 * sleeps nearly all the time, so this costs the others nothing.
 */
static int replay_urgent(const struct validate_opts *o, struct replay *rp,
			 struct validate_result *r)
{
	pid_t self = gettid();
	int old, rc;

	errno = 0;
	old = getpriority(PRIO_PROCESS, (id_t)self);
	if (errno == 0)
		setpriority(PRIO_PROCESS, (id_t)self, -20);
	rc = replay(o, rp, r);
	if (errno == 0 || old != -1)
		setpriority(PRIO_PROCESS, (id_t)self, old);
	return rc;
}

/*
 * replay() for calibration: also the CPU time VM 0's vCPU used from the
 * first slot to the last slot's end.
 */
static int replay_cpu(const struct validate_opts *o, struct replay *rp,
		      struct validate_result *r, double *cpu)
{
	struct slot_meas sm;
	double t0;
	int rc = vmm_vm_start(rp->v[0].vm);

	t0 = now_s() + 0.01;
	sleep_until(t0);
	*cpu = -cpu_seconds(rp->v[0].cpu_clock);
	for (size_t k = 0; k < o->nslots && rc == 0; k++) {
		publish(rp, k + 1, k);
		sleep_until(t0 + (double)(k + 1) * o->slot_s);
		tally(o, rp, k, &sm);
		r->delivered += sm.got;
		*cpu += cpu_seconds(rp->v[0].cpu_clock);
		rc = guest_failed(rp);
	}
	stop_all(rp);
	return rc;
}

/*
 * A cgroup where the machine allows one (and the caller did not ask for
 * the monitor's throttle), else the throttle; R says which.
 */
static void choose_cap(const struct validate_opts *o,
		       const struct validate_host *h, struct replay *rp,
		       struct validate_result *r)
{
	int rc = -EPERM;

	rp->cores = h->cap * o->scale;
	if (!o->monitor_cap)
		rc = cpucap_create(rp->cores, &rp->cap);
	if (rc == 0) {
		snprintf(r->enforcement, sizeof(r->enforcement), "%s (%s)",
			 cpucap_kind(rp->cap), cpucap_path(rp->cap));
		return;
	}
	if (!o->monitor_cap)
		error_warn("validate: no CPU-capped cgroup here (%s); the "
			   "monitor pauses vCPUs itself instead (coarser)",
			   strerror(-rc));
	rp->throttle = true;
	snprintf(r->enforcement, sizeof(r->enforcement),
		 "vmux's own throttle (vCPUs paused per %.0f ms period)",
		 THROTTLE_PERIOD * 1000);
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
	rp.need = calloc(h->nvms, sizeof(*rp.need));
	r->used = calloc(o->nslots, sizeof(*r->used));
	rc = rp.v && rp.need && r->used ? plan_units(o, h, &rp) : -ENOMEM;
	if (rc == 0)
		choose_cap(o, h, &rp, r);
	if (rc == 0)
		rc = make_vms(o, &rp);
	if (rc == 0)
		rc = replay_urgent(o, &rp, r);
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
