/*
 * planterms.c - PLAN.meta, the terms beside a plan file (see planterms.h).
 * Numbers are written with 17 significant digits so they read back exactly.
 */
#include "sim/plan/planterms.h"
#include "lib/numtext.h"
#include "lib/escape.h"
#include "lib/error.h"
#include "lib/textline.h"
#include "lib/version.h"
#include "sim/plan/plan.h"
#include "sim/plan/plan_fit.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void planterms_clear(struct plan_terms *t)
{
	memset(t, 0, sizeof(*t));
	t->level = t->est_lo = t->est_hi = t->est_period = NAN;
	t->lifted = t->window = t->absent = t->nodata = t->apart =
	    PLANTERMS_UNKNOWN;
}

/* Copy SRC into DST[N], cut if too long. */
static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

int planterms_fill_base(struct plan_terms *t, const struct plan_opts *o,
			unsigned mask, enum plan_policy policy,
			const struct planterms_window *w, const char *trace,
			struct filehash *hash, const char *virt, double growth)
{
	int rc = 0;

	planterms_clear(t);
	for (int r = 0; r < RES_COUNT; r++)
		t->cap[r] = mask & RES_MASK(r) ? o->cap[r] : 0;
	t->percentile = o->p;
	copy(t->promise, sizeof(t->promise), plan_promise_name(o->promise));
	copy(t->policy, sizeof(t->policy), plan_policy_name(policy));
	t->train_from = w->start;
	t->train_to = w->end;
	t->slots = w->slots;
	t->step = w->step;
	copy(t->trace, sizeof(t->trace), trace);
	if (hash)
		rc = filehash_wait(hash, t->trace_sha256, &t->trace_size);
	if (rc < 0)
		error_msg("cannot read '%s': %s", trace, strerror(-rc));
	t->seed = o->seed;
	copy(t->virt, sizeof(t->virt), virt ? virt : "none");
	t->growth = growth;
	if (policy == PLAN_ROBUST)
		t->window = plan_fit_window(o->window);
	copy(t->version, sizeof(t->version), VMUX_VERSION);
	copy(t->build, sizeof(t->build), version_build());
	return rc;
}

void planterms_virt_factors(struct plan_terms *t, const double *f)
{
	if (!t->virt[0] || !strcmp(t->virt, "none"))
		return;
	for (int r = 0; r < RES_COUNT; r++)
		t->virt_factor[r] = t->cap[r] > 0 ? f[r] : 0;
}

int planterms_fill(struct plan_terms *t, const struct plan *pl,
		   const struct demand *d, const struct plan_opts *o,
		   const char *trace, struct filehash *hash, const char *virt,
		   double growth)
{
	struct planterms_window w = {d->start, d->end, d->nslots, d->step};
	int rc = planterms_fill_base(t, o, d->mask, pl->policy, &w, trace, hash,
				     virt, growth);

	t->level = pl->level;
	t->est_lo = pl->est_lo;
	t->est_hi = pl->est_hi;
	if (!isnan(pl->est_lo)) {
		t->est_period = pl->fold_secs;
		t->est_folds = pl->folds;
	}
	t->lifted = pl->lifted;
	t->absent = pl->absent;
	t->apart = pl->apart;
	return rc;
}

static void put_num(FILE *fp, const char *key, double x)
{
	if (!isnan(x))
		fprintf(fp, "%s=%.17g\n", key, x);
}

/* KEY=N unless N is PLANTERMS_UNKNOWN. */
static void put_count(FILE *fp, const char *key, size_t n)
{
	if (n != PLANTERMS_UNKNOWN)
		fprintf(fp, "%s=%zu\n", key, n);
}

