/*
 * opt_rules.c - the rules between options (opt_rules.h; lib/opt.h says
 * what .needs, .excludes, .only and OPT_RELATE mean): each rule an option
 * states, judged once the command line is read, said in the same words for
 * every command ("option '--a' needs '-o'"), and stated in the help from
 * the same data ("(needs -o)").
 */
#include "lib/opt_rules.h"
#include "lib/opt.h"
#include "lib/opt_impl.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Whether O is written KEY on the command line: "--name", "-x", or a
 * positional argument's .arg. */
static bool written_as(const struct opt *o, const void *key)
{
	const struct opt_key *k = key;

	if (k->n > 2 && !strncmp(k->s, "--", 2))
		return o->name && o->type != OPT_RULE &&
		       strlen(o->name) == k->n - 2 &&
		       !strncmp(o->name, k->s + 2, k->n - 2);
	if (k->n == 2 && k->s[0] == '-')
		return o->short_name == k->s[1];
	return o->type == OPT_ARG && strlen(o->arg) == k->n &&
	       !strncmp(o->arg, k->s, k->n);
}

/* The option a rule's ITEM ("--m=V,W", "-o", "FORMAT") names. */
static bool rule_target(const struct opt_cmd *cmd, const char *item,
			struct opt_found *f)
{
	struct opt_key k = {item, strcspn(item, "=| ")};

	return opt_find(cmd->opts, 0, written_as, &k, f);
}

/* The first option ITEM names ("--a|--b=V") that is none of CMD's, or
 * NULL: each alternative is resolved, not only the first. */
static const char *unknown_target(const struct opt_cmd *cmd, const char *item)
{
	struct opt_found f;

	for (const char *s = item;; s += strcspn(s, "| ") + 1) {
		if (!rule_target(cmd, s, &f))
			return s;
		if (s[strcspn(s, "| ")] != '|')
			return NULL;
	}
}

/* ITEM names an option the table lacks: a bug, said whatever else is
 * given, exit status 2. */
static int no_option(const struct opt_state *p, const char *item)
{
	return opt_fail(p,
			"option table: a rule names '%.*s', which is no "
			"option (a bug)",
			(int)strcspn(item, "| "), item);
}

/* Given on the command line: seen, or a positional stored. */
static bool given(const struct opt_state *p, const struct opt_found *f)
{
	if (f->o->type == OPT_ARG)
		return *(const char **)(p->args + f->base + f->o->off) != NULL;
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i] == f->o)
			return true;
	return false;
}

/* F's value as text (an enum's name, a string), or NULL. */
static const char *value_of(const struct opt_state *p,
			    const struct opt_found *f)
{
	const void *v = p->args + f->base + f->o->off;
	int i;

	switch (f->o->type) {
	case OPT_ENUM:
		i = *(const int *)v;
		return i >= 0 ? f->o->names[i] : NULL;
	case OPT_STRING:
	case OPT_ARG:
		return *(const char *const *)v;
	default:
		return NULL;
	}
}

/* Whether V is one of ITEM's values ("--m=V,W"): any, without '='. */
static bool allowed(const char *item, const char *v)
{
	const char *s = item + strcspn(item, "= ");
	size_t k;

	if (*s != '=')
		return true;
	for (s++; v; s += k + 1) {
		k = strcspn(s, ", ");
		if (k == strlen(v) && !strncmp(s, v, k))
			return true;
		if (s[k] != ',')
			break;
	}
	return false;
}

/* Whether ITEM names a set (OPT_ENUM_SET): its values are all wanted. */
static bool names_set(const struct opt_cmd *cmd, const char *item)
{
	struct opt_found f;

	return rule_target(cmd, item, &f) && f.o->type == OPT_ENUM_SET;
}

/* ITEM in words: "'-o'" (QUOTE) or "-o"; "--m V or W" with values ("V
 * and W" for a set); "'--a' or '--b'" for alternatives ("--a|--b"). */
static void phrase(const struct opt_cmd *cmd, const char *item, bool quote,
		   char *buf, size_t size, size_t *n)
{
	const char *last = names_set(cmd, item) ? " and " : " or ";
	size_t k = strcspn(item, "=| ");
	const char *s = item + k;

	while (*s != '=') { /* alternatives: "'--a' or '--b'" */
		opt_append(buf, size, n, quote ? "'%.*s'" : "%.*s", (int)k,
			   item);
		if (*s != '|')
			return;
		opt_append(buf, size, n, " or ");
		item = s + 1;
		k = strcspn(item, "=| ");
		s = item + k;
	}
	opt_append(buf, size, n, "%.*s ", (int)k, item);
	for (s++;; s += k + 1) {
		k = strcspn(s, ", ");
		opt_append(buf, size, n, "%s%.*s",
			   s == item + strcspn(item, "=") + 1 ? ""
			   : s[k] == ','		      ? ", "
							      : last,
			   (int)k, s);
		if (s[k] != ',')
			break;
	}
}

