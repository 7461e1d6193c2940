/*
 * opt.c - the option parser (opt.h): walks a command's option table (and
 * the shared groups it includes), sets typed fields of the command's
 * argument struct at the tables' offsets, and prints errors and help from
 * the same table. Errors are one line, "vmux CMD: ...; see 'vmux CMD
 * --help'" (lib/error.h: error_usage), exit status 2. The rules between
 * options (.needs, .excludes, .only) are judged and stated by
 * lib/opt_rules.c, which shares the parse's state (lib/opt_impl.h).
 */
#include "lib/opt.h"
#include "lib/opt_impl.h"
#include "lib/opt_rules.h"
#include "lib/opt_inputs.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "lib/outfile.h"
#include "lib/utctime.h"
#include "lib/names.h"
#include "lib/numtext.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#define HELP_COLUMN 22 /* where option help text starts */
#define USAGE_INDENT 7 /* a usage line's next lines: under "usage: " */

const struct opt_range opt_positive = {0, INFINITY, true, false};
const struct opt_range opt_nonnegative = {0, INFINITY, false, false};

bool opt_find(const struct opt *t, size_t base, opt_match_fn match,
	      const void *key, struct opt_found *f)
{
	for (; t->type != OPT_END; t++) {
		if (t->type == OPT_GROUP) {
			if (opt_find(t->group, base + t->off, match, key, f))
				return true;
		} else if (match(t, key)) {
			f->o = t;
			f->base = base;
			return true;
		}
	}
	return false;
}

static bool long_is(const struct opt *o, const void *key)
{
	const struct opt_key *k = key;

	return o->name && strlen(o->name) == k->n &&
	       !strncmp(o->name, k->s, k->n);
}

static bool short_is(const struct opt *o, const void *key)
{
	return o->short_name && o->short_name == *(const char *)key;
}

size_t opt_flatten(const struct opt *t, size_t base, struct opt_found *out,
		   size_t n, size_t max)
{
	for (; t->type != OPT_END && n < max; t++) {
		if (t->type == OPT_GROUP)
			n = opt_flatten(t->group, base + t->off, out, n, max);
		else
			out[n++] = (struct opt_found){t, base};
	}
	return n;
}

size_t opt_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), *row, diag, up, best;

	row = malloc((lb + 1) * sizeof(*row));
	if (!row)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			up = row[j];
			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *opt_nearest(const char *word, const char *const *names, size_t n)
{
	size_t best = SIZE_MAX, limit = 1 + strlen(word) / 4;
	const char *pick = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = opt_distance(word, names[i]);

		if (*word && !strncmp(names[i], word, strlen(word)))
			d = d < limit ? d : limit; /* an abbreviation */
		if (d < best) {
			best = d;
			pick = names[i];
		}
	}
	return best <= limit ? pick : NULL;
}

int opt_fail(const struct opt_state *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vusage(p->cmd->name, fmt, ap);
	va_end(ap);
	return VMUX_EXIT_USAGE;
}

/* "unknown option 'ARG'", with the nearest long name if one is close. */
static int unknown(const struct opt_state *p, const char *arg)
{
	struct opt_found all[OPT_MAX_NAMES];
	const char *names[OPT_MAX_NAMES];
	size_t n = opt_flatten(p->cmd->opts, 0, all, 0, OPT_MAX_NAMES), k = 0;
	const char *word = arg + strspn(arg, "-"), *near;
	size_t len = strcspn(word, "=");
	char buf[128];

	for (size_t i = 0; i < n; i++)
		if (all[i].o->name)
			names[k++] = all[i].o->name;
	names[k++] = "help";
	snprintf(buf, sizeof(buf), "%.*s", (int)len, word);
	near = opt_nearest(buf, names, k);
	if (near)
		return opt_fail(p,
				"unknown option '%.*s' (did you mean '--%s'?)",
				(int)strcspn(arg, "="), arg, near);
	return opt_fail(p, "unknown option '%.*s'", (int)strcspn(arg, "="),
			arg);
}

const char *opt_range_text(const struct opt_range *r, char *buf, size_t len)
{
	snprintf(buf, len, "%c%.10g, %.10g%c",
		 r->lo_open || isinf(r->lo) ? '(' : '[', r->lo, r->hi,
		 r->hi_open || isinf(r->hi) ? ')' : ']');
	return buf;
}

static bool in_range(const struct opt_range *r, double x)
{
	if (!r)
		return true;
	return (r->lo_open ? x > r->lo : x >= r->lo) &&
	       (r->hi_open ? x < r->hi : x <= r->hi);
}