void planterms_write(FILE *fp, const struct plan_terms *t,
		     const char *plan_sha256)
{
	for (int r = 0; r < RES_COUNT; r++)
		if (t->cap[r] > 0)
			fprintf(fp, "host_%s=%.17g\n", res_name((enum res)r),
				t->cap[r]);
	fprintf(fp, "percentile=%.17g\npromise=%s\napplies_to=%s\n",
		t->percentile, t->promise,
		strcmp(t->promise, "host") ? "overloaded host-slots / all "
					     "host-slots of the plan"
					   : "overloaded slots / slots, of "
					     "each host on its own");
	fprintf(fp, "policy=%s\n", t->policy);
	put_num(fp, "level", t->level);
	put_num(fp, "estimate_lo", t->est_lo);
	put_num(fp, "estimate_hi", t->est_hi);
	put_num(fp, "estimate_period", t->est_period);
	if (t->est_folds)
		fprintf(fp, "estimate_folds=%zu\n", t->est_folds);
	fprintf(fp, "train_from=%.17g\ntrain_to=%.17g\nslots=%zu\nstep=%.17g\n",
		t->train_from, t->train_to, t->slots, t->step);
	fputs("trace=", fp);
	escape_line_put(fp, t->trace); /* any byte: one line */
	fputc('\n', fp);
	if (t->trace_sha256[0])
		fprintf(fp, "trace_size=%" PRIu64 "\ntrace_sha256=%s\n",
			t->trace_size, t->trace_sha256);
	fprintf(fp, "seed=%" PRIu64 "\nvirt=%s\n", t->seed, t->virt);
	for (int r = 0; r < RES_COUNT; r++)
		if (t->virt_factor[r] > 0)
			fprintf(fp, "virt_factor_%s=%.17g\n",
				res_name((enum res)r), t->virt_factor[r]);
	fprintf(fp, "growth=%.17g\n", t->growth);
	put_count(fp, "trend_lifted_vms", t->lifted);
	put_count(fp, "absent_vms", t->absent);
	put_count(fp, "no_data_vms", t->nodata);
	put_count(fp, "may_grow_vms", t->apart);
	put_count(fp, "window", t->window);
	fprintf(fp, "vmux_version=%s\n", t->version);
	if (t->build[0])
		fprintf(fp, "vmux_build=%s\n", t->build);
	if (plan_sha256)
		fprintf(fp, "plan_sha256=%s\n", plan_sha256);
}

/* Copy VAL into DST[N]; -EBADMSG if it does not fit. */
/*
 * VAL into DST (N bytes), escape_line_put()'s escapes undone; a value
 * they do not explain is kept as it is (older vmux wrote it raw).
 */
static int put_str(char *dst, size_t n, const char *val, const char *file,
		   unsigned long line, const char *key)
{
	if (strlen(val) >= n)
		return error_data(file, line, key, "longer than %zu bytes",
				  n - 1);
	strcpy(dst, val);
	escape_line_undo(dst); /* never longer; unchanged when it fails */
	return 0;
}
static int put_dbl(double *dst, const char *val, const char *file,
		   unsigned long line, const char *key)
{
	errno = 0;
	if (numtext_parse(val, dst) < 0 || errno || !isfinite(*dst))
		return error_data(file, line, key, "'%s' is not a number", val);
	return 0;
}

static int put_u64(uint64_t *dst, const char *val, const char *file,
		   unsigned long line, const char *key)
{
	char *end;

	errno = 0;
	*dst = strtoull(val, &end, 10);
	if (errno || end == val || *end || *val == '-')
		return error_data(file, line, key, "'%s' is not a count", val);
	return 0;
}

enum kind { NUM, U64, SIZE, STR };

/* The keys read back, where they go in struct plan_terms. */
static const struct key {
	const char *name;
	enum kind kind;
	size_t off, len; /* len: STR buffer size */
} keys[] = {
#define K(N, KIND, F)                                                          \
	{                                                                      \
		N, KIND, offsetof(struct plan_terms, F), 0                     \
	}
#define S(N, F)                                                                \
	{                                                                      \
		N, STR, offsetof(struct plan_terms, F),                        \
		    sizeof(((struct plan_terms *)0)->F)                        \
	}
    K("percentile", NUM, percentile),
    K("level", NUM, level),
    K("estimate_lo", NUM, est_lo),
    K("estimate_hi", NUM, est_hi),
    K("estimate_period", NUM, est_period),
    K("train_from", NUM, train_from),
    K("train_to", NUM, train_to),
    K("step", NUM, step),
    K("growth", NUM, growth),
    K("slots", SIZE, slots),
    K("estimate_folds", SIZE, est_folds),
    K("trend_lifted_vms", SIZE, lifted),
    K("window", SIZE, window),
    K("absent_vms", SIZE, absent),
    K("no_data_vms", SIZE, nodata),
    K("may_grow_vms", SIZE, apart),
    K("trace_size", U64, trace_size),
    K("seed", U64, seed),
    S("promise", promise),
    S("policy", policy),
    S("trace", trace),
    S("trace_sha256", trace_sha256),
    S("virt", virt),
    S("vmux_version", version),
    S("vmux_build", build),
#undef K
#undef S
};

