/*
 * simcsv.c - reading simulate's result and timeline CSVs (see simcsv.h).
 */
#include "reports/simcsv.h"
#include "reports/csvtab.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const res_cols[] = {
    "trace", "model", "policy", "energy_kwh",  "migrations", "slatah",
    "pdm",   "slav",  "esv",	"overall_sla", "host_hours", NULL,
};
static const char *const tl_cols[] = {
    "policy",		"t",	      "active_hosts", "power_w",
    "overloaded_hosts", "migrations", NULL,
};

static const char *basename_of(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	while (n > 0 && p[n - 1] != '/')
		n--;
	return p + n;
}

static int read_results(struct simcsv *s, const struct csvtab *t)
{
	size_t n = csvtab_nrows(t);
	void *p = realloc(s->res, (s->nres + n) * sizeof(*s->res));
	int rc = 0;

	if (!p)
		return -ENOMEM;
	s->res = p;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct simcsv_result *r = &s->res[s->nres + i];
		double *num[] = {&r->energy,  &r->migrations, &r->slatah,
				 &r->pdm,     &r->slav,	      &r->esv,
				 &r->overall, &r->hours};

		r->day = basename_of(csvtab_str(t, i, csvtab_col(t, "trace")));
		r->model = csvtab_str(t, i, csvtab_col(t, "model"));
		r->policy = csvtab_str(t, i, csvtab_col(t, "policy"));
		rc = csvtab_seed(t, i, csvtab_col(t, "seed"), &r->seed);
		for (int k = 0; rc == 0 && k < 8; k++)
			rc = csvtab_num(t, i, csvtab_col(t, res_cols[3 + k]), 0,
					k >= 2 && k <= 4 ? 1 : 1e12, false,
					num[k]);
	}
	if (rc == 0)
		s->nres += n;
	return rc;
}

static int read_timeline(struct simcsv *s, const struct csvtab *t)
{
	size_t n = csvtab_nrows(t);
	void *p = realloc(s->tl, (s->ntl + 1) * sizeof(*s->tl));
	struct simcsv_timeline *l;
	int rc = 0;

	if (!p)
		return -ENOMEM;
	s->tl = p;
	l = &s->tl[s->ntl];
	memset(l, 0, sizeof(*l));
	l->file = csvtab_path(t);
	l->policy = csvtab_str(t, 0, csvtab_col(t, "policy"));
	l->seed = "";
	l->n = n;
	double **col[] = {&l->t, &l->active, &l->power, &l->over, &l->migr};

	s->ntl++;
	for (int k = 0; k < 5; k++)
		if (!(*col[k] = calloc(n + 1, sizeof(double))))
			return -ENOMEM;
	if (n)
		rc = csvtab_seed(t, 0, csvtab_col(t, "seed"), &l->seed);
	for (size_t i = 0; rc == 0 && i < n; i++)
		for (int k = 0; rc == 0 && k < 5; k++)
			rc = csvtab_num(t, i, csvtab_col(t, tl_cols[1 + k]), 0,
					1e12, false, &(*col[k])[i]);
	return rc;
}

int simcsv_read(const char *const *paths, size_t n, struct simcsv **out)
{
	struct simcsv *s = calloc(1, sizeof(*s));
	int rc = s ? 0 : -ENOMEM;

	if (s && !(s->tab = calloc(n + 1, sizeof(*s->tab))))
		rc = -ENOMEM;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct csvtab *t;

		if ((rc = csvtab_read(paths[i], NULL, &t)) < 0)
			break;
		s->tab[s->ntab++] = t;
		bool tl = csvtab_col(t, "active_hosts") >= 0;

		struct csvtab *check = NULL;

		/* Read again naming the required columns: the message then
		 * names the one missing. */
		rc = csvtab_read(paths[i], tl ? tl_cols : res_cols, &check);
		csvtab_destroy(check);
		if (rc == 0)
			rc = tl ? read_timeline(s, s->tab[i])
				: read_results(s, s->tab[i]);
	}
	if (rc < 0) {
		simcsv_destroy(s);
		return rc;
	}
	*out = s;
	return 0;
}

void simcsv_destroy(struct simcsv *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ntl; i++) {
		free(s->tl[i].t);
		free(s->tl[i].active);
		free(s->tl[i].power);
		free(s->tl[i].over);
		free(s->tl[i].migr);
	}
	for (size_t i = 0; i < s->ntab; i++)
		csvtab_destroy(s->tab[i]);
	free(s->tab);
	free(s->res);
	free(s->tl);
	free(s);
}
