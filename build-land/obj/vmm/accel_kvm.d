build-land/obj/vmm/accel_kvm.o: vmm/accel_kvm.c vmm/accel_ops.h \
 vmm/accel.h lib/error.h
vmm/accel_ops.h:
vmm/accel.h:
lib/error.h:
