/*
 * qemu_boot.c - the CPL-3 half of the QEMU boot path (see qemu_entry.S):
 * writes the parameter page at ABI_PARAM_GPA as vmux's monitor would, from
 * the multiboot information (memory size, command line of KEY=VALUE words,
 * as `-append` gives them; words without '=', such as the kernel's file
 * name that QEMU puts first, are skipped), then runs guest_main unchanged.
 *
 * QEMU has no vmux hypercall port, so the image is linked with
 * --wrap=hc_result,--wrap=hc_log: results and log lines go to the serial
 * console, results as "result KEY = VALUE" lines like `vmux run` prints.
 * Memory sizes in bytes. The heap starts where vmux puts it, at the first
 * 2 MiB boundary past the image, which guest.ld keeps below 4 MiB (so at
 * ABI_IMAGE_GPA + 2 MiB), and runs to the end of RAM or of the identity
 * map that qemu_entry.S builds (1 GiB), whichever comes first.
 */
#include "vmm/guest/lib.h"

#define MB_BOOT_MAGIC 0x2badb002u
#define MB_INFO_MEM 0x1u
#define MB_INFO_CMDLINE 0x4u
#define MAPPED_TOP (1ull << 30) /* qemu_entry.S maps [0, 1 GiB) */

/* The multiboot information, as far as it is read here. */
struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper; /* KiB below 1 MiB, above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline; /* physical address of a C string */
};

int guest_main(const struct abi_params *p, uint64_t cpu);
int qemu_main(uint32_t magic, uint32_t info);
void __wrap_hc_result(const char *key, uint64_t value);
void __wrap_hc_log(const char *s);

void __wrap_hc_result(const char *key, uint64_t value)
{
	con_puts("result ");
	con_puts(key);
	con_puts(" = ");
	con_put_u64(value);
	con_puts("\n");
}

void __wrap_hc_log(const char *s)
{
	con_puts(s);
	con_puts("\n");
}

/* Digit value of C in BASE, or -1. */
static int digit(char c, unsigned base)
{
	unsigned d;

	if (c >= '0' && c <= '9')
		d = (unsigned)(c - '0');
	else if (c >= 'a' && c <= 'f')
		d = (unsigned)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		d = (unsigned)(c - 'A' + 10);
	else
		return -1;
	return d < base ? (int)d : -1;
}

/* S[0..N) as a decimal or 0x-hexadecimal u64; 0, or -1 if malformed. */
static int parse_u64(const char *s, size_t n, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;
	size_t i = 0;
	int d;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n)
		return -1;
	for (; i < n; i++) {
		d = digit(s[i], base);
		if (d < 0 || v > (UINT64_MAX - (uint64_t)d) / base)
			return -1;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return 0;
}

/* One word W[0..N); KEY=VALUE goes into P's table. 0, or -1 if bad. */
static int add_word(struct abi_params *p, const char *w, size_t n)
{
	size_t eq = 0;
	struct abi_kv *kv;

	while (eq < n && w[eq] != '=')
		eq++;
	if (eq == n)
		return 0;
	if (eq == 0 || eq >= ABI_KEY_LEN || p->nkv == ABI_MAX_KV)
		return -1;
	kv = &p->kv[p->nkv];
	memcpy(kv->key, w, eq);
	kv->key[eq] = '\0';
	if (parse_u64(w + eq + 1, n - eq - 1, &kv->value) < 0)
		return -1;
	p->nkv++;
	return 0;
}

/* Split S at spaces into P's table; 0, or -1 naming the bad word. */
static int parse_cmdline(struct abi_params *p, const char *s)
{
	size_t n;

	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return 0;
		for (n = 0; s[n] && s[n] != ' '; n++)
			;
		if (add_word(p, s, n) < 0) {
			con_puts("qemu boot: bad parameter word (KEY=VALUE): ");
			while (n--)
				outb(PORT_SERIAL, (uint8_t)*s++);
			con_puts("\n");
			return -1;
		}
		s += n;
	}
}

/*
 * Called by qemu_entry.S at CPL 3 with the loader's EAX and EBX; returns
 * the status for PORT_DONE.
 */
int qemu_main(uint32_t magic, uint32_t info)
{
	const struct mb_info *mb = (const struct mb_info *)(uintptr_t)info;
	struct abi_params *p = (struct abi_params *)(uintptr_t)ABI_PARAM_GPA;
	uint64_t top;

	if (magic != MB_BOOT_MAGIC || !(mb->flags & MB_INFO_MEM)) {
		con_puts("qemu boot: not started by a multiboot loader\n");
		return ABI_ST_QEMU_BOOT;
	}
	memset(p, 0, sizeof(*p));
	memset((void *)(uintptr_t)ABI_RESULT_GPA, 0, sizeof(struct abi_result));
	p->magic = ABI_MAGIC;
	p->ram_size = ((uint64_t)mb->mem_upper + 1024) << 10;
	p->heap_base = ABI_IMAGE_GPA + (2ull << 20);
	top = p->ram_size < MAPPED_TOP ? p->ram_size : MAPPED_TOP;
	p->heap_size = top > p->heap_base ? top - p->heap_base : 0;
	p->vcpus = 1;
	p->device = ABI_DEV_EMULATED;
	p->page_size = 2ull << 20;
	if ((mb->flags & MB_INFO_CMDLINE) &&
	    parse_cmdline(p, (const char *)(uintptr_t)mb->cmdline) < 0)
		return ABI_ST_QEMU_PARAM;
	return guest_main(p, 0);
}
