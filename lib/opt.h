/*
 * opt.h - one option parser for every command: a command declares a static
 * table of typed options (struct opt) writing into fields of its own
 * argument struct; the parser reads argv, checks each value against its
 * type and range, and prints the help text from the same table.
 *
 * Syntax: "--name VALUE", "--name=VALUE", "-x VALUE", "-xVALUE"; "--"
 * ends the options; options and positional arguments may mix. Names are
 * matched whole: no abbreviations. "-h" and "--help" print the help.
 *
 * Every usage error is one line on stderr, then exit status 2:
 *   vmux CMD: unknown option '--percentle' (did you mean '--percentile'?); see
 * 'vmux CMD --help' vmux CMD: option '--percentile': '120' is out of range (0,
 * 100); see 'vmux CMD --help'
 *
 * Value types (the destination field's C type in brackets):
 *   OPT_FLAG      sets [bool] true; OPT_CLEAR sets it false
 *   OPT_STRING    [const char *] the argument itself (argv is not copied);
 *                 an empty one is refused: it would name nothing
 *   OPT_NUMBER    [double] a finite decimal number within .range
 *   OPT_INT       [int] an integer within .range
 *   OPT_SIZE      [size_t] a non-negative integer within .range
 *   OPT_DURATION  [double] seconds: "300", "90s", "5m", "2h", "1.5d"
 *   OPT_TIME      [double] epoch seconds, or an ISO 8601 date and time
 *                 ("2013-07-27", "2013-07-27T12:00:00Z"; lib/utctime.h)
 *   OPT_SEED      [uint64_t] a decimal integer 0..2^64-1
 *   OPT_ENUM      [int] the index of the argument in .names
 *   OPT_ENUM_SET  [unsigned] a comma list of .names, as bits 1 << index
 *   OPT_NUMBERS   [struct opt_numbers] a comma list of numbers in .range
 *   OPT_STRINGS   [struct opt_strings] repeatable: one entry per use, as
 *                 many as given (the list grows; the caller, which zeroed
 *                 it, frees it with opt_strings_free())
 *   OPT_CALLBACK  .cb(args, value) (no field; .off is ignored)
 *   OPT_ARG       [const char *] the next positional argument, named .arg
 *                 in the usage line (not an option: no long name, not in
 *                 the help's list); a command whose opt_cmd names no .args
 *                 takes exactly one positional argument per OPT_ARG entry;
 *                 with .names (OPT_POSITIONAL_OF), a value not among them
 *                 is refused when stored, before any rule judges it:
 *                 "FORMAT 'x' is not one of planetlab, azure"
 *   OPT_GROUP     the options of table .group, whose offsets are relative
 *                 to the field at .off (shared groups are declared once);
 *                 the group's OPT_END entry may name a .check run after
 *                 parsing (a window's start before its end, ...)
 *   OPT_RULE      not an option: rules (below) for the option its .arg
 *                 names ("--csv", "-o"), where that option is declared in a
 *                 shared group; written OPT_RELATE("--csv", .excludes = "-o");
 *                 "-o=-" makes them rules for that value of the option only
 *                 ("options '-o -' and '--csv' exclude each other"); with
 *                 no option (NULL), its .needs are required whatever is
 *                 given: OPT_RELATE(NULL, .needs = "--eval-trace|--eval-from")
 * Ranges: one rule for all, the interval printed in help and errors;
 * durations and times are checked in seconds.
 *
 * Rules between options are data too. Each names other options as they
 * are written on the command line: "--name", "-x", or a positional
 * argument's .arg ("FORMAT"); "NAME=V,W" also asks for one of the values
 * (an OPT_ENUM's name, or an OPT_STRING's or OPT_ARG's text), or of an
 * OPT_ENUM_SET for each of them ("--styles=full,hw": both in the set). They
 * apply only when the option that states them is given (on the command line,
 * not merely different from its default), and are checked once the positional
 * arguments are stored, before the command's .check:
 *   .needs     "--x -y": each must be given too; "--m=V,W": --m given with
 *              one of those values; "--x|--y": either of them
 *   .excludes  "--x -y": none of them may be given too
 *   .only      "--m=V,W": applies only when --m's value, given or its
 *              default, is one of those ("FORMAT=azure": a positional's;
 *              a positional not given is left to the command to name)
 *   .why       a reason, said after the message of a broken rule
 * A broken rule is a usage error (exit 2), one line in the same words for
 * every command:
 *   vmux CMD: option '--a' needs '-o'
 *   vmux CMD: option '--a' needs --m V or W, not --m X
 *   vmux CMD: options '--a' and '--b' exclude each other
 *   vmux CMD: option '--a' applies only with --m V or W, not --m X: WHY
 *   vmux CMD: option '--a' applies only with --s V and W, but --s leaves
 *             out W
 *   vmux CMD: option '--x' or '--y' is required
 * and the help states each rule after the option's text: "(needs -o)",
 * "(not with --b)", "(only with FORMAT azure)".
 */
