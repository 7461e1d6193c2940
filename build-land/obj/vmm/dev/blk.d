build-land/obj/vmm/dev/blk.o: vmm/dev/blk.c vmm/dev/blk.h vmm/dev/disk.h \
 vmm/guest/abi.h vmm/io.h vmm/vm.h vmm/accel.h vmm/mem.h
vmm/dev/blk.h:
vmm/dev/disk.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/vm.h:
vmm/accel.h:
vmm/mem.h:
