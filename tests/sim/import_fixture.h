/*
 * import_fixture.h - helpers for the importer tests: a scratch folder of
 * hand-made input files, and an import run whose output lands in memory.
 * A test registered with fx_test() gets its struct fx in *state, made
 * before and removed after it (also when an assertion fails).
 */
#ifndef VMUX_IMPORT_FIXTURE_H
#define VMUX_IMPORT_FIXTURE_H

#include "vmux_test.h"
#include "sim/import/import.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fx {
	char dir[32]; /* scratch folder */
	char *out;    /* canonical CSV of the last run */
	size_t len;
	struct import *im;    /* the last run, for its notes */
	struct import_opts o; /* defaults, for the test to change */
};

static inline void fx_init(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	strcpy(f->dir, "/tmp/vmux_import_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	import_opts_init(&f->o);
}

/* Create DIR/REL (and its folders) holding TEXT; returns the path. */
static inline char *fx_file(struct fx *f, const char *rel, const char *text)
{
	char *path, *p;
	FILE *fp;

	assert_true(asprintf(&path, "%s/%s", f->dir, rel) > 0);
	for (p = path + strlen(f->dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* The path DIR/REL (malloc'd), for folders and missing files. */
static inline char *fx_path(struct fx *f, const char *rel)
{
	char *path;

	assert_true(asprintf(&path, "%s/%s", f->dir, rel) > 0);
	return path;
}

/* Run FORMAT on PATHS with options O (NULL: defaults); returns its rc. */
static inline int fx_run(struct fx *f, const char *format,
			 const struct import_opts *o, char **paths, size_t n)
{
	struct import_opts def;
	FILE *mem;
	int rc;

	if (!o) {
		import_opts_init(&def);
		o = &def;
	}
	import_destroy(f->im);
	free(f->out);
	f->im = NULL;
	f->out = NULL;
	mem = open_memstream(&f->out, &f->len);
	assert_non_null(mem);
	assert_int_equal(import_create(format, o, mem, &f->im), 0);
	rc = import_run(f->im, paths, n);
	fclose(mem);
	return rc;
}

/* Run FORMAT on the one path DIR/REL (a file or a folder); returns its rc. */
static inline int fx_run_at(struct fx *f, const char *format,
			    const struct import_opts *o, const char *rel)
{
	char *path = fx_path(f, rel);
	int rc = fx_run(f, format, o, &path, 1);

	free(path);
	return rc;
}

/* Create DIR/REL holding TEXT and run FORMAT on it; returns its rc. */
static inline int fx_run_file(struct fx *f, const char *format,
			      const struct import_opts *o, const char *rel,
			      const char *text)
{
	free(fx_file(f, rel, text));
	return fx_run_at(f, format, o, rel);
}

/* A note the last run should have made COUNT times. */
struct fx_note {
	enum import_note note;
	unsigned long count;
};

/* Fail unless the last run made each note of WANT (ended by IMPORT_NNOTES). */
static inline void fx_noted_list(const struct fx *f, const struct fx_note *want)
{
	for (; want->note != IMPORT_NNOTES; want++) {
		unsigned long got = import_noted(f->im, want->note);

		if (got != want->count)
			fail_msg("note %d: %lu, expected %lu", (int)want->note,
				 got, want->count);
	}
}

/* fx_noted(&f, {NOTE, COUNT}, ...): fx_noted_list() of the pairs. */
#define fx_noted(f, ...)                                                       \
	fx_noted_list(                                                         \
	    (f), (const struct fx_note[]){__VA_ARGS__, {IMPORT_NNOTES, 0}})

static inline int fx_rm(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void fx_done(struct fx *f)
{
	nftw(f->dir, fx_rm, 16, FTW_DEPTH | FTW_PHYS);
	import_destroy(f->im);
	free(f->out);
}

/* cmocka setup and teardown of fx_test(): a new struct fx in *STATE. */
static inline int fx_setup(void **state)
{
	struct fx *f = malloc(sizeof(*f));

	if (!f)
		return -1;
	fx_init(f);
	*state = f;
	return 0;
}

static inline int fx_teardown(void **state)
{
	fx_done(*state);
	free(*state);
	return 0;
}

/* The unit test FN with a fresh struct fx in its *state. */
#define fx_test(FN) cmocka_unit_test_setup_teardown(FN, fx_setup, fx_teardown)

#endif
