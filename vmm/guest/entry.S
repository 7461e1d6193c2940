/*
 * entry.S - guest entry. The monitor enters here in 64-bit long mode with
 * RSP set, RDI = the parameter page, RSI = the vCPU index. The first
 * instruction writes PORT_MARK so the monitor can time start-up. Then the
 * stub drops to CPL 3 with IOPL 3 (iretq to the DPL-3 segments of the GDT):
 * port I/O still exits to the monitor, but the guest's own code runs at
 * user privilege, which every KVM flavour runs natively (PVM, for one,
 * emulates a non-PVM guest's CPL-0 code instruction by instruction).
 * guest_main(params, cpu) runs there, and its return value is the status
 * reported on PORT_DONE, which ends the run.
 */
#include "vmm/guest/to_user.h"

	.section .text.entry, "ax"
	.globl _start
_start:
	mov $0x508, %dx
	out %eax, %dx
	mov %rsp, %rax
	TO_USER guest_main

	.section .note.GNU-stack, "", @progbits
