/*
 * guest_image.h - the guest programs embedded in vmux at build time (flat
 * binaries built from vmm/guest/prog_*.c by mk/guest.mk), so that nothing
 * needs to sit beside the binary.
 */
#ifndef VMUX_GUEST_IMAGE_H
#define VMUX_GUEST_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct guest_image {
	const char *name;
	const uint8_t *data;
	const uint8_t *end; /* one past the last byte */
};

/* The image called NAME, or NULL. */
const struct guest_image *guest_image_find(const char *name);
/* All images; *N gets their number. */
const struct guest_image *guest_image_all(size_t *n);

#endif
