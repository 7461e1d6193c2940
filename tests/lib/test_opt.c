/*
 * test_opt.c - the option parser (lib/opt.h), the time reader
 * (lib/utctime.h) and the CSV field writer (lib/csvout.h) on hand-worked
 * cases. Epoch values by hand (python3: calendar.timegm): 2013-07-27 =
 * 1374883200, 2013-07-27T12:00:00Z = 1374926400, 2024-02-29T23:59:59Z =
 * 1709251199.
 */
#include "vmux_test.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "lib/opt.h"
#include "lib/outfile.h"
#include "lib/utctime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct win {
	double from, to;
};

static int win_check(const struct opt_cmd *cmd, const void *field,
		     const struct opt *group)
{
	const struct win *w = field;

	(void)group;
	return w->from < w->to ? 0 : opt_error(cmd, NULL, "bad window");
}

static const struct opt win_opts[] = {
    OPT_NUM(OPT_TIME, "from", OPT_AT(struct win, from, double), "T", NULL, NULL,
	    "start"),
    OPT_NUM(OPT_TIME, "to", OPT_AT(struct win, to, double), "T", NULL, NULL,
	    "end"),
    {.type = OPT_END, .check = win_check},
};

struct args {
	const char *trace, *out;
	double p, step;
	int n, pick;
	size_t count;
	uint64_t seed;
	unsigned set;
	bool flag, on;
	struct win w;
	struct opt_numbers levels;
	struct opt_strings groups;
};

static const char *const picks[] = {"red", "green", "blue", NULL};

#define A(F, T) OPT_AT(struct args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE", A(trace, const char *)),
    OPT_NUM(OPT_NUMBER, "percentile", A(p, double), "P",
	    (&(const struct opt_range){0, 100, true, true}), NULL, "level"),
    OPT_NUM(OPT_DURATION, "step", A(step, double), "S", &opt_positive, "s",
	    "step"),
    OPT_NUM(OPT_INT, "n", A(n, int), "N", OPT_IN(1, 16), NULL, "n"),
    OPT_NUM(OPT_SIZE, "count", A(count, size_t), "N", NULL, NULL, "count"),
    {.type = OPT_SEED, .name = "seed", .off = A(seed, uint64_t)},
    OPT_CHOICE(OPT_ENUM, "pick", A(pick, int), "C", picks, "colour"),
    OPT_CHOICE(OPT_ENUM_SET, "set", A(set, unsigned), "L", picks, "colours"),
    OPT_BOOL("flag", A(flag, bool), "a flag"),
    {.type = OPT_CLEAR, .name = "no-on", .off = A(on, bool)},
    OPT_INCLUDE(win_opts, A(w, struct win)),
    OPT_NUM(OPT_NUMBERS, "levels", A(levels, struct opt_numbers), "L",
	    OPT_IN(1, 99), NULL, "levels"),
    {.type = OPT_STRINGS,
     .name = "group",
     .off = A(groups, struct opt_strings)},
    OPT_STR("output", 'o', A(out, const char *), "FILE", OPT_REQUIRED, "out"),
    OPT_TABLE_END,
};

static const struct opt_cmd cmd = {
    .name = "t",
    .opts = options,
};

/* Parse the NULL-terminated words after "t" into *A (defaults first). */
static int parse(struct args *a, const char *const *words)
{
	char *argv[64] = {"t"};
	int argc = 1, n = -1;

	for (; *words; words++)
		argv[argc++] = (char *)*words;
	*a = (struct args){.p = 95, .on = true, .w = {-INFINITY, INFINITY}};
	return opt_parse(&cmd, argc, argv, a, &n);
}

/* Every command line of BAD[0..N) is a usage error (exit 2). */
static void refused(const char *const *const *bad, size_t n)
{
	struct args a;

	for (size_t i = 0; i < n; i++)
		if (parse(&a, bad[i]) != 2)
			fail_msg("case %zu was accepted", i);
}