#ifndef VMUX_OPT_H
#define VMUX_OPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define OPT_NUMBERS_MAX 32

enum opt_type {
	OPT_END,
	OPT_FLAG,
	OPT_CLEAR,
	OPT_STRING,
	OPT_NUMBER,
	OPT_INT,
	OPT_SIZE,
	OPT_DURATION,
	OPT_TIME,
	OPT_SEED,
	OPT_ENUM,
	OPT_ENUM_SET,
	OPT_NUMBERS,
	OPT_STRINGS,
	OPT_CALLBACK,
	OPT_GROUP,
	OPT_ARG,
	OPT_RULE,
};

/* [lo, hi] with either end open; +-INFINITY for no bound. */
struct opt_range {
	double lo, hi;
	bool lo_open, hi_open;
};

/* (0, inf): the range of every "number > 0", written once. */
extern const struct opt_range opt_positive;
/* [0, inf): every "number >= 0". */
extern const struct opt_range opt_nonnegative;

struct opt_numbers {
	size_t n;
	double v[OPT_NUMBERS_MAX];
};

struct opt_strings {
	size_t n, cap;	/* entries in v, and room for */
	const char **v; /* the arguments themselves (argv is not copied) */
};

/* Free L's list; L is empty again. */
void opt_strings_free(struct opt_strings *l);

struct opt_cmd;

/* Option flags. */
#define OPT_REQUIRED 1u /* a usage error if the option is not given */
/* An OPT_STRING naming an output file: once the command line is read, the
 * parser checks it could be written (lib/outfile.h, outfile_check()), so
 * that a mistyped path fails before the work, with the exit status of an
 * I/O error (74), not after it; and that it is not one of the inputs (a
 * positional argument or another string option naming the same file): a
 * usage error (2). */
#define OPT_OUTFILE 2u
/* With OPT_OUTFILE: not given, the output goes to standard output, so
 * another output given as '-' would run into it (a usage error; checked
 * against the output options after it in the table). */
#define OPT_STDOUT 4u
/* An OPT_STRING or OPT_STRINGS naming an input file: once the command line
 * is read (after the outputs' checks), a file that is not there, cannot be
 * read or is a folder is said with the option ("vmux: option '--hosts':
 * cannot open 'h.csv': No such file or directory", exit 74), and '-' is a
 * usage error unless the option reads standard input (OPT_STDIN). */
#define OPT_INFILE 8u
/* With OPT_INFILE: '-' is standard input, which one input at most (this,
 * another such option or a positional argument '-') may read. */
#define OPT_STDIN 16u

struct opt {
	enum opt_type type;
	const char *name; /* long name without "--", or NULL */
	char short_name;  /* e.g. 'o', or 0 */
	size_t off;	  /* destination: offset in the argument struct */
	const char *arg;  /* the value's name in help ("C", "FILE") */
	const char *help; /* text; '\n' starts an indented line */
	const struct opt_range *range; /* numbers; NULL: any finite */
	const char *unit;	       /* numbers: shown in help */
	const char *const *names;      /* enums: NULL-terminated */
	const struct opt *group;       /* OPT_GROUP */
	/* OPT_CALLBACK: NULL on success, else why VALUE is wrong ("is not
	   KEY=VALUE"), printed after "option '--x': 'VALUE' ". ARGS is what
	   the table's offsets are relative to: the argument struct, or in
	   an included group the group's field. */
	const char *(*cb)(void *args, const char *value);
	/* In a group's OPT_END entry: checks the group's field (FIELD, the
	   group's table GROUP) once parsing is done; 0 or opt_error()'s 2. */
	int (*check)(const struct opt_cmd *cmd, const void *field,
		     const struct opt *group);
	unsigned flags;
	/* Rules between options (above): other options by their names on
	   the command line, space-separated; "NAME=V,W" with values. */
	const char *needs, *excludes, *only;
	const char *why; /* said after a broken rule's message */
};

