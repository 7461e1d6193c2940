/*
 * guest_image.c - the table of embedded guest images. The build generates
 * guest_images.inc (one IMG(name) per image) and an assembler file that
 * .incbin's each flat binary between guest_img_<name>_start and _end;
 * IMG's second argument is the program's GUEST_KEYS list.
 */
#include "vmm/guest_image.h"

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
