/*
 * section.c - helpers every section of the report uses (see section.h).
 */
#include "reports/section.h"
#include "reports/chart.h"
#include "reports/html.h"
#include "reports/table.h"
#include "lib/stepnote.h"
#include "sim/plan/plan_robust.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int section_summary(struct report *r, const char *fmt, ...)
{
	char **s = realloc(r->summary, (r->nsummary + 1) * sizeof(*s));
	va_list ap;
	int n;

	if (!s)
		return -ENOMEM;
	r->summary = s;
	va_start(ap, fmt);
	n = vasprintf(&s[r->nsummary], fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	r->nsummary++;
	return 0;
}

int section_table(struct report *r, int rc, struct table *t, size_t max_rows)
{
	if (rc >= 0)
		rc = table_write_csv(t, r->dir);
	if (rc == 0)
		table_write_html(t, r->html, max_rows);
	table_destroy(t);
	return rc;
}

void section_absent(struct report *r, const char *what, const char *hint)
{
	html_p(r->html, "absent",
	       "Input absent: no %s was given, so this "
	       "section is empty. %s",
	       what, hint);
}

void section_csvlink(struct report *r, const char *text, const char *name)
{
	fputs("<p class=\"csv\">", r->html);
	html_text(r->html, text);
	fputs(" <a href=\"", r->html);
	html_text(r->html, name);
	fputs(".csv\">", r->html);
	html_text(r->html, name);
	fputs(".csv</a></p>\n", r->html);
}

void section_nochart(struct report *r)
{
	html_p(r->html, "csv",
	       "Chart not drawn (--no-charts): the table "
	       "below has its numbers.");
}

int section_figure(struct report *r, struct chart *c, const char *png, int w,
		   int h, const char *alt, const char *caption)
{
	int rc = chart_finish(c);

	if (rc == 0)
		html_figure(r->html, png, w, h, alt, caption);
	return rc;
}

int section_parts(struct report *r, int (*text)(struct report *),
		  int (*chart)(struct report *), int (*table)(struct report *))
{
	int rc = text(r);

	if (rc == 0 && r->gnuplot)
		rc = chart(r);
	else if (rc == 0)
		section_nochart(r);
	return rc ? rc : table(r);
}

FILE *section_dat(const struct report *r, const char *fmt, ...)
{
	char *name = NULL, *path = NULL;
	FILE *fp = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&name, fmt, ap);
	va_end(ap);
	if (n >= 0 && asprintf(&path, "%s/%s", r->dir, name) >= 0)
		fp = fopen(path, "w");
	else
		errno = ENOMEM;
	free(name);
	free(path);
	return fp;
}

const char *section_ordinal(double p, char *buf, size_t n)
{
	long i = (long)p;
	const char *suffix = "th";

	if ((double)i == p && (i % 100 < 11 || i % 100 > 13))
		suffix = i % 10 == 1   ? "st"
			 : i % 10 == 2 ? "nd"
			 : i % 10 == 3 ? "rd"
				       : "th";
	snprintf(buf, n, "%g%s", p, suffix);
	return buf;
}

void section_time(double t, char *buf, size_t n)
{
	time_t s = (time_t)t;
	struct tm tm;

	/* Traces that count from their own start (Azure, Alibaba). */
	if (t < 1e8 || !gmtime_r(&s, &tm)) {
		snprintf(buf, n, "t = %.0f s", t);
		return;
	}
	strftime(buf, n, "%Y-%m-%d %H:%M UTC", &tm);
}

void section_window(const struct report_window *w, char *buf, size_t n)
{
	double step = trace_step(w->t), t0;
	char a[40], b[40];

	size_t gap = trace_uncovered(w->t, w->first, w->n);
	size_t k = w->n - gap;

	t0 = trace_start(w->t) + (double)w->first * step;
	section_time(t0, a, sizeof(a));
	section_time(t0 + (double)w->n * step, b, sizeof(b));
	if (gap)
		snprintf(buf, n,
			 "%s to %s, %zu slot%s of %g s with data, %zu "
			 "without data from any VM left out",
			 a, b, k, section_s(k), step, gap);
	else
		snprintf(buf, n, "%s to %s, %zu slot%s of %g s", a, b, k,
			 section_s(k), step);
}

