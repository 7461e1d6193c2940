/*
 * fuzz_planterms.c - libFuzzer target for the reader of a plan's terms
 * (PLAN.meta, read by evaluate, frontier, report and validate).
 *
 * Each input is the text of a PLAN.meta. It is written beside a fixed
 * plan file in a temporary folder of this process, with that plan's
 * plan_sha256 line after it (so the terms are not set aside as stale),
 * and read with planterms_read(), which must load it or reject it with
 * -EBADMSG (or -ENOMEM). Terms that load must keep planterms.h's
 * contract: every capacity 0 (not given) or finite and > 0, the
 * percentile 0 (not given) or in (0, 100), the promise empty or fleet or
 * host, every text NUL-terminated inside its buffer. A crash, sanitizer
 * report, leak or broken invariant (abort) is a finding.
 */
#include "sim/plan/planterms.h"
#include "lib/sha256.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/vmux-fuzz-planterms-XXXXXX";
static char plan[sizeof(dir) + 16], meta[sizeof(dir) + 16];
static char sha[SHA256_HEX_LEN + 1];
static bool ready;

/* The folder and its plan file, once per process; removed at exit. */
static void cleanup(void)
{
	unlink(meta);
	unlink(plan);
	rmdir(dir);
}

static void setup(void)
{
	static const char text[] = "vm,host\na,0\nb,0\nc,1\n";
	uint64_t size;
	FILE *fp;

	if (!mkdtemp(dir))
		abort();
	snprintf(plan, sizeof(plan), "%s/p.csv", dir);
	snprintf(meta, sizeof(meta), "%s/p.csv.meta", dir);
	fp = fopen(plan, "w");
	if (!fp || fputs(text, fp) < 0 || fclose(fp))
		abort();
	if (sha256_file(plan, sha, &size) < 0)
		abort();
	atexit(cleanup);
	ready = true;
}

static bool text_ok(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

static void check(const struct plan_terms *t)
{
	enum plan_promise pp;

	for (int r = 0; r < RES_COUNT; r++)
		if (!(t->cap[r] == 0 || (t->cap[r] > 0 && isfinite(t->cap[r]))))
			abort();
	if (!(t->percentile == 0 || (t->percentile > 0 && t->percentile < 100)))
		abort();
	if (!text_ok(t->promise, sizeof(t->promise)) ||
	    (t->promise[0] && plan_promise_parse(t->promise, &pp) < 0))
		abort();
	if (!text_ok(t->policy, sizeof(t->policy)) ||
	    !text_ok(t->trace, sizeof(t->trace)) ||
	    !text_ok(t->trace_sha256, sizeof(t->trace_sha256)) ||
	    !text_ok(t->virt, sizeof(t->virt)) ||
	    !text_ok(t->version, sizeof(t->version)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_terms t;
	bool found;
	FILE *fp;
	int rc;

	if (!ready)
		setup();
	fp = fopen(meta, "w");
	if (!fp || fwrite(data, 1, size, fp) != size ||
	    fprintf(fp, "\nplan_sha256=%s\n", sha) < 0 || fclose(fp))
		abort();
	rc = planterms_read(plan, &t, &found);
	if (rc == 0 && found)
		check(&t);
	else if (rc != 0 && rc != -EBADMSG && rc != -ENOMEM)
		abort();
	return 0;
}