/* VAL into the field K of T. */
static int put_key(struct plan_terms *t, const struct key *k, const char *val,
		   const char *file, unsigned long line)
{
	char *p = (char *)t + k->off;
	uint64_t u;
	int rc;

	switch (k->kind) {
	case NUM:
		return put_dbl((double *)p, val, file, line, k->name);
	case U64:
		return put_u64((uint64_t *)p, val, file, line, k->name);
	case SIZE:
		rc = put_u64(&u, val, file, line, k->name);
		*(size_t *)p = (size_t)u;
		return rc;
	default:
		return put_str(p, k->len, val, file, line, k->name);
	}
}

/*
 * The values later commands act on must be ones vmux plan can write: a
 * hand-edited percentile of 250 would set a target of -150 %, and an
 * unknown scope would silently be taken for fleet.
 */
static int check_value(const struct plan_terms *t, const char *key,
		       const char *file, unsigned long line)
{
	enum plan_promise pp;

	if (!strcmp(key, "percentile") &&
	    !(t->percentile > 0 && t->percentile < 100))
		return error_data(file, line, key, "%g is not in (0, 100)",
				  t->percentile);
	if (!strcmp(key, "estimate_period") && !(t->est_period > 0))
		return error_data(file, line, key, "must be > 0");
	if (!strcmp(key, "promise") && plan_promise_parse(t->promise, &pp) < 0)
		return error_data(file, line, key,
				  "'%s' is neither fleet nor host", t->promise);
	return 0;
}

/* Where KEY goes when it is host_R or virt_factor_R of resource R, else
 * NULL. */
static double *per_resource(struct plan_terms *t, const char *key, enum res r)
{
	if (!strncmp(key, "host_", 5) && !strcmp(key + 5, res_name(r)))
		return &t->cap[r];
	if (!strncmp(key, "virt_factor_", 12) && !strcmp(key + 12, res_name(r)))
		return &t->virt_factor[r];
	return NULL;
}

/* One key=value line into T (plan_sha256 to SHA); unknown keys skipped. */
static int parse_kv(struct plan_terms *t, char *sha, const char *key,
		    const char *val, const char *file, unsigned long line)
{
	int rc;

	for (int r = 0; r < RES_COUNT; r++) {
		double *dst = per_resource(t, key, (enum res)r);

		if (!dst)
			continue;
		rc = put_dbl(dst, val, file, line, key);
		if (rc == 0 && !(*dst > 0))
			rc = error_data(file, line, key, "must be > 0");
		return rc;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i].name)) {
			rc = put_key(t, &keys[i], val, file, line);
			return rc ? rc : check_value(t, key, file, line);
		}
	if (!strcmp(key, "plan_sha256"))
		return put_str(sha, SHA256_HEX_LEN + 1, val, file, line, key);
	return 0;
}

static int parse_lines(FILE *fp, const char *file, struct plan_terms *t,
		       char *sha)
{
	char *buf = NULL, *eq;
	size_t cap = 0;
	unsigned long line = 0;
	ssize_t n;
	int rc = 0;

	while (rc == 0 && (n = getline(&buf, &cap, fp)) >= 0) {
		line++;
		if (memchr(buf, '\0', (size_t)n)) {
			rc = error_data(file, line, "(row)",
					"NUL byte in the data");
			break;
		}
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		if (n == 0)
			continue;
		eq = strchr(buf, '=');
		if (!eq || eq == buf) {
			rc = error_data(file, line, "key=value",
					"'%s' is not key=value", buf);
			break;
		}
		*eq = '\0';
		rc = parse_kv(t, sha, buf, eq + 1, file, line);
	}
	/* getline stops short of the end without the error flag when out
	 * of memory: that is no end of file (the plan's hash unread would
	 * have ignored the terms, exit 0). */
	if (rc == 0 && (rc = textline_stop(fp)) == -EIO)
		error_msg("cannot read '%s'", file);
	free(buf);
	return rc;
}