/* A finite decimal number, the whole of S (lib/numtext.h: no hex, inf,
 * nan or blank). */
static int number(const char *s, double *out)
{
	return numtext_parse(s, out) == 0 && isfinite(*out) ? 0 : -EINVAL;
}

/* Whether S starts as a decimal integer does: a digit, or one of SIGNS
 * and a digit (strtoll would skip blanks first). */
static bool integer_start(const char *s, const char *signs)
{
	if (*s && strchr(signs, *s))
		s++;
	return *s >= '0' && *s <= '9';
}

int opt_parse_duration(const char *s, double *out)
{
	static const struct {
		char suffix;
		double seconds;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
	size_t n = strlen(s);
	char buf[64];

	if (number(s, out) == 0)
		return 0;
	if (n < 2 || n >= sizeof(buf))
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (s[n - 1] != units[i].suffix)
			continue;
		memcpy(buf, s, n - 1);
		buf[n - 1] = '\0';
		if (number(buf, out) < 0)
			return -EINVAL;
		*out *= units[i].seconds;
		return isfinite(*out) ? 0 : -EINVAL;
	}
	return -EINVAL;
}

/* Why V is out of O's range, into WHY; -EINVAL. 0 if it is in range. */
static int check_range(const struct opt *o, const char *v, double x, char *why)
{
	char r[80];

	if (in_range(o->range, x))
		return 0;
	snprintf(why, OPT_WHY_LEN, "'%s' is out of range %s", v,
		 opt_range_text(o->range, r, sizeof(r)));
	return -EINVAL;
}

/* A value of numeric type T (any but lists) into *X; -EINVAL if it is
   not one. */
static int read_scalar(enum opt_type t, const char *v, double *x)
{
	char *end;

	errno = 0;
	switch (t) {
	case OPT_INT:
		*x = (double)strtoll(v, &end, 10);
		return integer_start(v, "+-") && !*end && !errno ? 0 : -EINVAL;
	case OPT_SIZE:
		*x = (double)strtoull(v, &end, 10);
		return integer_start(v, "+") && !*end && !errno ? 0 : -EINVAL;
	case OPT_DURATION:
		return opt_parse_duration(v, x);
	case OPT_TIME:
		return utctime_parse(v, x);
	default:
		return number(v, x);
	}
}

/* What a value of numeric type T looks like, for the error. */
static const char *looks_like(enum opt_type t)
{
	switch (t) {
	case OPT_INT:
		return "an integer";
	case OPT_SIZE:
		return "a count (0, 1, 2, ...)";
	case OPT_DURATION:
		return "a duration (seconds, or a number with s, m, h or d)";
	case OPT_TIME:
		return "a time (epoch seconds or an ISO 8601 date such as "
		       "2013-07-27 or 2013-07-27T12:00:00Z)";
	default:
		return "a number";
	}
}

/* One number of a numeric option (any type but lists) into *X. */
static int scalar(const struct opt *o, const char *v, double *x, char *why)
{
	if (read_scalar(o->type, v, x) == 0)
		return check_range(o, v, *x, why);
	snprintf(why, OPT_WHY_LEN, "'%s' is not %s", v, looks_like(o->type));
	return -EINVAL;
}

static int enum_index(const struct opt *o, const char *v, char *why)
{
	int i = names_index(o->names, v);
	size_t len;

	if (i >= 0)
		return i;
	len = (size_t)snprintf(why, OPT_WHY_LEN, "'%s' is not one of ", v);
	for (int k = 0; o->names[k] && len < OPT_WHY_LEN; k++)
		len += (size_t)snprintf(why + len, OPT_WHY_LEN - len, "%s%s",
					k ? ", " : "", o->names[k]);
	return -EINVAL;
}

/* A comma list: each item through ITEM; an empty item is refused. */
static int each_item(const struct opt *o, const char *v, void *dst, char *why,
		     int (*item)(const struct opt *, const char *, void *,
				 char *))
{
	char buf[1024], *tok, *save;
	int rc = 0, n = 0;

	if (strlen(v) >= sizeof(buf)) {
		snprintf(why, OPT_WHY_LEN, "'%.40s...' is too long", v);
		return -EINVAL;
	}
	strcpy(buf, v);
	if (!v[0]) {
		snprintf(why, OPT_WHY_LEN, "'' names nothing");
		return -EINVAL;
	}
	for (save = buf; save && rc == 0; n++) {
		tok = strsep(&save, ",");
		if (tok[0]) {
			rc = item(o, tok, dst, why);
			continue;
		}
		snprintf(why, OPT_WHY_LEN, "'%.200s': item %d is empty", v,
			 n + 1);
		rc = -EINVAL;
	}
	return rc;
}

