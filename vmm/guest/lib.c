/*
 * lib.c - the freestanding guest library (see lib.h). The compiler may call
 * memset and memcpy by itself, so they are defined here.
 */
#include "vmm/guest/lib.h"

void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;

	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void con_puts(const char *s)
{
	while (*s)
		outb(PORT_SERIAL, (uint8_t)*s++);
}

void con_put_u64(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	con_puts(buf + i);
}

static void hcall(struct abi_hcall *c)
{
	outl(PORT_HCALL, (uint32_t)(uintptr_t)c);
}

void hc_log(const char *s)
{
	struct abi_hcall c = {HCALL_LOG, (uint32_t)strlen(s), (uintptr_t)s, 0,
			      0};

	hcall(&c);
}

void hc_result(const char *key, uint64_t value)
{
	struct abi_kv kv;
	struct abi_hcall c = {HCALL_RESULT, sizeof(kv), (uintptr_t)&kv, 0, 0};
	size_t i;

	memset(&kv, 0, sizeof(kv));
	for (i = 0; i < ABI_KEY_LEN - 1 && key[i]; i++)
		kv.key[i] = key[i];
	kv.value = value;
	hcall(&c);
}

static int key_eq(const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < ABI_KEY_LEN && a[i] == b[i]; i++)
		if (!a[i])
			return 1;
	return i == ABI_KEY_LEN;
}

uint64_t param_u64(const struct abi_params *p, const char *key, uint64_t def)
{
	volatile uint64_t *read = (volatile uint64_t *)(uintptr_t)&p->kv_read;

	for (uint32_t i = 0; i < p->nkv && i < ABI_MAX_KV; i++) {
		if (!key_eq(p->kv[i].key, key))
			continue;
		__atomic_fetch_or(read, 1ull << i, __ATOMIC_RELAXED);
		return p->kv[i].value;
	}
	return def;
}