/* Does the plan file PLAN hash to SHA? */
static int plan_matches(const char *plan, const char *sha, bool *match)
{
	char hex[SHA256_HEX_LEN + 1];
	uint64_t size;
	int rc = sha256_file(plan, hex, &size);

	if (rc < 0) {
		error_msg("cannot read '%s': %s", plan, strerror(-rc));
		return rc;
	}
	*match = !strcmp(hex, sha);
	return 0;
}

int planterms_read(const char *plan, struct plan_terms *t, bool *found)
{
	char *meta = NULL, sha[SHA256_HEX_LEN + 1] = "";
	FILE *fp = NULL;
	int rc = 0;

	planterms_clear(t);
	*found = false;
	if (!strcmp(plan, "-"))
		return 0;
	if (asprintf(&meta, "%s.meta", plan) < 0)
		return -ENOMEM;
	fp = fopen(meta, "r");
	if (!fp) {
		rc = errno == ENOENT ? 0 : -errno;
		if (rc < 0)
			error_msg("cannot read '%s': %s", meta, strerror(-rc));
		goto out;
	}
	rc = parse_lines(fp, meta, t, sha);
	if (rc == 0)
		rc = plan_matches(plan, sha, found);
	if (rc == 0 && !*found)
		error_warn("'%s' was written for another version of '%s' "
			   "(plan_sha256 differs): its terms are ignored",
			   meta, plan);
out:
	if (fp)
		fclose(fp);
	if (!*found)
		planterms_clear(t);
	free(meta);
	return rc;
}

void planterms_virt(const char *cmd, const char *plan,
		    const struct plan_terms *t, bool found, const char *virt)
{
	const char *packed = found && t->virt[0] ? t->virt : "none";
	const char *now = virt ? virt : "none";

	if (!found || !strcmp(packed, now))
		return;
	error_warn("%s: the plan '%s' was packed with virt=%s (%s.meta) and "
		   "is replayed with virt=%s: give the plan's --virt (and "
		   "--overhead) to replay it as it was planned",
		   cmd, plan, packed, plan, now);
}

/* X in BUF[32] with as few digits as read back to X: a message shows two
 * values that differ as two different numbers (%g made 1250001 and
 * 1250000 both "1.25e+06"). Returns BUF. */
static const char *exact(char *buf, double x)
{
	for (int prec = 6; prec < 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return buf;
	}
	snprintf(buf, 32, "%.17g", x);
	return buf;
}

bool planterms_has_factors(const struct plan_terms *t, bool found)
{
	if (!found || !t->virt[0])
		return false;
	for (int r = 0; r < RES_COUNT; r++)
		if (t->virt_factor[r] > 0)
			return true;
	return !strcmp(t->virt, "none");
}

/* The factor T's plan was made with for R: its virt_factor_R, 1 under
 * virt=none; 0 for a resource it was not packed for. */
static double made_with(const struct plan_terms *t, int r)
{
	if (strcmp(t->virt, "none"))
		return t->virt_factor[r];
	return t->cap[r] > 0 ? 1 : 0;
}

int planterms_factors(const char *cmd, const char *plan,
		      const struct plan_terms *t, bool found, unsigned mask,
		      const struct planterms_virt_given *g, double *f)
{
	char a[32], b[32];

	if (!planterms_has_factors(t, found)) {
		planterms_virt(cmd, plan, t, found, g->virt);
		return 0;
	}
	for (int r = 0; r < RES_COUNT; r++) {
		double want = made_with(t, r);

		if (!g->virt) {
			f[r] = want > 0 ? want : 1;
			continue;
		}
		if (!(mask & RES_MASK(r)) || !(want > 0) || f[r] == want)
			continue;
		return error_usage(
		    cmd,
		    "--virt %s%s%s gives %s factor %s but the plan '%s' was "
		    "made with virt=%s, %s factor %s (%s.meta): leave out "
		    "--virt%s to replay it with the plan's factors",
		    g->virt, g->overhead ? " --overhead " : "",
		    g->overhead ? g->overhead : "", res_name((enum res)r),
		    exact(a, f[r]), plan, t->virt, res_name((enum res)r),
		    exact(b, want), plan, g->overhead ? " and --overhead" : "");
	}
	return 0;
}

