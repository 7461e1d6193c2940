/*
 * section_header.c - the top of the page: what the report was made from
 * (inputs, parameters, seed, vmux version, date), the conclusions the
 * sections drew, and the contents. Written last, when the sections have
 * added their conclusions, but shown first.
 */
#include "reports/benchcsv.h"
#include "reports/csvtab.h"
#include "reports/evalcsv.h"
#include "reports/frontiercsv.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/table.h"
#include "reports/validcsv.h"
#include "sim/plan/planfile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

/* As `vmux version` prints it (sim/cli/cmd_version.c). */
#include "lib/version.h"

static const struct {
	const char *id, *title;
} contents[] = {
    {"sizing", "Multiplexing gain: individual vs joint sizes"},
    {"evaluation", "Out of sample: the plan on another window"},
    {"demand", "Demand over time on the busiest hosts"},
    {"frontier", "Hosts against overload: the frontier"},
    {"correlation", "Correlation of the VMs, by host"},
    {"overhead", "Virtualization overhead: the core four"},
    {"validation", "Validation on real guests"},
};

static void meta(FILE *fp, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void meta(FILE *fp, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		s = NULL;
		fp->_flags |= _IO_ERR_SEEN; /* as html.c: the page fails */
	}
	va_end(ap);
	fputs("<dt>", fp);
	html_text(fp, key);
	fputs("</dt><dd>", fp);
	html_text(fp, s ? s : "?");
	fputs("</dd>\n", fp);
	free(s);
}