/* The option F that rule R is about, as the messages name it: "--a", or
 * "--a -" for an OPT_RELATE about one of its values ("--a=-"). */
static void subject(const struct opt_state *p, const struct opt_found *f,
		    const struct opt *r, char *buf, size_t size)
{
	size_t n = 0;

	opt_name(p, f->o, buf, size);
	n = strlen(buf);
	if (r->type == OPT_RULE && strchr(r->arg, '='))
		opt_append(buf, size, &n, " %s", value_of(p, f));
}

/* The values of ITEM ("--s=V,W") that set O leaves out, into BUF (if not
 * NULL) from *N; how many. */
static size_t left_out(const struct opt_state *p, const char *item,
		       const struct opt_found *o, char *buf, size_t size,
		       size_t *n)
{
	unsigned set = *(const unsigned *)(p->args + o->base + o->o->off);
	const char *s = item + strcspn(item, "= ");
	size_t k, count = 0;

	for (s += *s == '='; *s && *s != ' '; s += k + (s[k] == ',')) {
		int i = 0;

		k = strcspn(s, ", ");
		while (o->o->names[i] && (strlen(o->o->names[i]) != k ||
					  strncmp(o->o->names[i], s, k)))
			i++;
		if (o->o->names[i] && (set & 1u << i))
			continue;
		if (buf)
			opt_append(buf, size, n, "%s%.*s", count ? ", " : "",
				   (int)k, s);
		count++;
	}
	return count;
}

/* Whether O's value is as ITEM asks ("--m=V,W"): one of the values, or
 * for a set each of them. */
static bool holds(const struct opt_state *p, const char *item,
		  const struct opt_found *o)
{
	if (o->o->type == OPT_ENUM_SET)
		return left_out(p, item, o, NULL, 0, NULL) == 0;
	return allowed(item, value_of(p, o));
}

/* F's rule R is broken: "option '--a' VERB ITEM[, not --m X][: WHY]"
 * (OTHER: the option named, whose value is said; a set: ", but --s
 * leaves out V"), exit status 2. */
static int broken(const struct opt_state *p, const struct opt_found *f,
		  const struct opt *r, const char *verb, const char *item,
		  const struct opt_found *other)
{
	char me[80], msg[OPT_WHY_LEN];
	const char *v = other ? value_of(p, other) : NULL;
	size_t n = 0;

	subject(p, f, r, me, sizeof(me));
	phrase(p->cmd, item, true, msg, sizeof(msg), &n);
	if (other && other->o->type == OPT_ENUM_SET) {
		opt_append(msg, sizeof(msg), &n, ", but %.*s leaves out ",
			   (int)strcspn(item, "="), item);
		left_out(p, item, other, msg, sizeof(msg), &n);
	} else if (v)
		opt_append(msg, sizeof(msg), &n, ", not %.*s %s",
			   (int)strcspn(item, "="), item, v);
	return opt_fail(p, "option '%s' %s %s%s%s", me, verb, msg,
			r->why ? ": " : "", r->why ? r->why : "");
}

/* The rules of LIST (space-separated items) through RULE, in turn. */
static int each_rule(const struct opt_state *p, const struct opt_found *f,
		     const struct opt *r, const char *list,
		     int (*rule)(const struct opt_state *,
				 const struct opt_found *, const struct opt *,
				 const char *))
{
	const char *bad;
	int rc = 0;

	for (const char *s = list; s && *s && rc == 0; s += strcspn(s, " ")) {
		s += strspn(s, " ");
		if (!*s)
			break;
		if ((bad = unknown_target(p->cmd, s)))
			return no_option(p, bad);
		rc = rule(p, f, r, s);
	}
	return rc;
}

/* Whether ITEM's option, or one of its alternatives ("--a|--b"), is
 * given: that one in *O. */
static bool any_given(const struct opt_state *p, const char *item,
		      struct opt_found *o)
{
	for (const char *s = item;; s += strcspn(s, "| ") + 1) {
		if (rule_target(p->cmd, s, o) && given(p, o))
			return true;
		if (s[strcspn(s, "| ")] != '|')
			return false;
	}
}

static int rule_needs(const struct opt_state *p, const struct opt_found *f,
		      const struct opt *r, const char *item)
{
	struct opt_found o;

	if (!any_given(p, item, &o))
		return broken(p, f, r, "needs", item, NULL);
	if (!holds(p, item, &o))
		return broken(p, f, r, "needs", item, &o);
	return 0;
}

