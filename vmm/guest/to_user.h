/*
 * to_user.h - the last step of both guest entry stubs (entry.S for vmux's
 * monitor, qemu_entry.S for QEMU), as the assembler macro TO_USER MAIN:
 * with RAX = the stack top, drop to CPL 3 with IOPL 3 (iretq to the DPL-3
 * selectors 0x1b and 0x23 of the GDT, interrupts off), call MAIN there and
 * write its return value to PORT_DONE (0x504), then halt for good. Only
 * for .S files; empty in C.
 */
#ifndef VMUX_GUEST_TO_USER_H
#define VMUX_GUEST_TO_USER_H
#ifdef __ASSEMBLER__
/* clang-format off */
	.macro TO_USER main
	pushq $0x23		/* ss: user data */
	pushq %rax		/* rsp */
	pushq $0x3002		/* rflags: IOPL 3, interrupts off */
	pushq $0x1b		/* cs: user code */
	leaq 2f(%rip), %rax
	pushq %rax
	iretq
2:	call \main
	mov $0x504, %dx		/* PORT_DONE */
	out %eax, %dx
1:	hlt
	jmp 1b
	.endm
/* clang-format on */
#endif
#endif