/* Size of PATH in bytes, or -1. */
static long long file_bytes(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static int input_row(struct table *t, const char *role, const char *path,
		     const char *detail)
{
	int rc = table_text(t, role);

	if (rc == 0)
		rc = table_text(t, path ? path : "");
	if (rc == 0)
		rc = table_num(t, path ? (double)file_bytes(path) : NAN);
	if (rc == 0)
		rc = table_text(t, path ? detail : "absent");
	return rc ? rc : table_end_row(t);
}

static int optional_rows(struct report *r, struct table *t)
{
	const struct report_opts *o = r->o;
	/* evaluated hosts, frontier points and policies, bench rows,
	   validated hosts: 0 when the input is absent */
	size_t n[5] = {r->ev ? r->ev->nhosts : 0, r->fr ? r->fr->nrows : 0,
		       r->fr ? r->fr->npolicies : 0,
		       r->bench ? r->bench->nrows : 0,
		       r->val ? r->val->nhosts : 0};
	char d[4][64];
	int rc;

	snprintf(d[0], 64, "%zu host row%s", n[0], section_s(n[0]));
	snprintf(d[1], 64, "%zu point%s, %zu polic%s", n[1], section_s(n[1]),
		 n[2], n[2] == 1 ? "y" : "ies");
	snprintf(d[2], 64, "%zu row%s", n[3], section_s(n[3]));
	snprintf(d[3], 64, "%zu host row%s", n[4], section_s(n[4]));
	rc = input_row(t, "evaluation (--eval)", o->eval, d[0]);
	if (rc == 0)
		rc = input_row(t, "frontier (--frontier)", o->frontier, d[1]);
	if (rc == 0)
		rc = input_row(t, "benchmark (--bench)", o->bench, d[2]);
	if (rc == 0)
		rc = input_row(t, "validation (--validation)", o->validation,
			       d[3]);
	return rc;
}

static const struct table_col input_cols[] = {
    {"input", NULL, TABLE_TEXT},
    {"path", NULL, TABLE_TEXT},
    {"bytes", NULL, TABLE_INT},
    {"holds", NULL, TABLE_TEXT},
};

/* "N VMs, N slots of S s" for the inputs table, into BUF[96]: the slots
 * with data (those without are in no window). */
static void trace_holds(const struct trace *tr, char *buf)
{
	size_t n = trace_nslots(tr) - trace_uncovered(tr, 0, trace_nslots(tr));

	snprintf(buf, 96, "%zu VM%s, %zu slot%s of %g s%s", trace_nvms(tr),
		 section_s(trace_nvms(tr)), n, section_s(n), trace_step(tr),
		 n < trace_nslots(tr) ? " with data" : "");
}

static int inputs_table(struct report *r)
{
	const struct report_opts *o = r->o;
	struct table *t;
	char d[2][96];
	int rc = table_create("inputs", input_cols, 4, &t);

	if (rc < 0)
		return rc;
	trace_holds(r->train_trace, d[0]);
	rc = input_row(t, "trace (--trace)", o->trace, d[0]);
	snprintf(d[1], 96, "%zu VM%s on %zu host%s", planfile_nvms(r->plan),
		 section_s(planfile_nvms(r->plan)), r->nhosts,
		 section_s(r->nhosts));
	if (rc == 0)
		rc = input_row(t, "plan (--plan)", o->plan, d[1]);
	if (rc == 0 && o->eval_trace && r->eval_trace != r->train_trace) {
		trace_holds(r->eval_trace, d[0]);
		rc = input_row(t, "evaluation trace (--eval-trace)",
			       o->eval_trace, d[0]);
	}
	if (rc == 0)
		rc = optional_rows(r, t);
	if (rc >= 0)
		html_section(r->html, "inputs", "Inputs and parameters");
	return section_table(r, rc, t, 0);
}

static void date_now(char *buf, size_t n)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

/* Every capacity a host has (each resource the plan was packed for and
 * the evaluation replays), and where each came from: PLAN.meta or the
 * option that gave it. */
static void capacity(struct report *r)
{
	static const char *const unit[RES_COUNT] = {"core", "MiB", "KiB/s",
						    "KiB/s"};
	const struct report_opts *o = r->o;
	char caps[256] = "", from[128] = "";
	size_t nc = 0, nf = 0;

	for (int res = 0; res < RES_COUNT; res++) {
		double c = res == RES_CPU ? o->host_cpu : o->host_cap[res];
		const char *n = res_name((enum res)res);
		bool terms = o->caps_from_terms & RES_MASK(res);

		if (!(c > 0) || nc >= sizeof(caps) || nf >= sizeof(from))
			continue;
		nc += (size_t)snprintf(caps + nc, sizeof(caps) - nc,
				       "%s%g %s%s of %s", nc ? ", " : "", c,
				       unit[res],
				       res == RES_CPU && c != 1 ? "s" : "", n);
		if (!terms)
			nf +=
			    (size_t)snprintf(from + nf, sizeof(from) - nf,
					     "%s--host-%s", nf ? ", " : "", n);
	}
	meta(r->html, "Host capacity", "%s per host (%s%s%s)", caps,
	     o->caps_from_terms ? "PLAN.meta" : "",
	     o->caps_from_terms && *from ? "; " : "", from);
}

/* Where the service level came from: PLAN.meta, the options, else the
 * defaults (P = 95, fleet). */
static const char *level_source(const struct report_opts *o)
{
	if (o->from_terms)
		return "PLAN.meta";
	if (o->pct_given && o->promise_given)
		return "--percentile, --promise";
	if (o->pct_given)
		return "--percentile; the scope by default";
	if (o->promise_given)
		return "--promise; the percentile by default";
	return "the defaults: no PLAN.meta records one";
}

/* The plan's seed, and the overhead its demand was packed with where it
 * was (the report replays the demand as measured). */
static void seed_and_overhead(struct report *r)
{
	const struct report_opts *o = r->o;

	if (o->plan_seed)
		meta(r->html, "Seed",
		     "the plan's: %s (PLAN.meta; policy %s); the frontier's "
		     "and the simulations' are in their sections; the report "
		     "itself draws no random numbers",
		     o->plan_seed, o->plan_policy ? o->plan_policy : "?");
	else
		meta(r->html, "Seed",
		     "the plan's is not known (no PLAN.meta beside it; vmux "
		     "plan writes one); the frontier's and the simulations' "
		     "are in their sections; the report itself draws no "
		     "random numbers");
	if (o->plan_virt)
		meta(r->html, "Overhead",
		     "none replayed: the plan was packed with virt=%s "
		     "(PLAN.meta), its demand inflated by that style's "
		     "overhead; the sizes and overloads here are of the demand "
		     "as measured (vmux evaluate --virt %s replays it as "
		     "planned)",
		     o->plan_virt, o->plan_virt);
}

/* robust's out-of-sample interval, where PLAN.meta records one. */
static void estimate_row(struct report *r)
{
	char e[512];

	if (!r->o->has_est)
		return;
	section_estimate(r, e, sizeof(e));
	meta(r->html, "Out-of-sample estimate", "PLAN.meta's: robust's %s", e);
}

static void parameters(struct report *r)
{
	const struct report_opts *o = r->o;
	FILE *fp = r->html;
	char w[160];

	fputs("<dl class=\"meta\">\n", fp);
	capacity(r);
	section_ordinal(o->percentile, w, sizeof(w));
	if (report_promise_host(r))
		meta(fp, "Service level",
		     "%s percentile, promise per host: a host is above the "
		     "target when more than %g %% of its own slots are above "
		     "capacity; at most %g %% of the hosts may be (%s)",
		     w, 100 - o->percentile, 100 - o->percentile,
		     level_source(o));
	else
		meta(fp, "Service level",
		     "%s percentile, promise fleet-wide: at most %g %% of all "
		     "host-slots of the plan above capacity (%s)",
		     w, 100 - o->percentile, level_source(o));
	estimate_row(r);
	section_window(&r->train, w, sizeof(w));
	meta(fp, "Training window", "%s (%s%s)", w, r->train.path,
	     o->train_from_terms ? "; PLAN.meta" : "");
	if (r->eval.t)
		section_window(&r->eval, w, sizeof(w));
	meta(fp, "Evaluation window", "%s%s%s%s", r->eval.t ? w : "none",
	     r->eval.t ? " ("
		       : " (give --eval-trace, or --train-to "
			 "before the end of the trace)",
	     r->eval.t ? r->eval.path : "", r->eval.t ? ")" : "");
	seed_and_overhead(r);
	meta(fp, "Charts", "%s",
	     r->gnuplot ? r->gnuplot : "not drawn (--no-charts): tables only");
	fputs("</dl>\n", fp);
}

static void summary(struct report *r)
{
	FILE *fp = r->html;

	html_section(fp, "summary", "Summary");
	fputs("<ul>\n", fp);
	for (size_t i = 0; i < r->nsummary; i++) {
		fputs("<li>", fp);
		html_text(fp, r->summary[i]);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n<nav><p>Sections:", fp);
	for (size_t i = 0; i < sizeof(contents) / sizeof(*contents); i++) {
		fprintf(fp, "%s <a href=\"#%s\">", i ? " &middot;" : "",
			contents[i].id);
		html_text(fp, contents[i].title);
		fputs("</a>", fp);
	}
	fputs("</p></nav>\n", fp);
}

int section_header(struct report *r)
{
	char date[40];
	int rc;

	date_now(date, sizeof(date));
	html_begin(r->html, "vmux consolidation report");
	html_p(r->html, NULL, "Written by vmux %s (build %s) on %s.",
	       VMUX_VERSION, version_build(), date);
	if (r->o->command)
		html_p(r->html, "csv", "Command: %s", r->o->command);
	rc = inputs_table(r);
	if (rc == 0) {
		parameters(r);
		summary(r);
	}
	return rc;
}