static int set_bit(const struct opt *o, const char *tok, void *dst, char *why)
{
	int i = enum_index(o, tok, why);

	if (i < 0)
		return i;
	if (*(unsigned *)dst & 1u << i) {
		snprintf(why, OPT_WHY_LEN, "'%s' is named twice", tok);
		return -EINVAL;
	}
	*(unsigned *)dst |= 1u << i;
	return 0;
}

static int add_number(const struct opt *o, const char *tok, void *dst,
		      char *why)
{
	struct opt_numbers *l = dst;
	double x;

	if (l->n == OPT_NUMBERS_MAX) {
		snprintf(why, OPT_WHY_LEN, "more than %d values",
			 OPT_NUMBERS_MAX);
		return -EINVAL;
	}
	if (scalar(o, tok, &x, why) < 0)
		return -EINVAL;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == x) { /* 95 and 95.0 alike: one value */
			snprintf(why, OPT_WHY_LEN, "'%s' is named twice", tok);
			return -EINVAL;
		}
	l->v[l->n++] = x;
	return 0;
}

static int add_string(struct opt_strings *l, const char *v, char *why)
{
	if (grow_array((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v), 8)) {
		snprintf(why, OPT_WHY_LEN, "'%s' cannot be held: out of memory",
			 v);
		return -EINVAL;
	}
	l->v[l->n++] = v;
	return 0;
}

void opt_strings_free(struct opt_strings *l)
{
	free(l->v);
	*l = (struct opt_strings){0};
}

static int set_seed(const char *v, uint64_t *out, char *why)
{
	char *end;

	errno = 0;
	*out = strtoull(v, &end, 10);
	if (*v >= '0' && *v <= '9' && !*end && !errno)
		return 0;
	snprintf(why, OPT_WHY_LEN, "'%s' is not an integer in [0, 2^64-1]", v);
	return -EINVAL;
}

/* A string option's value: every one names a file, a host or a style, so
 * empty it would name nothing (-o '' wrote nowhere). */
static int set_string(const char *v, void *dst, char *why)
{
	if (!*v) {
		snprintf(why, OPT_WHY_LEN, "'' is empty: give a value");
		return -EINVAL;
	}
	*(const char **)dst = v;
	return 0;
}

static int set_enum(const struct opt *o, const char *v, void *dst, char *why)
{
	int i = enum_index(o, v, why);

	if (i >= 0)
		*(int *)dst = i;
	return i < 0 ? i : 0;
}

/* An OPT_CALLBACK's value: the callback checks and stores it. */
static int set_callback(const struct opt *o, void *args, const char *v,
			char *why)
{
	const char *cb_why = o->cb(args, v);

	if (cb_why)
		snprintf(why, OPT_WHY_LEN, "'%s' %s", v, cb_why);
	return cb_why ? -EINVAL : 0;
}

/* A number: OPT_INT, OPT_SIZE or a double, in its range. */
static int set_scalar(const struct opt *o, const char *v, void *dst, char *why)
{
	double x;

	if (scalar(o, v, &x, why) < 0)
		return -EINVAL;
	if (o->type == OPT_INT)
		*(int *)dst = (int)x;
	else if (o->type == OPT_SIZE)
		*(size_t *)dst = (size_t)x;
	else
		*(double *)dst = x;
	return 0;
}

/* Store V (NULL for flags) into F's field; the reason into WHY if not. */
static int set(const struct opt_state *p, const struct opt_found *f,
	       const char *v, char *why)
{
	const struct opt *o = f->o;
	void *dst = p->args + f->base + o->off;

	switch (o->type) {
	case OPT_FLAG:
	case OPT_CLEAR:
		*(bool *)dst = o->type == OPT_FLAG;
		return 0;
	case OPT_STRING:
		return set_string(v, dst, why);
	case OPT_SEED:
		return set_seed(v, dst, why);
	case OPT_ENUM:
		return set_enum(o, v, dst, why);
	case OPT_ENUM_SET:
		*(unsigned *)dst = 0;
		return each_item(o, v, dst, why, set_bit);
	case OPT_NUMBERS:
		((struct opt_numbers *)dst)->n = 0;
		return each_item(o, v, dst, why, add_number);
	case OPT_STRINGS:
		return add_string(dst, v, why);
	case OPT_CALLBACK:
		return set_callback(o, p->args + f->base, v, why);
	default:
		return set_scalar(o, v, dst, why);
	}
}

bool opt_takes_value(const struct opt *o)
{
	return o->type != OPT_FLAG && o->type != OPT_CLEAR;
}