/*
 * A command: its name, help text and options. The usage line is made from
 * the table ("TRACE --host-cpu C [options]": the OPT_ARG names, then the
 * required options) unless .usage is given. The positional arguments are
 * the table's OPT_ARG entries, one each (with .max_args -1: the last
 * repeatable), unless .args is given: then .min_args to .max_args of
 * them. A missing one is said with the one before it ("missing PATH after
 * planetlab") and the values it takes ("missing FORMAT (planetlab,
 * azure)"), before any option required.
 */
struct opt_cmd {
	const char *name;	/* "plan" */
	const char *usage;	/* after "usage: vmux plan ", or NULL */
	const char *about;	/* paragraph(s) under the usage line */
	const char *more;	/* paragraph(s) after the options, or NULL */
	const struct opt *opts; /* ends with {OPT_END} */
	const char *args;	/* positional arguments' name, or NULL */
	int min_args, max_args; /* with .args: how many; max -1: any */
	/* Run last, on the filled ARGS: the rules between options ("--host
	   and --all-hosts exclude each other"), and what follows from them
	   (defaults that depend on another option). 0, or opt_error()'s 2. */
	int (*check)(const struct opt_cmd *cmd, void *args);
	/* What the command writes on standard output whatever its options
	   ("its table (or --csv's rows)"), or NULL: an output option given
	   as '-' would run into it, a usage error saying so. */
	const char *stdout_is;
};

/* Where a field of type CTYPE named F lives in struct type T (checked). */
#define OPT_AT(T, F, CTYPE)                                                    \
	(offsetof(T, F) + 0 * sizeof(&((T *)0)->F == (CTYPE *)0))

/* The closed interval [LO, HI], written where the option is declared. */
#define OPT_IN(LO, HI) (&(const struct opt_range){(LO), (HI), false, false})

/* Table entries, one line each (the fields not named are 0/NULL). The
 * last argument, the help text, may be followed by more fields:
 * OPT_BOOL("calibrate", OFF, "HELP", .needs = "-o"). */
#define OPT_BOOL(L, OFF, ...)                                                  \
	{                                                                      \
		.type = OPT_FLAG, .name = (L), .off = (OFF),                   \
		.help = __VA_ARGS__                                            \
	}
#define OPT_STR(L, S, OFF, ARG, FLAGS, ...)                                    \
	{                                                                      \
		.type = OPT_STRING, .name = (L), .short_name = (S),            \
		.off = (OFF), .arg = (ARG), .flags = (FLAGS),                  \
		.help = __VA_ARGS__                                            \
	}
#define OPT_NUM(TYPE, L, OFF, ARG, RANGE, UNIT, ...)                           \
	OPT_NUM_F(TYPE, L, OFF, ARG, RANGE, UNIT, 0, __VA_ARGS__)
/* A number (or seed) with flags: OPT_REQUIRED. */
#define OPT_NUM_F(TYPE, L, OFF, ARG, RANGE, UNIT, FLAGS, ...)                  \
	{                                                                      \
		.type = (TYPE), .name = (L), .off = (OFF), .arg = (ARG),       \
		.range = (RANGE), .unit = (UNIT), .flags = (FLAGS),            \
		.help = __VA_ARGS__                                            \
	}
/* A repeatable string, into a struct opt_strings. */
#define OPT_LIST(L, OFF, ARG, ...)                                             \
	{                                                                      \
		.type = OPT_STRINGS, .name = (L), .off = (OFF), .arg = (ARG),  \
		.help = __VA_ARGS__                                            \
	}
/* "--no-x": clears a bool that defaults to true. */
#define OPT_NO(L, OFF, ...)                                                    \
	{                                                                      \
		.type = OPT_CLEAR, .name = (L), .off = (OFF),                  \
		.help = __VA_ARGS__                                            \
	}
#define OPT_CHOICE(TYPE, L, OFF, ARG, NAMES, ...)                              \
	{                                                                      \
		.type = (TYPE), .name = (L), .off = (OFF), .arg = (ARG),       \
		.names = (NAMES), .help = __VA_ARGS__                          \
	}
