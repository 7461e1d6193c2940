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

#define ABI_MAGIC 0x786d7576u /* "vumx" */

/* Ports of the monitor's own devices. */
#define PORT_SERIAL 0x3f8 /* 16550-style console, 8 ports */
#define PORT_HCALL 0x500  /* outl: GPA of a struct abi_hcall */
#define PORT_DONE 0x504	  /* outl: the guest's exit status; ends the run */
#define PORT_MARK 0x508	  /* outl: timestamp marker; cheapest exit */
#define PORT_DUTY 0x50c	  /* inl: blocks until the next slot; units */
/*
 * Emulated block device (16 ports at PORT_BLK), one sector of BLK_SECTOR
 * bytes at a time through a data port, like ATA PIO:
 *   +0  outl sector number, low 32 bits   inl capacity in sectors, low
 *   +4  outl sector number, high 32 bits  inl capacity, high
 *   +8  outl command (BLK_CMD_*)          inl status (0 ok, BLK_ERR_*)
 *   +12 data, 2 or 4 bytes per access (one exit each); after BLK_SECTOR
 *       bytes the sector is committed (write) or the next one loaded
 *       (read), and the sector number advances by one.
 */
#define PORT_BLK 0x600
#define BLK_SECTOR 512u
#define BLK_REG_SECTOR_LO 0
#define BLK_REG_SECTOR_HI 4
#define BLK_REG_CMD 8
#define BLK_REG_DATA 12
#define BLK_CMD_READ 1u
#define BLK_CMD_WRITE 2u
#define BLK_CMD_FLUSH 3u
#define BLK_ERR_RANGE 1u /* sector beyond the capacity */
#define BLK_ERR_IO 2u	 /* the host file failed */

/*
 * Emulated NIC (16 ports at PORT_NIC): +0 outl the frame length (starts a
 * frame), +4 data, 1, 2 or 4 bytes per access; the frame leaves as one UDP
 * datagram when LENGTH bytes are in. +8 inl frames sent so far.
 */
#define PORT_NIC 0x610
#define NIC_REG_LEN 0
#define NIC_REG_DATA 4
#define NIC_REG_SENT 8
#define NIC_MAX_FRAME 9000u

/*
 * Paravirtual devices (16 ports each): +0 outl the GPA of a struct
 * abi_vq_setup (the device copies and checks it once), +4 outl notify (any
 * value: consume every available request, synchronously), +8/+12 inl the
 * capacity in sectors (block only), low and high.
 */
#define PORT_PVBLK 0x620
#define PORT_PVNIC 0x630
#define PV_REG_SETUP 0
#define PV_REG_NOTIFY 4
#define PV_REG_CAP_LO 8
#define PV_REG_CAP_HI 12

/*
 * Split rings in the manner of virtio: a descriptor table, an available
 * ring (guest -> device) and a used ring (device -> guest), SIZE entries
 * each (a power of two, at most VQ_MAX_SIZE). Indices run freely modulo
 * 2^16. A request is a chain of descriptors linked by next while
 * VQ_DESC_NEXT is set; VQ_DESC_WRITE marks a buffer the device fills.
 */
#define VQ_MAX_SIZE 1024u
#define VQ_DESC_NEXT 1u
#define VQ_DESC_WRITE 2u

struct abi_vq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct abi_vq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct abi_vq_used_elem {
	uint32_t id;  /* head of the chain */
	uint32_t len; /* bytes the device wrote into the chain */
};

struct abi_vq_used {
	uint16_t flags;
	uint16_t idx;
	struct abi_vq_used_elem ring[];
};

struct abi_vq_setup {
	uint64_t desc, avail, used; /* GPAs */
	uint32_t size;
	uint32_t pad;
};

/*
 * A paravirtual block request: a device-readable header, data buffers
 * (lengths multiples of BLK_SECTOR; device-writable for reads), and a
 * device-writable status byte (0 ok, BLK_ERR_*) as the last descriptor.
 */
struct abi_pvblk_req {
	uint32_t type; /* PVBLK_READ or PVBLK_WRITE */
	uint32_t pad;
	uint64_t sector;
};
#define PVBLK_READ 0u
#define PVBLK_WRITE 1u

/* MMIO window: a null device for the exit benchmark in its first page. */
#define MMIO_NULL ABI_MMIO_BASE

#define DUTY_STOP 0xffffffffu

