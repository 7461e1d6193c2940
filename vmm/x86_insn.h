/*
 * x86_insn.h - which privileged instruction a guest stopped on: guests run
 * at CPL 3, so an instruction that needs CPL 0 (RDMSR, HLT, MOV to CR3,
 * ...) raises #GP (or #UD) and, with no IDT, the VM triple-faults. The
 * monitor reads the bytes at the faulting RIP and names the instruction in
 * the fault message, so "triple fault" comes with the reason in words.
 */
#ifndef VMUX_X86_INSN_H
#define VMUX_X86_INSN_H

#include <stddef.h>
#include <stdint.h>

/* The privileged instruction the N bytes at B (64-bit code) start with, as
 * "RDMSR (read a model-specific register)", or NULL for another. */
const char *x86_insn_privileged(const uint8_t *b, size_t n);

#endif