void planterms_cpu_only(const char *cmd, const char *plan, const double *cap)
{
	char names[64] = "", caps[160] = "", a[32];
	size_t n = 0, m = 0;

	for (int r = 0; r < RES_COUNT; r++) {
		const char *name = res_name((enum res)r);

		if (r == RES_CPU || !(cap[r] > 0))
			continue;
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
				      n ? ", " : "", name);
		m += (size_t)snprintf(caps + m, sizeof(caps) - m,
				      "host_%s=%s, ", name, exact(a, cap[r]));
	}
	if (n)
		error_note(
		    "%s: the plan '%s' was packed for %s too (%s%s.meta): "
		    "the guests replay cpu alone, so the predicted and "
		    "measured rates are cpu's, not the plan's overload "
		    "(vmux evaluate replays every resource)",
		    cmd, plan, names, caps, plan);
}

void planterms_no_column(const char *cmd, const char *plan, bool from_terms,
			 enum res r, double cap, const char *trace)
{
	const char *name = res_name(r);
	char a[32];

	if (from_terms)
		error_msg("%s: the plan '%s' was packed for %s (host_%s=%s, "
			  "%s.meta), but '%s' has no '%s' column",
			  cmd, plan, name, name, exact(a, cap), plan, trace,
			  name);
	else
		error_msg("%s: option '--host-%s': '%s' has no '%s' column",
			  cmd, name, trace, name);
}

/* Whether PLAN has a PLAN.meta, which planterms_read() then ignored
 * (written for another version of PLAN; a bare plan has none). */
static bool stale_meta(const char *plan)
{
	char *meta = NULL;
	bool there;

	if (!strcmp(plan, "-") || asprintf(&meta, "%s.meta", plan) < 0)
		return false;
	there = access(meta, F_OK) == 0;
	free(meta);
	return there;
}

int planterms_caps(const char *cmd, const char *plan,
		   const struct plan_terms *t, bool found, double *cap,
		   const char *terms_opts)
{
	char a[32], b[32];

	for (int r = 0; found && r < RES_COUNT; r++) {
		const char *name = res_name((enum res)r);

		if (t->cap[r] > 0 && cap[r] > 0 && t->cap[r] != cap[r])
			return error_usage(cmd,
					   "option '--host-%s' %s conflicts "
					   "with the plan's host_%s=%s "
					   "(%s.meta)",
					   name, exact(a, cap[r]), name,
					   exact(b, t->cap[r]), plan);
		if (t->cap[r] > 0)
			cap[r] = t->cap[r];
		else if (cap[r] > 0)
			error_warn("%s: the plan '%s' was not packed for %s; "
				   "replaying it with '--host-%s' %s",
				   cmd, plan, name, name, exact(a, cap[r]));
	}
	if (!(cap[RES_CPU] > 0) && !strcmp(plan, "-"))
		return error_usage(cmd,
				   "option '--host-cpu' is required: a plan "
				   "read from standard input ('--plan -') "
				   "carries no PLAN.meta, so its terms are "
				   "given on the command line: --host-cpu%s, "
				   "as the plan was packed",
				   terms_opts);
	if (!(cap[RES_CPU] > 0))
		return error_usage(cmd,
				   "option '--host-cpu' is required: the plan "
				   "'%s' records no capacities (%s%s.meta%s)",
				   plan, stale_meta(plan) ? "its " : "no ",
				   plan,
				   stale_meta(plan) ? " is ignored: written "
						      "for another version "
						      "of it"
						    : "");
	return 0;
}

/* The plan's percentile into *P unless the command line gave one. */
static int take_percentile(const char *cmd, const char *plan,
			   const struct plan_terms *t, double *p)
{
	char a[32], b[32];

	if (!(t->percentile > 0))
		return 0;
	if (!isnan(*p) && *p != t->percentile)
		return error_usage(cmd,
				   "option '--percentile' %s conflicts with "
				   "the plan's percentile=%s (%s.meta)",
				   exact(a, *p), exact(b, t->percentile), plan);
	*p = t->percentile;
	return 0;
}

/* The plan's promise scope into *PROMISE unless the command line gave one. */
static int take_promise(const char *cmd, const char *plan,
			const struct plan_terms *t, int *promise)
{
	enum plan_promise pp;

	if (plan_promise_parse(t->promise, &pp) < 0)
		return 0; /* an older plan: no scope recorded */
	if (*promise >= 0 && *promise != (int)pp)
		return error_usage(
		    cmd,
		    "option '--promise' %s conflicts with the "
		    "plan's promise=%s (%s.meta)",
		    plan_promise_name((enum plan_promise) * promise),
		    t->promise, plan);
	*promise = (int)pp;
	return 0;
}

int planterms_level(const char *cmd, const char *plan,
		    const struct plan_terms *t, bool found, double *p,
		    int *promise, bool *from_terms)
{
	int rc = 0;

	if (from_terms)
		*from_terms = found && t->percentile > 0;
	if (found)
		rc = take_percentile(cmd, plan, t, p);
	if (rc == 0 && found)
		rc = take_promise(cmd, plan, t, promise);
	if (rc == 0 && isnan(*p))
		*p = 95;
	if (rc == 0 && *promise < 0)
		*promise = PLAN_PROMISE_FLEET;
	return rc;
}

int planterms_set(struct plan_terms *t, const char *line, const char *file,
		  unsigned long lineno)
{
	char sha[SHA256_HEX_LEN + 1], key[64];
	const char *eq = strchr(line, '=');

	if (!eq || eq == line || (size_t)(eq - line) >= sizeof(key))
		return error_data(file, lineno, "key=value",
				  "'%s' is not key=value", line);
	memcpy(key, line, (size_t)(eq - line));
	key[eq - line] = '\0';
	return parse_kv(t, sha, key, eq + 1, file, lineno);
}

/* Key K's value in T as text into BUF[N]. */
static void key_text(const struct plan_terms *t, const struct key *k, char *buf,
		     size_t n)
{
	const char *p = (const char *)t + k->off;

	switch (k->kind) {
	case NUM:
		snprintf(buf, n, "%.17g", *(const double *)p);
		break;
	case U64:
		snprintf(buf, n, "%" PRIu64, *(const uint64_t *)p);
		break;
	case SIZE:
		snprintf(buf, n, "%zu", *(const size_t *)p);
		break;
	default:
		snprintf(buf, n, "%s", p);
	}
}

/* planterms_compare() of the --virt factors (after the style: shards of
 * two styles differ in it first). */
static int compare_factors(const struct plan_terms *a,
			   const struct plan_terms *b, char *why, size_t n)
{
	char va[32], vb[32];
	const char *name;

	for (int r = 0; r < RES_COUNT; r++) {
		if (a->virt_factor[r] == b->virt_factor[r])
			continue;
		name = res_name((enum res)r);
		snprintf(
		    why, n, "virt_factor_%s=%s vs virt_factor_%s=%s", name,
		    numtext_fewest(va, sizeof(va), a->virt_factor[r], false),
		    name,
		    numtext_fewest(vb, sizeof(vb), b->virt_factor[r], false));
		return -EINVAL;
	}
	return 0;
}

int planterms_compare(const struct plan_terms *a, const struct plan_terms *b,
		      char *why, size_t n)
{
	char va[PLANTERMS_STR], vb[PLANTERMS_STR];

	for (int r = 0; r < RES_COUNT; r++)
		if (a->cap[r] != b->cap[r]) {
			snprintf(why, n, "host_%s=%g vs host_%s=%g",
				 res_name((enum res)r), a->cap[r],
				 res_name((enum res)r), b->cap[r]);
			return -EINVAL;
		}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		key_text(a, &keys[i], va, sizeof(va));
		key_text(b, &keys[i], vb, sizeof(vb));
		if (strcmp(va, vb)) {
			snprintf(why, n, "%s=%s vs %s=%s", keys[i].name, va,
				 keys[i].name, vb);
			return -EINVAL;
		}
	}
	return compare_factors(a, b, why, n);
}
