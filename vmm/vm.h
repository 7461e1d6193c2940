/*
 * vm.h - one virtual machine: guest RAM, the buses, the monitor's own
 * devices (console, hypercall/done/mark/duty ports), one thread per vCPU,
 * and the exit dispatcher. Several VMs may live in one process, each with
 * its own vCPUs. The guest image is loaded at ABI_IMAGE_GPA and entered in
 * long mode with RDI = the parameter page.
 */
#ifndef VMUX_VMM_VM_H
#define VMUX_VMM_VM_H

#include "vmm/accel.h"
#include "vmm/guest/abi.h"
#include "vmm/io.h"
#include "vmm/mem.h"

#include <stdio.h>

struct vmm_vm;
struct vmm_device;

/*
 * Called on the vCPU thread when the duty guest reads PORT_DUTY: block until
 * the next slot and return the work units for it (DUTY_STOP to finish).
 */
typedef uint32_t (*vmm_duty_fn)(void *opaque, struct vmm_vm *vm);

struct vmm_vm_opts {
	const char *guest; /* embedded image name (vmm/guest_image.h) */
	size_t mem_bytes;  /* guest RAM */
	int vcpus;
	uint64_t page_size; /* X86_PAGE_4K / 2M / 1G */
	bool hugepages;
	enum abi_device device;
	const struct abi_kv *params; /* NPARAMS --param pairs */
	int nparams;
	FILE *console;	 /* where the guest's console goes; NULL: only
			    kept in memory (vmm_vm_console) */
	bool log_hcalls; /* print HCALL_LOG text on stderr */
	vmm_duty_fn duty;
	void *duty_opaque;
	/* Called on each vCPU thread before it first enters the guest, with
	   DUTY_OPAQUE (e.g. to put the thread in a CPU-capped cgroup). */
	void (*on_vcpu_start)(void *opaque, int index);
	/* Called on a vCPU thread that left the guest because of
	   vmm_vm_kick() (not a stop), with DUTY_OPAQUE: it may block there
	   to pause the vCPU (a monitor-level CPU cap). */
	void (*on_kick)(void *opaque);
	/*
	 * Block devices (emulated at PORT_BLK and paravirtual at PORT_PVBLK,
	 * the guest picks by params->device) over the host file DISK_PATH,
	 * grown to DISK_BYTES, or over an anonymous temporary file of
	 * DISK_BYTES when DISK_PATH is NULL. Neither: no block devices.
	 */
	const char *disk_path;
	uint64_t disk_bytes;
	/* NICs (PORT_NIC, PORT_PVNIC) sending to UDP 127.0.0.1:NET_PORT;
	   0: no NICs. */
	uint16_t net_port;
};

/* What a run cost, per VM (summed over its vCPUs). */
struct vmm_stats {
	uint64_t exits[VMM_EXIT_NR];
	uint64_t pio_exits, mmio_exits;
	uint64_t monitor_ns;	/* handling exits, outside the guest */
	uint64_t run_ns;	/* from the first vCPU start to the last stop */
	uint64_t create_ns;	/* CLOCK_MONOTONIC when vmm_vm_create began */
	uint64_t first_mark_ns; /* CLOCK_MONOTONIC of the first PORT_MARK */
	uint64_t marks;
	uint64_t disk_read, disk_written; /* bytes moved by the host */
	int disk_errno; /* first failed host call on the disk file, or 0 */
	uint64_t net_frames, net_bytes; /* datagrams sent */
	int net_errno; /* first failed send of a datagram, or 0 */
};

enum vmm_outcome {
	VMM_DONE,    /* the guest reported through PORT_DONE / HCALL_DONE */
	VMM_FAULT,   /* guest fault: message in vmm_vm_fault_msg() */
	VMM_TIMEOUT, /* stopped after the timeout */
	VMM_STOPPED, /* stopped by vmm_vm_stop() */
};

/* Build the VM on accelerator A. -ENOENT if the guest image is unknown. */
int vmm_vm_create(struct accel *a, const struct vmm_vm_opts *o,
		  struct vmm_vm **out);
void vmm_vm_destroy(struct vmm_vm *vm);

/* Start the vCPU threads; returns at once. */
int vmm_vm_start(struct vmm_vm *vm);
/*
 * Wait until the run ends or TIMEOUT_S seconds pass (<= 0: no limit), then
 * stop and join every vCPU. Returns the outcome.
 */
enum vmm_outcome vmm_vm_wait(struct vmm_vm *vm, double timeout_s);
/* vmm_vm_start + vmm_vm_wait. */
enum vmm_outcome vmm_vm_run(struct vmm_vm *vm, double timeout_s);
/* Ask the VM to stop (any thread). */
void vmm_vm_stop(struct vmm_vm *vm);
/* Make every vCPU leave the guest once and call opts.on_kick (any
   thread); the run goes on. */
void vmm_vm_kick(struct vmm_vm *vm);

/* For devices: the calling vCPU reported done with STATUS (the run ends
   when every vCPU has; from another thread, at once), or a guest fault
   ends the run. */
void vmm_vm_finish(struct vmm_vm *vm, int status);
void vmm_vm_fault(struct vmm_vm *vm, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

int vmm_vm_status(const struct vmm_vm *vm);
const char *vmm_vm_fault_msg(const struct vmm_vm *vm);
const struct vmm_stats *vmm_vm_stats(const struct vmm_vm *vm);
const struct abi_result *vmm_vm_result(const struct vmm_vm *vm);
/* The parameter page in guest RAM (the host may update duty_slot). */
struct abi_params *vmm_vm_params(struct vmm_vm *vm);
/* Look up a named result; -ENOENT if the guest did not report it. */
int vmm_vm_result_get(const struct vmm_vm *vm, const char *key,
		      uint64_t *value);
/* Everything the guest wrote to its console (NUL-terminated), in whole
   lines as on opts.console: a line each vCPU wrote whole (one longer than
   4096 bytes in pieces of 4096, each ended by a newline), and a line left
   unfinished when the run ended closed with " [cut: the guest stopped
   mid-line]". */
const char *vmm_vm_console(const struct vmm_vm *vm);
/* For devices and the console. */
struct vmm_mem *vmm_vm_mem(struct vmm_vm *vm);
/* The state of device D in VM (vmm/device.h), NULL if absent. */
void *vmm_vm_device(struct vmm_vm *vm, const struct vmm_device *d);
struct vmm_io *vmm_vm_io(struct vmm_vm *vm);
const struct vmm_vm_opts *vmm_vm_opts(const struct vmm_vm *vm);
/* Append guest console bytes of the calling vCPU (used by the serial
   device and the log hypercall); written out at each newline. */
void vmm_vm_console_write(struct vmm_vm *vm, const uint8_t *s, size_t n);

/* Record a PORT_MARK timestamp (the start-up measurement). */
void vmm_vm_mark(struct vmm_vm *vm);

/* Nanoseconds of CLOCK_MONOTONIC (vDSO: no syscall on the exit path). */
uint64_t vmm_now_ns(void);

#endif