/* O was given, by its short name when BY_SHORT (the last spelling
 * counts). */
static void mark_seen(struct opt_state *p, const struct opt *o, bool by_short)
{
	size_t i;

	for (i = 0; i < p->nseen && p->seen[i] != o; i++)
		;
	if (i == OPT_MAX_SEEN)
		return;
	p->seen[i] = o;
	p->seen_short[i] = by_short;
	if (i == p->nseen)
		p->nseen++;
}

void opt_append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= size)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	*n += k > 0 ? (size_t)k : 0;
}

void opt_display(const struct opt *o, char *buf, size_t len)
{
	if (o->short_name)
		snprintf(buf, len, "-%c", o->short_name);
	else
		snprintf(buf, len, "--%s", o->name);
}

void opt_name(const struct opt_state *p, const struct opt *o, char *buf,
	      size_t len)
{
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i] == o && o->name && !p->seen_short[i]) {
			snprintf(buf, len, "--%s", o->name);
			return;
		}
	opt_display(o, buf, len);
}

/*
 * Apply option F; its value is INLINE (after '=' or a short name) or the
 * next argument, consumed by advancing *I.
 */
static int apply(struct opt_state *p, const struct opt_found *f,
		 const char *inl, int argc, char **argv, int *i)
{
	char name[80], why[OPT_WHY_LEN];
	const char *v = inl;
	bool by_short = argv[*i][1] != '-';

	if (by_short)
		snprintf(name, sizeof(name), "-%c", f->o->short_name);
	else
		snprintf(name, sizeof(name), "--%s", f->o->name);
	if (!opt_takes_value(f->o) && inl)
		return opt_fail(p, "option '%s' takes no value", name);
	if (opt_takes_value(f->o) && !v) {
		if (*i + 1 >= argc)
			return opt_fail(p, "option '%s' needs a value", name);
		v = argv[++*i];
	}
	if (set(p, f, v, why) < 0)
		return opt_fail(p, "option '%s': %s", name, why);
	mark_seen(p, f->o, by_short);
	return 0;
}

/* One argument that starts with '-' (not "-" or "--"). */
static int option(struct opt_state *p, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *eq;
	struct opt_found f;
	struct opt_key k;

	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		opt_help(p->cmd, stdout);
		return OPT_HELP;
	}
	if (a[1] == '-') {
		eq = strchr(a, '=');
		k = (struct opt_key){a + 2,
				     eq ? (size_t)(eq - a - 2) : strlen(a + 2)};
		if (!opt_find(p->cmd->opts, 0, long_is, &k, &f))
			return unknown(p, a);
		return apply(p, &f, eq ? eq + 1 : NULL, argc, argv, i);
	}
	if (!opt_find(p->cmd->opts, 0, short_is, &a[1], &f) ||
	    (a[2] && !opt_takes_value(f.o)))
		return unknown(p, a);
	return apply(p, &f, a[2] ? a + 2 : NULL, argc, argv, i);
}

static int check_required(const struct opt_state *p)
{
	struct opt_found all[OPT_MAX_NAMES];
	size_t n = opt_flatten(p->cmd->opts, 0, all, 0, OPT_MAX_NAMES), j;
	char name[80];

	for (size_t i = 0; i < n; i++) {
		if (!(all[i].o->flags & OPT_REQUIRED))
			continue;
		for (j = 0; j < p->nseen && p->seen[j] != all[i].o; j++)
			;
		if (j == p->nseen) {
			opt_display(all[i].o, name, sizeof(name));
			return opt_fail(p, "option '%s' is required", name);
		}
	}
	return 0;
}

/* A and B name the same existing regular file (links followed). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a && b && stat(a, &sa) == 0 && S_ISREG(sa.st_mode) &&
	       stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* PATH would be made in folder DIR or below it (links followed): an
 * importer reads a folder's subfolders too (PlanetLab days). */
static bool in_folder(const char *dir, const char *path)
{
	char *parent = outfile_folder(path), *rd = NULL, *rp = NULL;
	struct stat sd;
	bool in = false;

	if (parent && stat(dir, &sd) == 0 && S_ISDIR(sd.st_mode) &&
	    (rd = realpath(dir, NULL)) && (rp = realpath(parent, NULL))) {
		size_t n = strlen(rd);

		in = !strncmp(rp, rd, n) &&
		     (rp[n] == '\0' || rp[n] == '/' || !strcmp(rd, "/"));
	}
	free(rd);
	free(rp);
	free(parent);
	return in;
}

