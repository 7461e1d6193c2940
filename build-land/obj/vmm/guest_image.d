build-land/obj/vmm/guest_image.o: vmm/guest_image.c vmm/guest_image.h \
 build-land/gen/guest_images.inc
vmm/guest_image.h:
build-land/gen/guest_images.inc:
