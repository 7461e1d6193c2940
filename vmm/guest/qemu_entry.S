/*
 * qemu_entry.S - the boot path of a guest image under QEMU instead of
 * vmux's monitor (see mk/qemu.mk): the same guest_main, reached through a
 * multiboot header. QEMU's loader enters _start in 32-bit protected mode
 * with paging off, EAX = the multiboot magic and EBX = the multiboot
 * information. The stub does what vmux's monitor does before entry.S runs
 * (GDT with the same selectors, identity map with 2 MiB user pages, long
 * mode, RSP = ABI_STACK_TOP) and then what entry.S does: drop to CPL 3 with
 * IOPL 3 at once, because a nested PVM host emulates CPL-0 code slowly;
 * the page tables are assembled data, not built by a loop, for the same
 * reason. At CPL 3, qemu_main() fills the parameter page and calls
 * guest_main; its return value goes to PORT_DONE, where QEMU's
 * isa-debug-exit device (iobase=0x504,iosize=4) ends the run with exit
 * status 2 * value + 1. Unlike entry.S, the stub writes no PORT_MARK:
 * QEMU has no start-up timer there, and both monitors are timed at the
 * guest's first console byte instead (bench/40-qemu.sh).
 */
#include "vmm/guest/to_user.h"

#define MB_MAGIC 0x1badb002
#define MB_FLAGS 0x00000002	/* ask for the memory fields */

	.section .text.entry, "ax"
	.balign 4
mb_header:
	.long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.code32
	.globl _start
_start:
	cli
	mov %eax, %edi		/* qemu_main(magic, info) */
	mov %ebx, %esi
	lgdt gdt_desc
	mov %cr4, %eax
	or $0x620, %eax		/* PAE, OSFXSR, OSXMMEXCPT */
	mov %eax, %cr4
	mov $pml4, %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx	/* EFER.LME */
	rdmsr
	or $0x100, %eax
	wrmsr
	mov %cr0, %eax
	or $0x80010023, %eax	/* PG, WP, NE, MP, PE */
	mov %eax, %cr0
	ljmp $0x08, $long64

	.code64
long64:
	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %edi, %edi		/* upper halves are undefined after the switch */
	mov %esi, %esi
	mov $0x200000, %eax	/* ABI_STACK_TOP */
	TO_USER qemu_main

	.section .rodata
	.balign 8
gdt:				/* the selectors of vmm/x86_boot.c */
	.quad 0
	.quad 0x00af9b000000ffff	/* 0x08: 64-bit code, DPL 0 */
	.quad 0x00cf93000000ffff	/* 0x10: data, DPL 0 */
	.quad 0x00affb000000ffff	/* 0x1b: 64-bit code, DPL 3 */
	.quad 0x00cff3000000ffff	/* 0x23: data, DPL 3 */
gdt_end:
gdt_desc:
	.word gdt_end - gdt - 1
	.long gdt

	/* Identity map of the first GiB: present, writable, user, 2 MiB. */
	.section .data
	.balign 4096
pml4:
	.quad pdpt + 0x7
	.fill 511, 8, 0
pdpt:
	.quad pd + 0x7
	.fill 511, 8, 0
pd:
	.set i, 0
	.rept 512
	.quad (i << 21) + 0x87
	.set i, i + 1
	.endr

	.section .note.GNU-stack, "", @progbits