enum abi_device { ABI_DEV_EMULATED = 0, ABI_DEV_PARAVIRT = 1 };

#define ABI_KEY_LEN 24
#define ABI_MAX_KV 64

struct abi_kv {
	char key[ABI_KEY_LEN]; /* NUL-terminated */
	uint64_t value;
};

/* The parameter page, written by the host before the first instruction. */
struct abi_params {
	uint32_t magic;
	uint32_t nkv;
	uint64_t ram_size;
	uint64_t heap_base, heap_size;
	uint32_t vcpus;
	uint32_t device; /* enum abi_device */
	uint64_t page_size;
	/* duty: the slot the monitor is in now (1, 2, ...), written by the
	   host at each slot boundary; work for an older slot is abandoned. */
	volatile uint64_t duty_slot;
	/* Bit i set by the guest once it read kv[i]: a --param no guest
	   code reads was ignored (a misspelt key), and vmux run says so. */
	volatile uint64_t kv_read;
	struct abi_kv kv[ABI_MAX_KV]; /* --param KEY=VALUE, in order */
};

/* The result page, written by the guest; read by the host at any time. */
struct abi_result {
	uint32_t magic;
	int32_t status;		     /* 0 = success */
	volatile uint64_t delivered; /* duty: work units done so far */
	volatile uint64_t slot;	     /* duty: the slot those units are for */
	uint32_t nkv;
	uint32_t pad;
	struct abi_kv kv[ABI_MAX_KV]; /* named results */
};

/*
 * The guest's exit status (guest_main's return, PORT_DONE, HCALL_DONE):
 * one table for guests and monitor. Guests return ABI_ST_<NAME>; the
 * monitor prints the meaning and what to do (vmm/guest_status.h), so a
 * failure is never a bare number. A guest that fails may report results
 * first that say by how much (disk: bytes and disk_bytes; heap_bytes).
 *   X(NAME, CODE, meaning, what to do ("" if nothing to add))
 */
#define ABI_STATUS_TABLE(X)                                                    \
	X(OK, 0, "success", "")                                                \
	X(DEVICE, 1, "the device reported an error",                           \
	  "see the monitor's message about the disk or the NIC")               \
	X(BAD_OP, 2, "a --param names no such operation",                      \
	  "exit takes mode 0-3, priv op 0-2, hostile_ring mode 0-8, "          \
	  "hostile_hcall case 0-3")                                            \
	X(BAD_SIZE, 3,                                                         \
	  "a size --param is out of range or its buffer does not fit the "     \
	  "guest's heap",                                                      \
	  "mem: bytes in [128, heap]; disk: kib 1 or more, batch_kib "         \
	  "dividing it and within the heap, req a multiple of 512 "            \
	  "(sectors) below 4 GiB; net: size a multiple of 8 in "               \
	  "[8, 9000], batch in [1, 4096], batch x size within the heap; "      \
	  "the heap grows with --mem")                                         \
	X(DISK_SMALL, 4, "disk too small for the workload",                    \
	  "raise --disk-mib or lower --param kib")                             \
	X(MISMATCH, 5, "the data read back differs from what was written", "") \
	X(NO_PARAMS, 6, "the parameter page was not written by the monitor",   \
	  "")                                                                  \
	X(ONE_VCPU, 7,                                                         \
	  "the guest drives its device from one vCPU: several would race on "  \
	  "the device's registers and rings",                                  \
	  "run it with --vcpus 1 (the default)")                               \
	X(QEMU_BOOT, 125, "QEMU boot: not started by a multiboot loader", "")  \
	X(QEMU_PARAM, 126,                                                     \
	  "QEMU boot: a malformed or surplus KEY=VALUE in -append", "")

#define ABI_STATUS_ENUM(NAME, CODE, MEANING, TODO) ABI_ST_##NAME = CODE,
enum abi_status { ABI_STATUS_TABLE(ABI_STATUS_ENUM) };
#undef ABI_STATUS_ENUM

enum abi_hcall_nr {
	HCALL_LOG = 1,	  /* print addr[0..len) on the monitor's log */
	HCALL_RESULT = 2, /* append the struct abi_kv at addr to results */
	HCALL_DONE = 3,	  /* finish with status = arg */
};

/* A hypercall request; the monitor copies it once before checking it. */
struct abi_hcall {
	uint32_t nr;
	uint32_t len;
	uint64_t addr;
	uint64_t arg;
	int64_t ret; /* written back by the monitor */
};

#endif
