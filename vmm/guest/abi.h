/*
 * abi.h - the contract between the monitor and its guests, included by both
 * (so fixed-width types only). Guests run identity-mapped in 64-bit long
 * mode; addresses below are guest physical = guest virtual.
 *
 * Memory map: 0x1000 GDT, 0x2000 parameter page (host writes, guest reads),
 * 0x3000 result page (guest writes, host reads), stack below ABI_IMAGE_GPA,
 * the image at ABI_IMAGE_GPA, then the heap, then the page tables at the top
 * of RAM. MMIO lives in a window above RAM at ABI_MMIO_BASE.
 */
#ifndef VMUX_GUEST_ABI_H
#define VMUX_GUEST_ABI_H

#include <stdint.h>

#define ABI_GDT_GPA 0x1000ull
#define ABI_PARAM_GPA 0x2000ull
#define ABI_RESULT_GPA 0x3000ull
#define ABI_IMAGE_GPA 0x200000ull
#define ABI_STACK_TOP ABI_IMAGE_GPA
#define ABI_MMIO_BASE 0xd0000000ull
#define ABI_MMIO_SIZE 0x200000ull
#define ABI_MAX_RAM (ABI_MMIO_BASE - 0x10000000ull)

#define ABI_MAGIC 0x786d7576u	/* "vumx" */

/* Ports of the monitor's own devices. */
#define PORT_SERIAL 0x3f8	/* 16550-style console, 8 ports */
#define PORT_HCALL 0x500	/* outl: GPA of a struct abi_hcall */
#define PORT_DONE 0x504		/* outl: the guest's exit status; ends the run */
#define PORT_MARK 0x508		/* outl: timestamp marker; cheapest exit */
#define PORT_DUTY 0x50c		/* inl: blocks until the next slot; units */
/* Ports reserved for the block and network devices (vmm/dev/). */
#define PORT_BLK 0x600		/* emulated block: 16 ports */
#define PORT_NIC 0x610		/* emulated NIC: 16 ports */
#define PORT_PVBLK 0x620	/* paravirtual block: notify, 4 ports */
#define PORT_PVNIC 0x624	/* paravirtual NIC: notify, 4 ports */
/* MMIO window: a null device for the exit benchmark in its first page. */
#define MMIO_NULL ABI_MMIO_BASE

#define DUTY_STOP 0xffffffffu

enum abi_device { ABI_DEV_EMULATED = 0, ABI_DEV_PARAVIRT = 1 };

#define ABI_KEY_LEN 24
#define ABI_MAX_KV 64

struct abi_kv {
	char key[ABI_KEY_LEN];	/* NUL-terminated */
	uint64_t value;
};

/* The parameter page, written by the host before the first instruction. */
struct abi_params {
	uint32_t magic;
	uint32_t nkv;
	uint64_t ram_size;
	uint64_t heap_base, heap_size;
	uint32_t vcpus;
	uint32_t device;	/* enum abi_device */
	uint64_t page_size;
	struct abi_kv kv[ABI_MAX_KV];	/* --param KEY=VALUE, in order */
};

/* The result page, written by the guest; read by the host at any time. */
struct abi_result {
	uint32_t magic;
	int32_t status;		/* 0 = success */
	volatile uint64_t delivered;	/* duty: work units done so far */
	volatile uint64_t slot;		/* duty: the slot those units are for */
	uint32_t nkv;
	uint32_t pad;
	struct abi_kv kv[ABI_MAX_KV];	/* named results */
};

enum abi_hcall_nr {
	HCALL_LOG = 1,		/* print addr[0..len) on the monitor's log */
	HCALL_RESULT = 2,	/* append the struct abi_kv at addr to results */
	HCALL_DONE = 3,		/* finish with status = arg */
};

/* A hypercall request; the monitor copies it once before checking it. */
struct abi_hcall {
	uint32_t nr;
	uint32_t len;
	uint64_t addr;
	uint64_t arg;
	int64_t ret;		/* written back by the monitor */
};

#endif