/* The input among POS[0..NPOS) and the string options that are not
 * outputs (ALL[0..N)) that is the file PATH, or a folder of files PATH
 * would be made in (an importer or simulate would read it as one of them,
 * and its temporary file while it is written), or NULL. */
static const char *input_at(const struct opt_state *p,
			    const struct opt_found *all, size_t n, char **pos,
			    int npos, const char *path, bool *folder)
{
	for (int i = 0; i < npos; i++)
		if (same_file(pos[i], path) ||
		    (*folder = in_folder(pos[i], path)))
			return pos[i];
	for (size_t i = 0; i < n; i++) {
		const struct opt *o = all[i].o;
		const char *v;

		if (o->type != OPT_STRING || (o->flags & OPT_OUTFILE))
			continue;
		v = *(const char **)(p->args + all[i].base + o->off);
		if (same_file(v, path))
			return v;
	}
	return NULL;
}

/* Whether outputs A and B are one file: '-' (standard output) is one
 * too, where two outputs would run together. */
static bool same_target(const char *a, const char *b)
{
	if (!strcmp(a, "-") || !strcmp(b, "-"))
		return !strcmp(a, b);
	return outfile_same(a, b);
}

/* An output option before ALL[I] (another field) that names PATH too:
 * one of the two files would be lost, a usage error; else 0. */
static int output_twice(const struct opt_state *p, const struct opt_found *all,
			size_t i, const char *path)
{
	size_t off = all[i].base + all[i].o->off;
	char name[80], other[80];
	bool dflt;

	for (size_t j = 0; j < i; j++) {
		const struct opt *o = all[j].o;
		const char *v;

		if (!(o->flags & OPT_OUTFILE) || o->type != OPT_STRING ||
		    all[j].base + o->off == off) /* an older name */
			continue;
		v = *(const char **)(p->args + all[j].base + o->off);
		dflt = !v && (o->flags & OPT_STDOUT);
		if (dflt)
			v = "-";
		if (!v || !same_target(v, path))
			continue;
		opt_name(p, all[i].o, name, sizeof(name));
		opt_name(p, o, other, sizeof(other));
		return opt_fail(
		    p,
		    "option '%s': '%s' is also written by '%s'%s: "
		    "give each output a file of its own",
		    name, strcmp(path, "-") ? path : "- (standard output)",
		    other, dflt ? ", which writes there when not given" : "");
	}
	return 0;
}

/* Output ALL[I], given as PATH: not where the command's own standard
 * output goes, nor one of the inputs (POS[0..NPOS) or another string
 * option), nor a file that cannot be written: 0, else the exit status,
 * the message printed. */
static int check_output(const struct opt_state *p, const struct opt_found *all,
			size_t n, size_t i, const char *path, char **pos,
			int npos)
{
	bool folder = false, out = !strcmp(path, "-"); /* standard output */
	const char *in =
	    out ? NULL : input_at(p, all, n, pos, npos, path, &folder);
	char name[80];
	int rc;

	if ((rc = output_twice(p, all, i, path)))
		return rc;
	opt_name(p, all[i].o, name, sizeof(name));
	if (out && p->cmd->stdout_is)
		return opt_fail(p,
				"option '%s': '- (standard output)' already "
				"carries %s: give the output a file of its own",
				name, p->cmd->stdout_is);
	if (in && folder)
		return opt_fail(p,
				"option '%s': '%s' is inside the input "
				"folder '%s', whose files are read: write "
				"the output elsewhere",
				name, path, in);
	if (in)
		return opt_fail(p,
				"option '%s': '%s' is also an input "
				"('%s'): write the output elsewhere",
				name, path, in);
	if ((rc = outfile_check(path)) < 0)
		return error_exit_code(rc);
	return 0;
}

/*
 * Each output file given (OPT_OUTFILE) can be written and is not one of
 * the inputs (POS[0..NPOS) or another string option): 0, or the exit
 * status of the first that fails, its message printed (replacing the
 * trace read with the plan written is refused, as gcc refuses -o onto
 * its source).
 */
static int check_outputs(const struct opt_state *p, char **pos, int npos)
{
	struct opt_found all[OPT_MAX_NAMES];
	size_t n = opt_flatten(p->cmd->opts, 0, all, 0, OPT_MAX_NAMES);

	for (size_t i = 0; i < n; i++) {
		const struct opt *o = all[i].o;
		const char *path;
		int rc;

		if (!(o->flags & OPT_OUTFILE) || o->type != OPT_STRING)
			continue;
		path = *(const char **)(p->args + all[i].base + o->off);
		if (path && (rc = check_output(p, all, n, i, path, pos, npos)))
			return rc;
	}
	return 0;
}