#define OPT_CB(L, ARG, CB, ...)                                                \
	{                                                                      \
		.type = OPT_CALLBACK, .name = (L), .arg = (ARG), .cb = (CB),   \
		.help = __VA_ARGS__                                            \
	}
#define OPT_POSITIONAL(NAME, OFF)                                              \
	{                                                                      \
		.type = OPT_ARG, .arg = (NAME), .off = (OFF)                   \
	}
#define OPT_POSITIONAL_OF(NAME, OFF, NAMES)                                    \
	{                                                                      \
		.type = OPT_ARG, .arg = (NAME), .off = (OFF), .names = (NAMES) \
	}
#define OPT_INCLUDE(GROUP, OFF)                                                \
	{                                                                      \
		.type = OPT_GROUP, .group = (GROUP), .off = (OFF)              \
	}
/* Rules for option NAME of an included group: OPT_RELATE("--csv",
 * .excludes = "-o", .why = "..."). */
#define OPT_RELATE(NAME, ...)                                                  \
	{                                                                      \
		.type = OPT_RULE, .arg = (NAME), __VA_ARGS__                   \
	}
#define OPT_TABLE_END                                                          \
	{                                                                      \
		.type = OPT_END                                                \
	}

/* parse results besides 0 */
#define OPT_HELP (-1) /* help was printed: exit 0 */

/*
 * Parse ARGV[1..ARGC) (ARGV[0] is the command name) into ARGS, which the
 * caller filled with defaults. Positional arguments are moved, in order,
 * to ARGV[1..*NPOS] (NPOS may be NULL) and stored in the OPT_ARG fields.
 * Returns 0, OPT_HELP after printing the help to stdout, or 2 (the usage exit
 * status) after printing the error.
 */
int opt_parse(const struct opt_cmd *cmd, int argc, char **argv, void *args,
	      int *npos);
/* The exit status for a non-zero opt_parse() result. */
int opt_status(int rc);
/* Print CMD's help to FP. */
void opt_help(const struct opt_cmd *cmd, FILE *fp);

/*
 * Check CMD's table as data, whatever a command line gives (the rules are
 * otherwise resolved only when their option is used, so a misspelt one
 * would fail only then): every option a rule names (.needs, .excludes,
 * .only, an OPT_RELATE's option, each of "--a|--b") is one of the table's;
 * each value it asks for ("--m=V,W") is one the option takes (an enum's
 * or a positional's .names; any text for a string; a flag or a number
 * takes none); an OPT_RELATE about no option states only .needs; the
 * table holds at most as many options as the parser tells apart. Each
 * fault is one line on FP, "vmux CMD: option table: ...". Returns how
 * many faults (0: the table is sound). For tests: tests/sim/test_command.c
 * checks every command's table. At run time, a rule judged (its option
 * given) that names no option, in any of its alternatives, is a usage error
 * too: "option table: a rule names '--x', which is no option (a bug)".
 */
size_t opt_table_check(const struct opt_cmd *cmd, FILE *fp);

/*
 * Report a usage error of CMD found after parsing, in the common format;
 * returns 2. OPTION may be NULL ("vmux CMD: MESSAGE; see ...").
 */
int opt_error(const struct opt_cmd *cmd, const char *option, const char *fmt,
	      ...) __attribute__((format(printf, 3, 4)));

/* Levenshtein distance between A and B (for suggestions). */
size_t opt_distance(const char *a, const char *b);
/*
 * The candidate nearest to WORD among N names, or NULL when none is near
 * enough to be a likely typo (distance at most 1 + strlen(WORD) / 4, or
 * WORD a prefix of it).
 */
const char *opt_nearest(const char *word, const char *const *names, size_t n);

#define OPT_HELP_WIDTH 79 /* columns a help or usage line may take */

/*
 * The N bytes at S to FP from column COL, word by word: a word that would
 * pass column OPT_HELP_WIDTH starts a new line indented INDENT (a word
 * longer than a line stays whole). Returns the column after.
 */
size_t opt_wrap(FILE *fp, const char *s, size_t n, size_t col, size_t indent);

/* The interval R as text, "(0, 100)" or "[1, inf)", into BUF. */
const char *opt_range_text(const struct opt_range *r, char *buf, size_t len);

/* Parse a duration ("300", "5m", "2h", "1d", "90s") into seconds. */
int opt_parse_duration(const char *s, double *out);

#endif