static int rule_excludes(const struct opt_state *p, const struct opt_found *f,
			 const struct opt *r, const char *item)
{
	char me[80];
	struct opt_found o;

	rule_target(p->cmd, item, &o);
	if (!given(p, &o))
		return 0;
	subject(p, f, r, me, sizeof(me));
	return opt_fail(p, "options '%s' and '%.*s' exclude each other%s%s", me,
			(int)strcspn(item, " "), item, r->why ? ": " : "",
			r->why ? r->why : "");
}

static int rule_only(const struct opt_state *p, const struct opt_found *f,
		     const struct opt *r, const char *item)
{
	struct opt_found o;

	rule_target(p->cmd, item, &o);
	if (o.o->type == OPT_ARG && !given(p, &o))
		return 0; /* missing: the command names it */
	if (holds(p, item, &o))
		return 0;
	return broken(p, f, r, "applies only with", item, &o);
}

/* The rules R states for F, if F is given. */
static int check_rules(const struct opt_state *p, const struct opt_found *f,
		       const struct opt *r)
{
	int rc;

	if (!given(p, f))
		return 0;
	rc = each_rule(p, f, r, r->needs, rule_needs);
	if (rc == 0)
		rc = each_rule(p, f, r, r->excludes, rule_excludes);
	if (rc == 0)
		rc = each_rule(p, f, r, r->only, rule_only);
	return rc;
}

/* An OPT_RELATE about no option: each of its .needs is required. */
static int check_wanted(const struct opt_state *p, const struct opt *r)
{
	const char *s = r->needs, *bad;
	char what[OPT_WHY_LEN];
	struct opt_found o;
	size_t n = 0;

	for (; s && *(s += strspn(s, " ")); s += strcspn(s, " ")) {
		if ((bad = unknown_target(p->cmd, s)))
			return no_option(p, bad);
		if (any_given(p, s, &o))
			continue;
		phrase(p->cmd, s, true, what, sizeof(what), &n);
		return opt_fail(p, "option %s is required%s%s", what,
				r->why ? ": " : "", r->why ? r->why : "");
	}
	return 0;
}

int opt_rules_check(const struct opt_state *p)
{
	struct opt_found all[OPT_MAX_NAMES], f;
	size_t n = opt_flatten(p->cmd->opts, 0, all, 0, OPT_MAX_NAMES);
	const char *bad;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct opt *o = all[i].o;

		if (o->type != OPT_RULE)
			rc = check_rules(p, &all[i], o);
		else if (!o->arg)
			rc = check_wanted(p, o);
		else if ((bad = unknown_target(p->cmd, o->arg)))
			rc = no_option(p, bad);
		else if (rule_target(p->cmd, o->arg, &f) &&
			 holds(p, o->arg, &f)) /* not about another value */
			rc = check_rules(p, &f, o);
	}
	return rc;
}

/* The rules R states, for the help, a line may break before each '\n':
 * "\n(needs -o)\n(not with --b\nor --c)"; an
 * OPT_RELATE about some values of its option ("--a=-"): "(if -: ...)". */
static void rules_text(const struct opt_cmd *cmd, const struct opt *r,
		       char *buf, size_t size, size_t *n)
{
	static const struct {
		size_t off;
		const char *head, *join;
	} kinds[] = {{offsetof(struct opt, needs), "needs", "\nand "},
		     {offsetof(struct opt, excludes), "not with", "\nor "},
		     {offsetof(struct opt, only), "only with", "\nand "}};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *s =
		    *(const char *const *)((const char *)r + kinds[i].off);
		const char *eq =
		    r->type == OPT_RULE && r->arg ? strchr(r->arg, '=') : 0;
		int k = 0;

		for (; s && *(s += strspn(s, " ")); k++) {
			if (!k)
				opt_append(buf, size, n, "\n(%s%s%s",
					   eq ? "if " : "", eq ? eq + 1 : "",
					   eq ? ": " : "");
			opt_append(buf, size, n, k ? "%s" : "%s ",
				   k ? kinds[i].join : kinds[i].head);
			phrase(cmd, s, false, buf, size, n);
			s += strcspn(s, " ");
		}
		if (k)
			opt_append(buf, size, n, ")");
	}
}