/* Each included group's own check, innermost first. */
static int check_groups(const struct opt_state *p, const struct opt *table,
			size_t base)
{
	const struct opt *t = table;
	int rc = 0;

	for (; t->type != OPT_END && rc == 0; t++)
		if (t->type == OPT_GROUP)
			rc = check_groups(p, t->group, base + t->off);
	if (rc == 0 && t->type == OPT_END && t->check)
		rc = t->check(p->cmd, p->args + base, table);
	return rc;
}

/* The positional arguments into the OPT_ARG fields, in table order; one
 * not among its .names is refused. */
static int positionals(const struct opt_state *p, char **pos, int npos)
{
	struct opt_found all[OPT_MAX_NAMES];
	size_t n = opt_flatten(p->cmd->opts, 0, all, 0, OPT_MAX_NAMES);
	char why[OPT_WHY_LEN];
	int k = 0;

	for (size_t i = 0; i < n && k < npos; i++) {
		const struct opt *o = all[i].o;

		if (o->type != OPT_ARG)
			continue;
		if (o->names && enum_index(o, pos[k], why) < 0)
			return opt_fail(p, "%s %s", o->arg, why);
		*(const char **)(p->args + all[i].base + o->off) = pos[k++];
	}
	return 0;
}

/* The table's OPT_ARG entries: how many; the first one's name in *NAME,
 * the one at index AT (or NULL) in *KTH. */
static int table_args(const struct opt_cmd *c, int at, const char **name,
		      const struct opt **kth)
{
	struct opt_found all[OPT_MAX_NAMES];
	size_t n = opt_flatten(c->opts, 0, all, 0, OPT_MAX_NAMES);
	int k = 0;

	*name = NULL;
	*kth = NULL;
	for (size_t i = 0; i < n; i++) {
		if (all[i].o->type != OPT_ARG)
			continue;
		if (k == 0)
			*name = all[i].o->arg;
		if (k++ == at)
			*kth = all[i].o;
	}
	return k;
}

/* "missing NAME", or for the table's positional O "missing PATH after
 * planetlab" (the one before it, POS[NPOS - 1]), "missing FORMAT
 * (planetlab, azure)" (its .names). */
static int missing(const struct opt_state *p, const char *name,
		   const struct opt *o, int npos, char **pos)
{
	char msg[OPT_WHY_LEN];
	size_t n = 0;

	opt_append(msg, sizeof(msg), &n, "missing %s",
		   o	  ? o->arg
		   : name ? name
			  : "argument");
	if (o && npos > 0)
		opt_append(msg, sizeof(msg), &n, " after %s", pos[npos - 1]);
	for (int i = 0; o && o->names && o->names[i]; i++)
		opt_append(msg, sizeof(msg), &n, "%s%s", i ? ", " : " (",
			   o->names[i]);
	if (o && o->names)
		opt_append(msg, sizeof(msg), &n, ")");
	return opt_fail(p, "%s", msg);
}

static int check_count(const struct opt_state *p, int npos, char **pos)
{
	const struct opt_cmd *c = p->cmd;
	const char *name = c->args;
	const struct opt *kth = NULL;
	int min = c->min_args, max = c->max_args;

	if (!name) {
		min = table_args(c, npos, &name, &kth);
		max = max < 0 ? -1 : min;
	}
	if (npos < min)
		return missing(p, name, kth, npos, pos);
	if (max >= 0 && npos > max) {
		if (max == 1)
			return opt_fail(p, "one %s expected, not %d", name,
					npos);
		return opt_fail(p, "unexpected argument '%s'", pos[max]);
	}
	return 0;
}

/* The line read: its positionals stored (an unknown value said first, not
 * "missing PATH after nosuch"), counted, the required options given, each
 * group's check and the rules between options; 0 or exit status 2. */
static int check_line(struct opt_state *p, char **pos, int n)
{
	int rc = positionals(p, pos, n);

	if (rc == 0)
		rc = check_count(p, n, pos);
	if (rc == 0)
		rc = check_required(p);
	if (rc == 0)
		rc = check_groups(p, p->cmd->opts, 0);
	if (rc == 0)
		rc = opt_rules_check(p);
	return rc;
}

/*
 * Read ARGV's options into P, and sort its words: the positionals (every
 * word after "--" among them) into POS (*N of them), each option with its
 * value, and the "--", into REST (*NREST), each in their order.
 */