const char *section_backend(const char *accel)
{
	if (accel && !strcmp(accel, "tcg"))
		return "binary translation (tcg)";
	if (accel && !strcmp(accel, "kvm"))
		return "hardware-assisted virtualization (KVM)";
	return "an unrecorded backend";
}

/* What the interval is of, by its scope S (PLAN.meta's promise). */
static const char *estimate_of(const char *s)
{
	if (s && !strcmp(s, "fleet"))
		return "the fleet-wide overload (overloaded host-slots / all "
		       "host-slots)";
	if (s && !strcmp(s, "host"))
		return "the share of hosts above the target (per-host "
		       "promise)";
	return "the plan's promise statistic (its scope, fleet or host, "
	       "is not recorded)";
}

/* A fleet interval of [0, 0] is the t interval of folds all at 0, not
 * certainty: what the clean folds bound, after BUF (plan's summary says
 * it too); not where PLAN.meta records no folds or period (older vmux). */
static void clean_note(const struct report_opts *o, char *buf, size_t n)
{
	size_t len = strlen(buf);
	char clean[192];

	if (!o->est_scope || strcmp(o->est_scope, "fleet") || o->est_hi != 0 ||
	    !o->est_folds || !(o->est_period > 0) || len >= n)
		return;
	snprintf(buf + len, n - len, " (%s)",
		 plan_robust_clean_text(o->est_folds, o->est_period, clean,
					sizeof(clean)));
}

void section_estimate(const struct report *r, char *buf, size_t n)
{
	const struct report_opts *o = r->o;
	char per[48];

	if (o->est_period > 0)
		snprintf(buf, n,
			 "%g %% interval [%.2f %%, %.2f %%] of %s of a later "
			 "%s like the held-out ones",
			 100 * ROBUST_INTERVAL, 100 * o->est_lo,
			 100 * o->est_hi, estimate_of(o->est_scope),
			 plan_robust_period(o->est_period, per, sizeof(per)));
	else
		snprintf(buf, n,
			 "%g %% interval [%.2f %%, %.2f %%] of %s of a later "
			 "period like the held-out ones (its length is not "
			 "recorded: PLAN.meta has no estimate_period, written "
			 "by an older vmux)",
			 100 * ROBUST_INTERVAL, 100 * o->est_lo,
			 100 * o->est_hi, estimate_of(o->est_scope));
	clean_note(o, buf, n);
}

int section_step_note(struct report *r, const char *which, double got,
		      double want, const char *whose)
{
	html_p(r->html, "absent",
	       "The %s trace has slots of %g s, the plan was fitted on slots "
	       "of %g s (%s): " STEPNOTE_RATES "; resample the %s trace to "
	       "%g s.",
	       which, got, want, whose, want, got, which, want);
	return section_summary(r,
			       "The %s trace has slots of %g s, the plan was "
			       "fitted on slots of %g s: " STEPNOTE_RATES ".",
			       which, got, want, want, got);
}

void section_promise(const struct report *r, double overload, size_t over,
		     size_t seen, const char *when, char *buf, size_t n)
{
	double target = report_target(r);

	if (report_promise_host(r))
		snprintf(buf, n,
			 "The plan's promise, per host (at most %g %% of the "
			 "hosts above the target), %s%s: %zu of %zu host%s.",
			 100 * target,
			 (double)over <= target * (double)seen + 1e-9
			     ? "held"
			     : "did not hold",
			 when, over, seen, section_s(seen));
	else
		snprintf(buf, n,
			 "The plan's promise, fleet-wide (at most %g %% of all "
			 "host-slots above capacity), %s%s: %.2f %%.",
			 100 * target,
			 overload <= target + 1e-12 ? "held" : "did not hold",
			 when, 100 * overload);
}
