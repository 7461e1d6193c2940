build-land/obj/vmm/accel_tcg.o: vmm/accel_tcg.c vmm/accel_ops.h \
 vmm/accel.h lib/error.h vmm/guest/abi.h
vmm/accel_ops.h:
vmm/accel.h:
lib/error.h:
vmm/guest/abi.h:
