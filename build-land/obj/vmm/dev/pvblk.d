build-land/obj/vmm/dev/pvblk.o: vmm/dev/pvblk.c vmm/dev/pvblk.h \
 vmm/dev/disk.h vmm/dev/vring.h vmm/guest/abi.h vmm/mem.h vmm/io.h \
 vmm/vm.h vmm/accel.h
vmm/dev/pvblk.h:
vmm/dev/disk.h:
vmm/dev/vring.h:
vmm/guest/abi.h:
vmm/mem.h:
vmm/io.h:
vmm/vm.h:
vmm/accel.h:
