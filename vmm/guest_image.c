/*
 * guest_image.c - the table of embedded guest images. The build generates
 * guest_images.inc (one IMG(name) per image) and an assembler file that
 * .incbin's each flat binary between guest_img_<name>_start and _end;
 * IMG's second argument is the program's GUEST_KEYS list.
 */
#include "vmm/guest_image.h"
#include "vmm/guest/abi.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define IMG(n, k)                                                              \
	extern const uint8_t guest_img_##n##_start[], guest_img_##n##_end[];
#include "guest_images.inc"
#undef IMG

#define IMG(n, k) {#n, guest_img_##n##_start, guest_img_##n##_end, k},
static const struct guest_image images[] = {
#include "guest_images.inc"
};
#undef IMG

#define NIMAGES (sizeof(images) / sizeof(images[0]))

const struct guest_image *guest_image_all(size_t *n)
{
	*n = NIMAGES;
	return images;
}

const struct guest_image *guest_image_find(const char *name)
{
	for (size_t i = 0; i < NIMAGES; i++)
		if (!strcmp(images[i].name, name))
			return &images[i];
	return NULL;
}

bool guest_image_has_key(const struct guest_image *g, const char *key,
			 size_t len)
{
	const char *s = g->keys;

	while (*s) {
		size_t n = strcspn(s, " ");

		if (n == len && !strncmp(s, key, len))
			return true;
		s += n;
		s += strspn(s, " ");
	}
	return false;
}

/* G's keys as a list, "iters, mode", into BUF[0..LEN); "" for none. */
static void keys_text(const struct guest_image *g, char *buf, size_t len)
{
	size_t j = 0;

	for (const char *s = g->keys; *s && j + 3 < len; s++)
		if (*s != ' ')
			buf[j++] = *s;
		else if (s[1] && s[1] != ' ')
			j += (size_t)snprintf(buf + j, 3, ", ");
	buf[j] = '\0';
}

int guest_image_check_keys(const struct guest_image *g, const struct abi_kv *kv,
			   int n, char *why, size_t len)
{
	char keys[256];

	for (int i = 0; i < n; i++) {
		const char *k = kv[i].key;

		if (guest_image_has_key(g, k, strnlen(k, ABI_KEY_LEN)))
			continue;
		keys_text(g, keys, sizeof(keys));
		snprintf(why, len,
			 "guest '%s' has no key '%.*s' (its keys: %s)", g->name,
			 ABI_KEY_LEN, k, *keys ? keys : "none");
		return -EINVAL;
	}
	return 0;
}