static void test_types(void **state)
{
	struct args a;

	(void)state;
	assert_int_equal(parse(&a, (const char *const[]){"--percentile=99.5",
							 "x.csv",
							 "--step",
							 "5m",
							 "--n",
							 "16",
							 "--count",
							 "7",
							 "--seed",
							 "18446744073709551615",
							 "--pick",
							 "blue",
							 "--set",
							 "red,blue",
							 "--flag",
							 "--no-on",
							 "--from",
							 "2013-07-27",
							 "--to",
							 "2013-07-27T12:00:00Z",
							 "--levels",
							 "90,95.5",
							 "--group",
							 "a,b",
							 "--group",
							 " c",
							 "-oout.csv",
							 NULL}),
			 0);
	assert_string_equal(a.trace, "x.csv");
	assert_close(a.p, 99.5, 0);
	assert_close(a.step, 300, 0);
	assert_int_equal(a.n, 16);
	assert_int_equal(a.count, 7);
	assert_true(a.seed == UINT64_MAX);
	assert_int_equal(a.pick, 2);
	assert_int_equal(a.set, 1u << 0 | 1u << 2);
	assert_true(a.flag);
	assert_false(a.on);
	assert_close(a.w.from, 1374883200, 0);
	assert_close(a.w.to, 1374926400, 0);
	assert_int_equal(a.levels.n, 2);
	assert_close(a.levels.v[1], 95.5, 0);
	assert_int_equal(a.groups.n, 2);
	assert_string_equal(a.groups.v[1], " c");
	opt_strings_free(&a.groups);
	assert_int_equal(a.groups.n, 0);
	assert_string_equal(a.out, "out.csv");
}

/* A repeatable option takes as many values as are given: 600 --group
 * (the list held 256, and the 257th was refused: "given more than 256
 * times"), each in order. */
static void test_many_strings(void **state)
{
	enum { N = 600 };
	static char names[N][16];
	char *argv[2 * N + 4] = {"t", "x.csv", "-o", "o"};
	struct args a = {.p = 95, .w = {-INFINITY, INFINITY}};
	int argc = 4, npos = -1;

	(void)state;
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "g%d", i);
		argv[argc++] = "--group";
		argv[argc++] = names[i];
	}
	assert_int_equal(opt_parse(&cmd, argc, argv, &a, &npos), 0);
	assert_int_equal(a.groups.n, N);
	for (int i = 0; i < N; i++)
		assert_ptr_equal(a.groups.v[i], names[i]);
	opt_strings_free(&a.groups);
}

