/*
 * stats.c - sizes and correlations for the report (see stats.h).
 *
 * Correlations are computed from centred rows scaled to unit norm, so each
 * entry is one dot product; sums run in double over a few hundred VMs x a
 * few thousand slots at most, where rounding stays far below the 3 digits
 * the report shows.
 */
#include "reports/stats.h"
#include "models/size.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Centre ROW and scale it to unit norm into OUT; false if it is flat. */
static int normalise(const double *row, size_t len, double *out)
{
	double mean = 0, ss = 0;

	for (size_t k = 0; k < len; k++)
		mean += row[k];
	mean /= (double)len;
	for (size_t k = 0; k < len; k++) {
		out[k] = row[k] - mean;
		ss += out[k] * out[k];
	}
	/* Relative test: a constant row leaves only rounding residue. */
	if (!(ss > 1e-24 * (mean * mean + 1) * (double)len))
		return 0;
	ss = sqrt(ss);
	for (size_t k = 0; k < len; k++)
		out[k] /= ss;
	return 1;
}

static double dot(const double *a, const double *b, size_t len)
{
	double s = 0;

	for (size_t k = 0; k < len; k++)
		s += a[k] * b[k];
	return s;
}

int stats_corr(const double *const *rows, size_t n, size_t len, double *out)
{
	size_t nz = n * len;
	double *z = malloc((nz ? nz : 1) * sizeof(*z));
	char *ok = malloc(n ? n : 1);

	if (!z || !ok) {
		free(z);
		free(ok);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		ok[i] = len >= 2 && normalise(rows[i], len, z + i * len);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i; j < n; j++) {
			double c = NAN;

			if (ok[i] && ok[j])
				c = i == j ? 1
					   : dot(z + i * len, z + j * len, len);
			/* Rounding can step just past +-1. */
			c = c > 1 ? 1 : c < -1 ? -1 : c;
			out[i * n + j] = out[j * n + i] = c;
		}
	free(z);
	free(ok);
	return 0;
}

void stats_corr_means(const double *c, size_t n, const size_t *group,
		      struct stats_corr_means *out)
{
	double sw = 0, sb = 0;

	out->nwithin = out->nbetween = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			double v = c[i * n + j];

			if (isnan(v))
				continue;
			if (group[i] == group[j]) {
				sw += v;
				out->nwithin++;
			} else {
				sb += v;
				out->nbetween++;
			}
		}
	out->within = out->nwithin ? sw / (double)out->nwithin : NAN;
	out->between = out->nbetween ? sb / (double)out->nbetween : NAN;
}
