/*
 * lib.h - the freestanding guest library: port I/O, the console, the
 * monitor's hypercalls, parameters and results. Guest side only.
 */
#ifndef VMUX_GUEST_LIB_H
#define VMUX_GUEST_LIB_H

#include "vmm/guest/abi.h"

#include <stddef.h>
#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);

/* Console (one exit per byte, the emulated way). */
void con_puts(const char *s);
void con_put_u64(uint64_t v);
/* The monitor's hypercalls. */
void hc_log(const char *s);
void hc_result(const char *key, uint64_t value);
/*
 * GUEST_KEYS("k1 k2 ..."): the --param keys a guest program reads, one
 * line in its prog_NAME.c, at the start of the line, keys space-separated
 * ("" for none). The build copies the line into vmux's image table
 * (mk/guest.mk), so `vmux run` refuses other keys before the guest starts;
 * tests/e2e/guest_keys.sh checks it lists exactly the keys the program
 * reads with param_u64.
 */
#define GUEST_KEYS(list) const char guest_keys[] = list
extern const char guest_keys[];
/* --param KEY=VALUE, or DEF when absent. */
uint64_t param_u64(const struct abi_params *p, const char *key, uint64_t def);

#endif
