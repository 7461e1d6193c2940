build-land/obj/vmm/accel.o: vmm/accel.c vmm/accel_ops.h vmm/accel.h \
 lib/error.h
vmm/accel_ops.h:
vmm/accel.h:
lib/error.h:
