/*
 * guest_status.h - what a guest's exit status means, read from the one
 * table the guests return from (ABI_STATUS_TABLE in vmm/guest/abi.h), so
 * that a failure is reported by its meaning and not as a bare number.
 */
#ifndef VMUX_GUEST_STATUS_H
#define VMUX_GUEST_STATUS_H

#include "vmm/guest/abi.h"

#include <stddef.h>

/* The meaning of STATUS ("disk too small for the workload"), or NULL for a
   status the table does not hold. */
const char *guest_status_meaning(int status);
/*
 * Into BUF (N bytes): "MEANING[: DETAIL][; WHAT TO DO]", the detail from
 * the results R the guest reported before failing (may be NULL): disk's
 * bytes and disk_bytes, the heap_bytes of a size that does not fit. A
 * status outside the table says so.
 */
void guest_status_describe(int status, const struct abi_result *r, char *buf,
			   size_t n);

#endif