void opt_rules_usage(const struct opt_cmd *cmd, const struct opt *r, char *buf,
		     size_t size, size_t *n)
{
	const char *s = r->needs, *a;
	char name[80];
	struct opt_found f;

	for (; s && *(s += strspn(s, " ")); s += strcspn(s, " ")) {
		opt_append(buf, size, n, "\n(");
		for (a = s;; a += strcspn(a, "| ") + 1) {
			if (!rule_target(cmd, a, &f))
				break;
			opt_display(f.o, name, sizeof(name));
			opt_append(buf, size, n, "%s%s", a == s ? "" : " | ",
				   f.o->type == OPT_ARG ? f.o->arg : name);
			if (opt_takes_value(f.o) && f.o->type != OPT_ARG)
				opt_append(buf, size, n, " %s",
					   f.o->arg ? f.o->arg : "X");
			if (a[strcspn(a, "| ")] != '|')
				break;
		}
		opt_append(buf, size, n, ")");
	}
}

void opt_rules_notes(const struct opt_cmd *cmd, const struct opt_found *all,
		     size_t n, const struct opt *o, char *buf, size_t size,
		     size_t *len)
{
	struct opt_found f;

	rules_text(cmd, o, buf, size, len);
	for (size_t i = 0; i < n; i++)
		if (all[i].o->type == OPT_RULE && all[i].o->arg &&
		    rule_target(cmd, all[i].o->arg, &f) && f.o == o)
			rules_text(cmd, all[i].o, buf, size, len);
}

/* One fault of CMD's table, a line on FP: 1, for the count. */
static size_t fault(const struct opt_cmd *cmd, FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static size_t fault(const struct opt_cmd *cmd, FILE *fp, const char *fmt, ...)
{
	va_list ap;

	fprintf(fp, "vmux %s: option table: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
	return 1;
}

/* Whether the N bytes at V are one of NAMES. */
static bool among(const char *const *names, const char *v, size_t n)
{
	for (; *names; names++)
		if (strlen(*names) == n && !strncmp(*names, v, n))
			return true;
	return false;
}

/* The values ITEM asks of F's option ("--m=V,W"), each one it takes: the
 * faults said. */
static size_t check_values(const struct opt_cmd *cmd, const char *item,
			   const struct opt_found *f, FILE *fp)
{
	const struct opt *o = f->o;
	const char *s = item + strcspn(item, "=| ");
	size_t k, bad = 0;

	if (*s != '=' || o->type == OPT_STRING ||
	    (o->type == OPT_ARG && !o->names))
		return 0; /* no values, or any text */
	for (s++;; s += k + 1) {
		k = strcspn(s, ", ");
		if (!(o->type == OPT_ENUM || o->type == OPT_ENUM_SET ||
		      o->type == OPT_ARG) ||
		    !among(o->names, s, k))
			bad += fault(cmd, fp,
				     "rule '%.*s': %.*s takes no value "
				     "'%.*s'",
				     (int)strcspn(item, " "), item,
				     (int)(strchr(item, '=') - item), item,
				     (int)k, s);
		if (s[k] != ',')
			return bad;
	}
}

/* ITEM ("--a|--b=V,W"): each option it names is the table's, each value
 * one it takes; the faults said. */
static size_t check_item(const struct opt_cmd *cmd, const char *item, FILE *fp)
{
	struct opt_found f;
	size_t bad = 0;

	for (const char *s = item;; s += strcspn(s, "| ") + 1) {
		if (!rule_target(cmd, s, &f))
			bad += fault(cmd, fp,
				     "a rule names '%.*s', which is no option",
				     (int)strcspn(s, "=| "), s);
		else
			bad += check_values(cmd, s, &f, fp);
		if (s[strcspn(s, "| ")] != '|')
			return bad;
	}
}

/* The items of LIST (space-separated), in turn. */
static size_t check_list(const struct opt_cmd *cmd, const char *list, FILE *fp)
{
	size_t bad = 0;

	for (const char *s = list; s && *(s += strspn(s, " "));
	     s += strcspn(s, " "))
		bad += check_item(cmd, s, fp);
	return bad;
}

size_t opt_table_check(const struct opt_cmd *cmd, FILE *fp)
{
	struct opt_found all[OPT_MAX_NAMES + 1];
	size_t n = opt_flatten(cmd->opts, 0, all, 0, OPT_MAX_NAMES + 1);
	size_t bad = 0;

	if (n > OPT_MAX_NAMES)
		bad += fault(cmd, fp, "more than %d options", OPT_MAX_NAMES);
	for (size_t i = 0; i < n && i < OPT_MAX_NAMES; i++) {
		const struct opt *o = all[i].o;

		if (o->type == OPT_RULE && o->arg)
			bad += check_item(cmd, o->arg, fp);
		else if (o->type == OPT_RULE && (o->excludes || o->only))
			bad += fault(cmd, fp,
				     "an OPT_RELATE about no option "
				     "states only .needs");
		bad += check_list(cmd, o->needs, fp);
		bad += check_list(cmd, o->excludes, fp);
		bad += check_list(cmd, o->only, fp);
	}
	return bad;
}
