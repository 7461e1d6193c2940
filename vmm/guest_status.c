/*
 * guest_status.c - the guests' exit statuses by meaning (see
 * guest_status.h), from ABI_STATUS_TABLE.
 */
#include "vmm/guest_status.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct status_row {
	int code;
	const char *meaning, *todo;
};

#define ROW(NAME, CODE, MEANING, TODO) {CODE, MEANING, TODO},
static const struct status_row rows[] = {ABI_STATUS_TABLE(ROW)};
#undef ROW

static const struct status_row *find(int status)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].code == status)
			return &rows[i];
	return NULL;
}

const char *guest_status_meaning(int status)
{
	const struct status_row *r = find(status);

	return r ? r->meaning : NULL;
}

/* The value of result KEY in R; false if the guest did not report it. */
static bool result(const struct abi_result *r, const char *key, uint64_t *v)
{
	uint32_t n = r && r->nkv < ABI_MAX_KV ? r->nkv : 0;

	for (uint32_t i = 0; i < n; i++)
		if (!strncmp(r->kv[i].key, key, ABI_KEY_LEN)) {
			*v = r->kv[i].value;
			return true;
		}
	return false;
}

/* ": DETAIL" from the results of a failed guest, or "". */
static void detail(int status, const struct abi_result *r, char *buf, size_t n)
{
	uint64_t want, have;

	buf[0] = '\0';
	if (status == ABI_ST_BAD_SIZE && result(r, "heap_bytes", &have))
		snprintf(buf, n, ": the guest's heap holds %llu KiB",
			 (unsigned long long)(have >> 10));
	if (status == ABI_ST_DISK_SMALL && result(r, "bytes", &want) &&
	    result(r, "disk_bytes", &have))
		snprintf(buf, n,
			 ": it writes %llu KiB (--param kib), the disk holds "
			 "%llu KiB",
			 (unsigned long long)(want >> 10),
			 (unsigned long long)(have >> 10));
}

void guest_status_describe(int status, const struct abi_result *r, char *buf,
			   size_t n)
{
	const struct status_row *row = find(status);
	char d[128];

	if (!row) {
		snprintf(buf, n, "not a status of the guest ABI's table");
		return;
	}
	detail(status, r, d, sizeof(d));
	snprintf(buf, n, "%s%s%s%s", row->meaning, d, *row->todo ? "; " : "",
		 row->todo);
}