static int split_line(struct opt_state *p, int argc, char **argv, char **pos,
		      int *n, char **rest, int *nrest)
{
	bool options = true;
	int rc = 0;

	for (int i = 1; i < argc && rc == 0; i++) {
		const char *a = argv[i];
		int from = i;

		if (options && !strcmp(a, "--")) {
			options = false;
			rest[(*nrest)++] = argv[i];
		} else if (options && a[0] == '-' && a[1]) {
			rc = option(p, argc, argv, &i);
			while (from <= i)
				rest[(*nrest)++] = argv[from++];
		} else {
			pos[(*n)++] = argv[i];
		}
	}
	return rc;
}

int opt_parse(const struct opt_cmd *cmd, int argc, char **argv, void *args,
	      int *npos)
{
	struct opt_state p = {.cmd = cmd, .args = args};
	size_t room = (size_t)(argc > 0 ? argc : 1);
	char **pos = malloc(room * sizeof(*pos));
	char **rest = malloc(room * sizeof(*rest));
	int n = 0, nrest = 0, rc = pos && rest ? 0 : VMUX_EXIT_OSERR;

	if (rc) /* "vmux CMD: Cannot allocate memory" */
		error_exit_code(-ENOMEM);
	if (rc == 0)
		rc = split_line(&p, argc, argv, pos, &n, rest, &nrest);
	if (rc == 0)
		rc = check_line(&p, pos, n);
	if (rc == 0) {
		/* A permutation: positionals first, then the rest in order. */
		memcpy(argv + 1, pos, (size_t)n * sizeof(*pos));
		memcpy(argv + 1 + n, rest, (size_t)nrest * sizeof(*rest));
		if (npos)
			*npos = n;
		if (cmd->check)
			rc = cmd->check(cmd, args);
		if (rc == 0)
			rc = check_outputs(&p, argv + 1, n);
		if (rc == 0)
			rc = opt_inputs_check(&p, argv + 1, n);
	}
	free(pos);
	free(rest);
	return rc;
}

int opt_status(int rc)
{
	return rc == OPT_HELP ? VMUX_EXIT_OK : rc;
}

int opt_error(const struct opt_cmd *cmd, const char *option, const char *fmt,
	      ...)
{
	char msg[OPT_WHY_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (option)
		return error_usage(cmd->name, "option '%s': %s", option, msg);
	return error_usage(cmd->name, "%s", msg);
}

/* "[unit, range]", the names of an enum, or what a time looks like. */
static void annotation(const struct opt *o, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (o->type == OPT_TIME)
		snprintf(buf, len, "[seconds or ISO 8601 date]");
	if (o->type == OPT_ENUM || o->type == OPT_ENUM_SET) {
		n = (size_t)snprintf(buf, len, "[%s",
				     o->type == OPT_ENUM_SET ? "list of " : "");
		for (int i = 0; o->names[i] && n < len; i++)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
					      i ? ", " : "", o->names[i]);
		if (n < len)
			snprintf(buf + n, len - n, "]");
	}
	if (!o->range && !o->unit)
		return;
	n = (size_t)snprintf(
	    buf, len, "[%s%s%s",
	    o->type == OPT_TIME ? "seconds or ISO 8601 date, " : "",
	    o->unit ? o->unit : "", o->range ? o->unit ? " in " : "in " : "");
	if (o->range && n < len)
		n += strlen(opt_range_text(o->range, buf + n, len - n));
	if (o->type == OPT_DURATION && n < len)
		n += (size_t)snprintf(buf + n, len - n, "; or 5m, 2h, 1d");
	if (n < len)
		snprintf(buf + n, len - n, "]");
}

/* "  -o, --output FILE" into BUF; its length. */
static int left_column(const struct opt *o, char *buf, size_t len)
{
	const char *arg = opt_takes_value(o) ? o->arg ? o->arg : "X" : NULL;

	if (o->short_name && o->name)
		return snprintf(buf, len, "  -%c, --%s%s%s", o->short_name,
				o->name, arg ? " " : "", arg ? arg : "");
	if (o->short_name)
		return snprintf(buf, len, "  -%c%s%s", o->short_name,
				arg ? " " : "", arg ? arg : "");
	return snprintf(buf, len, "  --%s%s%s", o->name, arg ? " " : "",
			arg ? arg : "");
}

/* O's annotation, then the rules it states and those OPT_RELATE entries
 * of ALL[0..N) state for it, into NOTE: parts a line may break between,
 * each after a '\n'. */
static void notes(const struct opt_cmd *cmd, const struct opt_found *all,
		  size_t n, const struct opt *o, char *note, size_t size)
{
	size_t len;

	annotation(o, note, size);
	len = strlen(note);
	opt_rules_notes(cmd, all, n, o, note, size, &len);
	if (note[0] == '\n') /* no annotation before the rules */
		memmove(note, note + 1, strlen(note));
}

