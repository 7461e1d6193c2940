/*
 * entry.S - guest entry. The monitor enters here in 64-bit long mode with
 * RSP set, RDI = the parameter page, RSI = the vCPU index. The first
 * instruction writes PORT_MARK so the monitor can time start-up; then
 * guest_main(params, cpu) runs, and its return value is the status
 * reported on PORT_DONE. HLT after that ends the vCPU.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	mov $0x508, %dx
	out %eax, %dx
	call guest_main
	mov $0x504, %dx
	out %eax, %dx
1:	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits
