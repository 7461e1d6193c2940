/*
 * x86_insn.c - name the privileged instruction at a fault (see
 * x86_insn.h): legacy and REX prefixes skipped, then the opcodes that
 * need CPL 0 in 64-bit mode.
 */
#include "vmm/x86_insn.h"

#include <stdbool.h>

static bool prefix(uint8_t c)
{
	switch (c) {
	case 0x26:
	case 0x2e:
	case 0x36:
	case 0x3e:
	case 0x64:
	case 0x65:
	case 0x66:
	case 0x67:
	case 0xf0:
	case 0xf2:
	case 0xf3:
		return true;
	default:
		return (c & 0xf0) == 0x40; /* REX */
	}
}

/* 0F 01 /r: system-table loads, LMSW, INVLPG, SWAPGS. */
static const char *group7(uint8_t modrm)
{
	switch ((modrm >> 3) & 7) {
	case 2:
		return (modrm >> 6) == 3 ? NULL : "LGDT (load the GDT)";
	case 3:
		return (modrm >> 6) == 3 ? NULL : "LIDT (load the IDT)";
	case 6:
		return "LMSW (load the machine status word)";
	case 7:
		return (modrm >> 6) == 3 ? (modrm == 0xf8 ? "SWAPGS" : NULL)
					 : "INVLPG (flush a TLB entry)";
	default:
		return NULL;
	}
}

/* 0F XX (XX after the 0F): the two-byte opcodes that need CPL 0. */
static const char *two_byte(const uint8_t *b, size_t n)
{
	switch (b[0]) {
	case 0x00: /* group 6: LLDT, LTR */
		if (n < 2)
			return NULL;
		return ((b[1] >> 3) & 7) == 2	? "LLDT (load the LDT)"
		       : ((b[1] >> 3) & 7) == 3 ? "LTR (load the task register)"
						: NULL;
	case 0x01:
		return n < 2 ? NULL : group7(b[1]);
	case 0x06:
		return "CLTS (clear CR0.TS)";
	case 0x07:
		return "SYSRET";
	case 0x08:
		return "INVD (invalidate caches)";
	case 0x09:
		return "WBINVD (write back and invalidate caches)";
	case 0x20:
	case 0x22:
		return "MOV to or from a control register";
	case 0x21:
	case 0x23:
		return "MOV to or from a debug register";
	case 0x30:
		return "WRMSR (write a model-specific register)";
	case 0x32:
		return "RDMSR (read a model-specific register)";
	case 0x33:
		return "RDPMC (read a performance counter)";
	case 0x35:
		return "SYSEXIT";
	default:
		return NULL;
	}
}

const char *x86_insn_privileged(const uint8_t *b, size_t n)
{
	size_t i = 0;

	while (i < n && i < 15 && prefix(b[i]))
		i++;
	if (i >= n)
		return NULL;
	if (b[i] == 0xf4)
		return "HLT (halt)";
	if (b[i] == 0x0f && i + 1 < n)
		return two_byte(b + i + 1, n - i - 1);
	return NULL;
}