size_t opt_wrap(FILE *fp, const char *s, size_t n, size_t col, size_t indent)
{
	const char *end = s + n, *w, *e;

	for (; s < end; s = e) {
		for (w = s; w < end && *w == ' '; w++)
			;
		for (e = w; e < end && *e != ' '; e++)
			;
		if (e == w)
			break; /* trailing spaces */
		if (col > indent && col + (size_t)(e - s) > OPT_HELP_WIDTH) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
			s = w;
		}
		col += (size_t)fprintf(fp, "%.*s", (int)(e - s), s);
	}
	return col;
}

/* PARTS (between '\n's) from column COL, a space between two: one that
 * would pass OPT_HELP_WIDTH on a new line indented INDENT, one longer than
 * a line broken at its spaces; the column after. */
static size_t put_parts(FILE *fp, const char *parts, size_t col, size_t indent)
{
	for (const char *s = parts; *s; s += strspn(s, "\n")) {
		size_t k = strcspn(s, "\n");

		if (col > indent && col + 1 + k > OPT_HELP_WIDTH)
			col = (size_t)fprintf(fp, "\n%*s", (int)indent, "") - 1;
		else if (col > indent)
			col += (size_t)fprintf(fp, " ");
		col = opt_wrap(fp, s, k, col, indent);
		s += k;
	}
	return col;
}

static void help_line(FILE *fp, const struct opt *o, const char *note)
{
	char left[96];
	const char *h = o->help ? o->help : "";
	int w = left_column(o, left, sizeof(left));
	size_t col, k;

	fputs(left, fp);
	if (w >= HELP_COLUMN)
		fprintf(fp, "\n%*s", HELP_COLUMN, "");
	else
		fprintf(fp, "%*s", HELP_COLUMN - w, "");
	for (;; h += k + 1) { /* each line of the text, wrapped */
		k = strcspn(h, "\n");
		col = opt_wrap(fp, h, k, HELP_COLUMN, HELP_COLUMN);
		if (!h[k])
			break;
		fprintf(fp, "\n%*s", HELP_COLUMN, "");
	}
	put_parts(fp, note, col, HELP_COLUMN);
	fputc('\n', fp);
}

/* "usage: vmux CMD" and .usage, or the OPT_ARG names, the required
   options and "[options]" if there are others (ALL: the N options). */
static void usage_line(const struct opt_cmd *cmd, const struct opt_found *all,
		       size_t n, FILE *fp)
{
	char name[80], line[OPT_WHY_LEN];
	size_t len = 0;
	bool more = false;

	opt_append(line, sizeof(line), &len, "usage: vmux %s", cmd->name);
	for (size_t i = 0; !cmd->usage && i < n; i++) {
		const struct opt *o = all[i].o;

		if (o->type == OPT_RULE && !o->arg) {
			opt_rules_usage(cmd, o, line, sizeof(line), &len);
		} else if (o->type == OPT_RULE) {
			continue;
		} else if (o->type == OPT_ARG) {
			opt_append(line, sizeof(line), &len, "\n%s", o->arg);
		} else if (o->flags & OPT_REQUIRED) {
			opt_display(o, name, sizeof(name));
			opt_append(line, sizeof(line), &len, "\n%s %s", name,
				   o->arg ? o->arg : "X");
		} else {
			more = true;
		}
	}
	if (cmd->usage)
		opt_append(line, sizeof(line), &len, "\n%s", cmd->usage);
	if (more)
		opt_append(line, sizeof(line), &len, "\n[options]");
	put_parts(fp, line, 0, USAGE_INDENT);
	fprintf(fp, "\n\n");
}

void opt_help(const struct opt_cmd *cmd, FILE *fp)
{
	struct opt_found all[OPT_MAX_NAMES];
	size_t n = opt_flatten(cmd->opts, 0, all, 0, OPT_MAX_NAMES);
	char note[512];

	usage_line(cmd, all, n, fp);
	if (cmd->about)
		fprintf(fp, "%s\n", cmd->about);
	fprintf(fp, "options:\n");
	for (size_t i = 0; i < n; i++) {
		if (all[i].o->type == OPT_ARG || all[i].o->type == OPT_RULE)
			continue;
		notes(cmd, all, n, all[i].o, note, sizeof(note));
		help_line(fp, all[i].o, note);
	}
	help_line(fp,
		  &(struct opt){.type = OPT_FLAG,
				.name = "help",
				.short_name = 'h',
				.help = "this help"},
		  "");
	if (cmd->more)
		fprintf(fp, "\n%s", cmd->more);
}