/* Every bad line is a usage error (2), and "--" ends the options. */
static void test_errors(void **state)
{
	const char *const *bad[] = {
	    (const char *const[]){"x", "-o", "o", "--percentile", "100", NULL},
	    (const char *const[]){"x", "-o", "o", "--percentile", "0", NULL},
	    (const char *const[]){"x", "-o", "o", "--percentile", "1e999",
				  NULL},
	    (const char *const[]){"x", "-o", "o", "--percentil", "9", NULL},
	    (const char *const[]){"x", "-o", "o", "--n", "17", NULL},
	    (const char *const[]){"x", "-o", "o", "--n", "1.5", NULL},
	    (const char *const[]){"x", "-o", "o", "--count", "-1", NULL},
	    (const char *const[]){"x", "-o", "o", "--seed", "-1", NULL},
	    (const char *const[]){"x", "-o", "o", "--step", "0", NULL},
	    (const char *const[]){"x", "-o", "o", "--step", "5y", NULL},
	    (const char *const[]){"x", "-o", "o", "--pick", "pink", NULL},
	    (const char *const[]){"x", "-o", "o", "--set", ",", NULL},
	    (const char *const[]){"x", "-o", "o", "--levels", "50,100", NULL},
	    (const char *const[]){"x", "-o", "o", "--flag=1", NULL},
	    (const char *const[]){"x", "-o", "o", "--from", "2013-02-30", NULL},
	    (const char *const[]){"x", "-o", "o", "--from", "5", "--to", "5",
				  NULL},
	    (const char *const[]){"x", "-o", "o", "--to", NULL},
	    (const char *const[]){"x", NULL},
	    (const char *const[]){"-o", "o", NULL},
	    (const char *const[]){"x", "y", "-o", "o", NULL},
	    (const char *const[]){"x", "-o", "o", "--", "--flag", NULL},
	    (const char *const[]){"x", "-o", "", NULL},
	    (const char *const[]){"x", "--output=", NULL},
	};
	struct args a;

	(void)state;
	refused(bad, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(
	    parse(&a, (const char *const[]){"-o", "o", "--", "--flag", NULL}),
	    0);
	assert_string_equal(a.trace, "--flag");
	assert_false(a.flag);
}

/* A list naming an item twice or holding an empty item is a usage error:
 * strtok skipped empty items and a set took a name twice without a word
 * (gen --resources cpu,cpu and cpu,,mem ran); a number list, a value. */
static void test_list_items(void **state)
{
	const char *const *bad[] = {
	    (const char *const[]){"x", "-o", "o", "--set", "red,red", NULL},
	    (const char *const[]){"x", "-o", "o", "--set", "red,,blue", NULL},
	    (const char *const[]){"x", "-o", "o", "--set", "red,", NULL},
	    (const char *const[]){"x", "-o", "o", "--set", ",red", NULL},
	    (const char *const[]){"x", "-o", "o", "--set", "", NULL},
	    (const char *const[]){"x", "-o", "o", "--levels", "90,,95", NULL},
	    /* a number list too (frontier --percentiles 95,95 planned and
	       wrote the same point twice) */
	    (const char *const[]){"x", "-o", "o", "--levels", "95,95", NULL},
	    (const char *const[]){"x", "-o", "o", "--levels", "95,90,95.0",
				  NULL},
	};
	struct args a;

	(void)state;
	refused(bad, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(
	    parse(&a, (const char *const[]){"x", "-o", "o", "--set", "blue,red",
					    NULL}),
	    0);
	assert_int_equal(a.set, 1u << 0 | 1u << 2);
}

/* Positionals come first after parsing, the rest keep their order. */
static void test_permutation(void **state)
{
	char *argv[] = {"t", "--n", "3", "x.csv", "-o", "o", NULL};
	struct args a = {.p = 95, .w = {-INFINITY, INFINITY}};
	int n = 0;

	(void)state;
	assert_int_equal(opt_parse(&cmd, 6, argv, &a, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(argv[1], "x.csv");
	assert_string_equal(argv[2], "--n");
	assert_string_equal(argv[3], "3");
	assert_string_equal(argv[5], "o");
}

/* A command's check runs last, on the filled arguments: it may refuse a
   combination (exit 2) or fill a field from others. */
static int pair_check(const struct opt_cmd *c, void *args)
{
	struct args *a = args;

	if (a->flag && a->n)
		return opt_error(c, NULL, "--flag and --n exclude each other");
	a->count = a->n ? (size_t)a->n * 10 : 7;
	return 0;
}

static void test_check(void **state)
{
	static const struct opt_cmd checked = {
	    .name = "t", .opts = options, .check = pair_check};
	char *ok[] = {"t", "x", "-o", "o", "--n", "3", NULL};
	char *bad[] = {"t", "x", "-o", "o", "--n", "3", "--flag", NULL};
	char *help[] = {"t", "--help", NULL};
	struct args a = {.w = {-INFINITY, INFINITY}};

	(void)state;
	assert_int_equal(opt_parse(&checked, 6, ok, &a, NULL), 0);
	assert_int_equal(a.count, 30);
	a = (struct args){.w = {-INFINITY, INFINITY}};
	assert_int_equal(opt_parse(&checked, 7, bad, &a, NULL), 2);
	/* Not after --help: the arguments are not all there. */
	a = (struct args){.count = 1};
	assert_int_equal(opt_parse(&checked, 2, help, &a, NULL), OPT_HELP);
	assert_int_equal(a.count, 1);
}

/* A stream writing into BUF (LEN bytes, zeroed: what is written stays a
   string). */
static FILE *buf_open(char *buf, size_t len)
{
	FILE *fp;

	memset(buf, 0, len);
	fp = fmemopen(buf, len - 1, "w");
	assert_non_null(fp);
	return fp;
}

/* The usage line comes from the table: the OPT_ARG names, the required
   options, "[options]" when there are others; none for a bare command. */
static void test_usage(void **state)
{
	static const struct opt none[] = {OPT_TABLE_END};
	static const struct opt_cmd bare = {.name = "v", .opts = none};
	char buf[4096];
	FILE *fp;

	(void)state;
	fp = buf_open(buf, sizeof(buf));
	opt_help(&cmd, fp);
	opt_help(&bare, fp);
	fclose(fp);
	/* a required option by its short name, as every usage line has -o */
	assert_true(
	    !strncmp(buf, "usage: vmux t TRACE -o FILE [options]\n", 38));
	assert_non_null(strstr(buf, "\nusage: vmux v\n"));
}

/* opt_wrap: words past column 79 go to a new line at the indent; a word
 * longer than a line stays whole; the column after is returned. */
static void test_wrap(void **state)
{
	char buf[512], text[128];
	FILE *fp;
	size_t col;

	(void)state;
	memset(text, 'x', 60); /* "xxx...x (60) yy zz" */
	strcpy(text + 60, " yy zz");
	fp = buf_open(buf, sizeof(buf));
	col = opt_wrap(fp, text, strlen(text), 15, 4); /* 15 + 60 + 3 = 78 */
	assert_int_equal(col, 4 + 2);
	fputc('|', fp);
	col = opt_wrap(fp, text, 60, 70, 4); /* too long for any line */
	fclose(fp);
	assert_int_equal(col, 4 + 60);
	assert_true(!strncmp(buf + 60, " yy\n    zz|\n    xxx", 19));
}

/* The rules between options, as table data (.needs, .excludes, .only,
 * OPT_RELATE): the parser refuses a line that breaks one (exit 2, one
 * line naming both options), judging whether an option was given, not
 * whether its field differs from the default. */
struct rel {
	const char *kind, *out;
	int mode;
	unsigned set;
	bool a, b, c, e;
	double x, y;
};

static const char *const modes[] = {"fast", "slow", "off", NULL};

#define R(F, T) OPT_AT(struct rel, F, T)
static const struct opt rel_group[] = {
    OPT_BOOL("c", 0, "c"), /* a shared group's option */
    OPT_TABLE_END,
};

static const struct opt rel_opts[] = {
    OPT_POSITIONAL("KIND", R(kind, const char *)),
    OPT_STR(NULL, 'o', R(out, const char *), "FILE", 0, "out"),
    OPT_CHOICE(OPT_ENUM, "mode", R(mode, int), "M", modes, "mode"),
    OPT_BOOL("a", R(a, bool), "a", .needs = "-o"),
    OPT_BOOL("b", R(b, bool), "b", .excludes = "--a --c"),
    OPT_NUM(OPT_NUMBER, "x", R(x, double), "X", NULL, NULL, "x",
	    .only = "--mode=fast,slow", .why = "off has no x"),
    OPT_NUM(OPT_NUMBER, "y", R(y, double), "Y", NULL, NULL, "y",
	    .only = "KIND=p,q"),
    OPT_INCLUDE(rel_group, R(c, bool)),
    OPT_CHOICE(OPT_ENUM_SET, "set", R(set, unsigned), "L", modes, "set"),
    OPT_BOOL("e", R(e, bool), "e", .only = "--set=fast,slow --mode=fast"),
    OPT_RELATE("--c", .needs = "--mode=slow,off"),
    OPT_RELATE("-o=-", .excludes = "--b", .why = "both write there"),
    OPT_TABLE_END,
};

static const struct opt_cmd rel_cmd = {
    .name = "r", .opts = rel_opts, .args = "KIND", .max_args = 1};

/* Alternatives, and a rule about no option: --a or --mode required. */
static const struct opt either_opts[] = {
    OPT_INCLUDE(rel_opts, 0),
    OPT_BOOL("d", R(c, bool), "d", .needs = "-o|--b"),
    OPT_RELATE(NULL, .needs = "--a|--mode", .why = "say how"),
    OPT_TABLE_END,
};

static const struct opt_cmd either_cmd = {
    .name = "r", .opts = either_opts, .args = "KIND", .max_args = 1};

/* A positional of known values: an unknown one is said first, before a
 * rule about it (the root cause). */
static const char *const kinds[] = {"p", "q", NULL};
static const struct opt kind_opts[] = {
    OPT_POSITIONAL_OF("KIND", R(kind, const char *), kinds),
    OPT_NUM(OPT_NUMBER, "y", R(y, double), "Y", NULL, NULL, "y",
	    .only = "KIND=p"),
    OPT_TABLE_END,
};

static const struct opt_cmd kind_cmd = {
    .name = "r", .opts = kind_opts, .args = "KIND", .max_args = 1};

/* Two positionals, the last repeatable, then a required option: each
 * missing one said in the order they are written. */
static const struct opt two_opts[] = {
    OPT_POSITIONAL_OF("KIND", R(kind, const char *), kinds),
    OPT_POSITIONAL("FILE", R(out, const char *)),
    OPT_NUM_F(OPT_NUMBER, "y", R(y, double), "Y", NULL, NULL, OPT_REQUIRED,
	      "y"),
    OPT_TABLE_END,
};

static const struct opt_cmd two_cmd = {
    .name = "r", .opts = two_opts, .max_args = -1};
static const struct opt_cmd *rel_which = &rel_cmd;

/* Parse WORDS after "r" (-o's default is set: given is not "changed");
 * what was printed on stderr into ERR. */
static int rel_parse(const char *const *words, char *err, size_t size)
{
	struct rel r = {.out = "default.csv", .set = 7};
	char *argv[16] = {"r"};
	int argc = 1, rc, errfd, saved;

	for (; *words; words++)
		argv[argc++] = (char *)*words;
	saved = test_capture_stderr(&errfd);
	rc = opt_parse(rel_which, argc, argv, &r, NULL);
	test_release_stderr(saved, errfd, err, size);
	return rc;
}

static void rel_refused(const char *const *words, const char *msg)
{
	char err[512];

	assert_int_equal(rel_parse(words, err, sizeof(err)), 2);
	if (!strstr(err, msg) || strchr(err, '\n') != strrchr(err, '\n'))
		fail_msg("'%s' is not one line with '%s'", err, msg);
}

static void rel_taken(const char *const *words)
{
	char err[512];

	if (rel_parse(words, err, sizeof(err)) != 0)
		fail_msg("refused: %s", err);
}

static void test_relations(void **state)
{
	(void)state;
	rel_refused((const char *const[]){"k", "--a", NULL},
		    "vmux r: option '--a' needs '-o'; see 'vmux r --help'");
	rel_taken((const char *const[]){"k", "--a", "-o", "f", NULL});
	rel_refused((const char *const[]){"k", "--b", "--a", "-o", "f", NULL},
		    "options '--b' and '--a' exclude each other");
	rel_refused((const char *const[]){"--mode", "slow", "--c", "--b", NULL},
		    "options '--b' and '--c' exclude each other");
	rel_taken((const char *const[]){"k", "--b", NULL});
	/* .only: the other option's value, given or its default (fast) */
	rel_taken((const char *const[]){"k", "--x", "1", NULL});
	rel_taken(
	    (const char *const[]){"k", "--mode", "slow", "--x", "1", NULL});
	rel_refused(
	    (const char *const[]){"k", "--mode", "off", "--x", "1", NULL},
	    "option '--x' applies only with --mode fast or slow, not "
	    "--mode off: off has no x");
	/* a positional's value; a missing one is the command's to say */
	rel_taken((const char *const[]){"q", "--y", "1", NULL});
	rel_taken((const char *const[]){"--y", "1", NULL});
	rel_refused((const char *const[]){"z", "--y", "1", NULL},
		    "option '--y' applies only with KIND p or q, not KIND z");
	/* OPT_RELATE: a rule on a shared group's option; .needs with
	   values wants the option given (its default does not count) */
	rel_refused((const char *const[]){"k", "--c", NULL},
		    "option '--c' needs --mode slow or off");
	rel_refused((const char *const[]){"k", "--c", "--mode", "fast", NULL},
		    "option '--c' needs --mode slow or off, not --mode fast");
	rel_taken((const char *const[]){"k", "--c", "--mode", "off", NULL});
	/* an OPT_RELATE about one value of its option */
	rel_refused((const char *const[]){"k", "--b", "-o", "-", NULL},
		    "options '-o -' and '--b' exclude each other: both write "
		    "there");
	rel_taken((const char *const[]){"k", "--b", "-o", "f", NULL});
	/* a set's values are each wanted: the default (all) has them */
	rel_taken((const char *const[]){"k", "--e", NULL});
	rel_taken(
	    (const char *const[]){"k", "--e", "--set", "slow,fast", NULL});
	rel_refused(
	    (const char *const[]){"k", "--e", "--set", "off,fast", NULL},
	    "option '--e' applies only with --set fast and slow, but "
	    "--set leaves out slow; see");
	rel_refused((const char *const[]){"k", "--e", "--mode", "off", NULL},
		    "option '--e' applies only with --mode fast, not --mode "
		    "off; see");
	/* alternatives; OPT_RELATE(NULL, ...): required whatever is given */
	rel_which = &either_cmd;
	rel_refused((const char *const[]){"k", NULL},
		    "option '--a' or '--mode' is required: say how");
	rel_refused((const char *const[]){"k", "--mode", "fast", "--d", NULL},
		    "option '--d' needs '-o' or '--b'");
	rel_taken(
	    (const char *const[]){"k", "--mode", "fast", "--d", "--b", NULL});
	rel_taken((const char *const[]){"k", "--a", "-o", "f", "--d", NULL});
	rel_which = &kind_cmd;
	rel_refused((const char *const[]){"z", "--y", "1", NULL},
		    "vmux r: KIND 'z' is not one of p, q; see");
	rel_refused((const char *const[]){"q", "--y", "1", NULL},
		    "option '--y' applies only with KIND p, not KIND q");
	rel_taken((const char *const[]){"p", "--y", "1", NULL});
	rel_taken((const char *const[]){"--y", "1", NULL}); /* none: taken */
	rel_which = &two_cmd;
	rel_refused((const char *const[]){NULL},
		    "vmux r: missing KIND (p, q); see");
	rel_refused((const char *const[]){"z", NULL},
		    "vmux r: KIND 'z' is not one of p, q; see");
	rel_refused((const char *const[]){"q", NULL},
		    "vmux r: missing FILE after q; see");
	rel_refused((const char *const[]){"q", "f", NULL},
		    "vmux r: option '--y' is required; see");
	rel_taken((const char *const[]){"q", "f", "g", "--y", "1", NULL});
	rel_which = &rel_cmd;
}

/* The help states each relation, from the same data. */
static void test_relations_help(void **state)
{
	char buf[4096];
	FILE *fp;

	(void)state;
	fp = buf_open(buf, sizeof(buf));
	opt_help(&rel_cmd, fp);
	fclose(fp);
	assert_non_null(strstr(buf, "  --a                 a (needs -o)\n"));
	assert_non_null(strstr(buf, "b (not with --a or --c)\n"));
	assert_non_null(strstr(buf, "x (only with --mode fast or slow)\n"));
	assert_non_null(strstr(buf, "y (only with KIND p or q)\n"));
	assert_non_null(strstr(buf, "c (needs --mode slow or off)\n"));
	assert_non_null(strstr(buf, "out (if -: not with --b)\n"));
	assert_non_null(
	    strstr(buf, "e (only with --set fast and slow and --mode fast)\n"));
	assert_null(strstr(buf, "OPT_RELATE"));
	fp = buf_open(buf, sizeof(buf));
	opt_help(&either_cmd, fp);
	fclose(fp);
	assert_true(!strncmp(
	    buf, "usage: vmux r KIND (--a | --mode M) [options]\n", 46));
}

/* Rules naming no option, found at run time too (opt_table_check() is
 * for tests): a misspelt alternative is a bug said as loudly as a
 * misspelt single target, whether or not another alternative is given. */
static const struct opt bug_opts[] = {
    OPT_INCLUDE(rel_opts, 0),
    OPT_BOOL("d", R(c, bool), "d", .needs = "-o|--nope"),
    OPT_BOOL("g", R(e, bool), "g", .needs = "--nopf"),
    OPT_TABLE_END,
};

static const struct opt_cmd bug_cmd = {
    .name = "r", .opts = bug_opts, .args = "KIND", .max_args = 1};

static const struct opt wanted_bug_opts[] = {
    OPT_INCLUDE(rel_opts, 0),
    OPT_RELATE(NULL, .needs = "--mode|--nope"),
    OPT_TABLE_END,
};

static const struct opt_cmd wanted_bug_cmd = {
    .name = "r", .opts = wanted_bug_opts, .args = "KIND", .max_args = 1};

static void test_rule_bugs(void **state)
{
	(void)state;
	rel_which = &bug_cmd;
	/* no option stating a rule is given: none judged */
	rel_taken((const char *const[]){"k", NULL});
	rel_refused((const char *const[]){"k", "--g", NULL},
		    "vmux r: option table: a rule names '--nopf', which is "
		    "no option (a bug)");
	rel_refused((const char *const[]){"k", "--d", "-o", "f", NULL},
		    "vmux r: option table: a rule names '--nope', which is "
		    "no option (a bug)");
	rel_refused((const char *const[]){"k", "--d", NULL},
		    "a rule names '--nope', which is no option (a bug)");
	rel_which = &wanted_bug_cmd;
	rel_refused((const char *const[]){"k", "--mode", "fast", NULL},
		    "a rule names '--nope', which is no option (a bug)");
	rel_refused((const char *const[]){"k", NULL},
		    "a rule names '--nope', which is no option (a bug)");
	rel_which = &rel_cmd;
}

/* A table with a fault in each kind of rule: the check names each one,
 * a line each, and passes the sound tables above. */
static const struct opt typo_opts[] = {
    OPT_POSITIONAL_OF("KIND", R(kind, const char *), kinds),
    OPT_STR(NULL, 'o', R(out, const char *), "FILE", 0, "out"),
    OPT_CHOICE(OPT_ENUM, "mode", R(mode, int), "M", modes, "mode"),
    OPT_BOOL("a", R(a, bool), "a", .needs = "--outptu"),
    OPT_BOOL("b", R(b, bool), "b", .excludes = "--a -o|--nope"),
    OPT_NUM(OPT_NUMBER, "x", R(x, double), "X", NULL, NULL, "x",
	    .only = "--mode=fast,slwo KIND=p,r"),
    OPT_NUM(OPT_NUMBER, "y", R(y, double), "Y", NULL, NULL, "y",
	    .needs = "--x=1 -o=any"),
    OPT_RELATE("--cc", .needs = "--a"),
    OPT_RELATE(NULL, .needs = "--a|--b", .excludes = "--x"),
    OPT_TABLE_END,
};

static const struct opt_cmd typo_cmd = {
    .name = "r", .opts = typo_opts, .args = "KIND", .max_args = 1};

static void test_table_check(void **state)
{
	const struct opt_cmd *sound[] = {&cmd, &rel_cmd, &either_cmd, &kind_cmd,
					 &two_cmd};
	const char *said[] = {
	    "vmux r: option table: a rule names '--outptu', which",
	    "a rule names '--nope', which is no option\n",
	    "'--mode=fast,slwo': --mode takes no value 'slwo'\n",
	    "'KIND=p,r': KIND takes no value 'r'\n",
	    "'--x=1': --x takes no value '1'\n",
	    "a rule names '--cc', which is no option\n",
	    "an OPT_RELATE about no option states only .needs\n",
	};
	char buf[2048];
	size_t lines = 0;
	FILE *fp;

	(void)state;
	fp = buf_open(buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(sound) / sizeof(sound[0]); i++)
		assert_int_equal(opt_table_check(sound[i], fp), 0);
	fclose(fp);
	assert_string_equal(buf, "");
	fp = buf_open(buf, sizeof(buf));
	assert_int_equal(opt_table_check(&typo_cmd, fp), 7);
	fclose(fp);
	for (size_t i = 0; i < sizeof(said) / sizeof(said[0]); i++)
		if (!strstr(buf, said[i]))
			fail_msg("'%s' does not say '%s'", buf, said[i]);
	for (const char *c = buf; (c = strchr(c, '\n')); c++)
		lines++;
	assert_int_equal(lines, 7);
}

static void test_nearest(void **state)
{
	static const char *const names[] = {"percentile", "policy", "plan",
					    "step"};

	(void)state;
	assert_int_equal(opt_distance("percentle", "percentile"), 1);
	assert_int_equal(opt_distance("plna", "plan"), 2);
	assert_int_equal(opt_distance("", "abc"), 3);
	assert_string_equal(opt_nearest("percentle", names, 4), "percentile");
	assert_string_equal(opt_nearest("plna", names, 4), "plan");
	assert_string_equal(opt_nearest("pol", names, 4), "policy");
	assert_null(opt_nearest("zzzzzz", names, 4));
}

/* Numbers are decimal (lib/numtext.h): the hex, inf and blanks strtod
 * would take are usage errors, for every numeric type and in lists;
 * decimal forms, exponents too, are taken. 0x5A = 90, 0x1p6 = 64,
 * 0x10 = 16. */
static void test_decimal_only(void **state)
{
	const char *const *bad[] = {
	    (const char *const[]){"x", "-o", "o", "--percentile", "0x5A", NULL},
	    (const char *const[]){"x", "-o", "o", "--percentile", "0x1p6",
				  NULL},
	    (const char *const[]){"x", "-o", "o", "--percentile", " 90", NULL},
	    (const char *const[]){"x", "-o", "o", "--percentile", "90 ", NULL},
	    (const char *const[]){"x", "-o", "o", "--percentile", "nan", NULL},
	    (const char *const[]){"x", "-o", "o", "--levels", "0x32,95", NULL},
	    (const char *const[]){"x", "-o", "o", "--levels", "50, 95", NULL},
	    (const char *const[]){"x", "-o", "o", "--step", "0x10", NULL},
	    (const char *const[]){"x", "-o", "o", "--step", "0x10m", NULL},
	    (const char *const[]){"x", "-o", "o", "--step", "infm", NULL},
	    (const char *const[]){"x", "-o", "o", "--step", " 5m", NULL},
	    (const char *const[]){"x", "-o", "o", "--from", "0x10", NULL},
	    (const char *const[]){"x", "-o", "o", "--from", " 10", NULL},
	    (const char *const[]){"x", "-o", "o", "--n", " 5", NULL},
	    (const char *const[]){"x", "-o", "o", "--count", " 5", NULL},
	    (const char *const[]){"x", "-o", "o", "--count", " -1", NULL},
	};
	struct args a;

	(void)state;
	refused(bad, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(
	    parse(&a,
		  (const char *const[]){"x", "-o", "o", "--percentile",
					"9.05e1", "--step", "5e-1m", "--levels",
					"5e1,+95", "--from", "1e3", NULL}),
	    0);
	assert_close(a.p, 90.5, 0);
	assert_close(a.step, 30, 0);
	assert_close(a.levels.v[0], 50, 0);
	assert_close(a.levels.v[1], 95, 0);
	assert_close(a.w.from, 1000, 0);
}

static void test_durations_and_times(void **state)
{
	static const struct parse_case durations[] = {
	    {"90s", 0, 90},	    {"1.5h", 0, 5400},	 {"2d", 0, 172800},
	    {"m", -EINVAL, 0},	    {"5 m", -EINVAL, 0}, {"0x10", -EINVAL, 0},
	    {"0x1p4s", -EINVAL, 0}, {"inf", -EINVAL, 0}, {"1e1m", 0, 600},
	};
	static const struct parse_case times[] = {
	    {"2024-02-29T23:59:59Z", 0, 1709251199},
	    {"2013-07-27T14:00:00+02:00", 0, 1374926400},
	    {"2013-07-27 12:00", 0, 1374926400},
	    {"2013-07-27T12:00:00.25", 0, 1374926400.25},
	    {"-60", 0, -60},
	    {"2023-02-29", -EINVAL, 0},
	    {"2013-07-27T24:00", -EINVAL, 0},
	    {"2013-07-27Z1", -EINVAL, 0},
	    {"inf", -EINVAL, 0},
	    {"0x10", -EINVAL, 0},
	    {"", -EINVAL, 0},
	};

	(void)state;
	assert_parses(opt_parse_duration, PARSE_CASES(durations));
	assert_parses(utctime_parse, PARSE_CASES(times));
}

/* Written to memory, each case against the RFC 4180 text by hand. */
static void test_csvout(void **state)
{
	static const char *const cases[][2] = {
	    {"plain", "plain"},	  {"a b", "a b"},
	    {"a,b", "\"a,b\""},	  {"say \"hi\"", "\"say \"\"hi\"\"\""},
	    {"x\ny", "\"x\ny\""}, {"x\ry", "\"x\ry\""},
	    {" a", "\" a\""},	  {"a ", "\"a \""},
	    {"\ta", "\"\ta\""},	  {"", ""},
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *fp;

		memset(buf, 0, sizeof(buf));
		fp = fmemopen(buf, sizeof(buf), "w");
		csvout_field(fp, cases[i][0]);
		fclose(fp);
		assert_string_equal(buf, cases[i][1]);
	}
}

/* OPT_OUTFILE: an output that cannot be written is exit 74 (an I/O
 * error) once the command line is read; "-" and a device are fine. */
struct outs {
	const char *out, *log;
};

static const struct opt out_opts[] = {
    OPT_STR(NULL, 'o', OPT_AT(struct outs, out, const char *), "FILE",
	    OPT_OUTFILE, "out"),
    OPT_STR("log", 0, OPT_AT(struct outs, log, const char *), "FILE",
	    OPT_OUTFILE, "log"),
    OPT_TABLE_END,
};

static const struct opt_cmd out_cmd = {.name = "t", .opts = out_opts};

static int parse_outs(const char *o, const char *log)
{
	char *argv[] = {"t", "-o", (char *)o, "--log", (char *)log, NULL};
	struct outs a = {0};

	return opt_parse(&out_cmd, 5, argv, &a, NULL);
}

static void test_outfile(void **state)
{
	(void)state;
	assert_int_equal(parse_outs("-", "/dev/null"), 0);
	assert_int_equal(parse_outs("/nonexistent-vmux-dir/x.csv", "-"),
			 VMUX_EXIT_IO);
	assert_int_equal(parse_outs("-", "/nonexistent-vmux-dir/x.csv"),
			 VMUX_EXIT_IO);
	assert_int_equal(parse_outs("/", "-"), VMUX_EXIT_IO); /* a folder */
}

/* The folder a file is made in, by hand. */
static void test_outfile_folder(void **state)
{
	const char *cases[][2] = {{"a/b.csv", "a"},   {"b.csv", "."},
				  {"/b.csv", "/"},    {"/a/b/c", "/a/b"},
				  {"a//b.csv", "a/"}, {"./b", "."}};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *f = outfile_folder(cases[i][0]);

		assert_non_null(f);
		assert_string_equal(f, cases[i][1]);
		free(f);
	}
}

VMUX_TEST_MAIN(cmocka_unit_test(test_types), cmocka_unit_test(test_outfile),
	       cmocka_unit_test(test_outfile_folder),
	       cmocka_unit_test(test_errors), cmocka_unit_test(test_list_items),
	       cmocka_unit_test(test_permutation), cmocka_unit_test(test_usage),
	       cmocka_unit_test(test_wrap), cmocka_unit_test(test_check),
	       cmocka_unit_test(test_nearest),
	       cmocka_unit_test(test_decimal_only),
	       cmocka_unit_test(test_durations_and_times),
	       cmocka_unit_test(test_csvout), cmocka_unit_test(test_relations),
	       cmocka_unit_test(test_many_strings),
	       cmocka_unit_test(test_relations_help),
	       cmocka_unit_test(test_rule_bugs),
	       cmocka_unit_test(test_table_check))
