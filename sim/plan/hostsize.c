/*
 * hostsize.c - individual and joint percentile sizes of a host's VMs
 * (hostsize.h).
 */
#include "sim/plan/hostsize.h"
#include "models/size.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int hostsize_compute(const double *const *rows, size_t n, size_t len, double p,
		     double *size, double *sum, double *joint)
{
	double *acc, *tmp;

	if (!(p > 0 && p <= 100))
		return -EINVAL;
	acc = calloc(len ? len : 1, sizeof(*acc));
	tmp = malloc((len ? len : 1) * sizeof(*tmp));
	if (!acc || !tmp) {
		free(acc);
		free(tmp);
		return -ENOMEM;
	}
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		size_t m = 0;
		double s;

		for (size_t k = 0; k < len; k++)
			if (!isnan(rows[i][k])) {
				tmp[m++] = rows[i][k];
				acc[k] += rows[i][k];
			}
		s = m ? size_percentile_inplace(tmp, m, p) : 0;
		if (size)
			size[i] = s;
		*sum += s;
	}
	*joint = n ? size_percentile_inplace(acc, len, p) : 0;
	free(acc);
	free(tmp);
	return 0;
}

double hostsize_saving(double sum, double joint)
{
	return sum > 0 ? 1 - joint / sum : NAN;
}

const char *hostsize_saving_text(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "saving " HOSTSIZE_SAVING_NA);
	else
		snprintf(buf, n, "saving %.1f%%", 100 * x);
	return buf;
}
