/*
 * guest_image.h - the guest programs embedded in vmux at build time (flat
 * binaries built from vmm/guest/prog_*.c by mk/guest.mk), so that nothing
 * needs to sit beside the binary.
 */
#ifndef VMUX_GUEST_IMAGE_H
#define VMUX_GUEST_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guest_image {
	const char *name;
	const uint8_t *data;
	const uint8_t *end; /* one past the last byte */
	const char *keys;   /* the --param keys it reads, space-separated
			       (GUEST_KEYS in vmm/guest/lib.h); "" for none */
};

/* The image called NAME, or NULL. */
const struct guest_image *guest_image_find(const char *name);
/* Whether G reads the --param KEY (its first LEN bytes). */
bool guest_image_has_key(const struct guest_image *g, const char *key,
			 size_t len);

struct abi_kv;

/*
 * Whether G reads each key of KV[0..N) (its GUEST_KEYS): 0, or -EINVAL
 * with the first it does not read said in WHY[0..LEN): "guest 'exit' has
 * no key 'n' (its keys: iters, mode)" ("none" when it reads none). Every
 * VM is checked so (vmm_vm_create(), whoever fills its options); `vmux
 * run` asks first, to say it as a usage error before a backend opens.
 */
int guest_image_check_keys(const struct guest_image *g, const struct abi_kv *kv,
			   int n, char *why, size_t len);

/* All images; *N gets their number. */
const struct guest_image *guest_image_all(size_t *n);

#endif
