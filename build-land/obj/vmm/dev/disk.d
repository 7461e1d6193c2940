build-land/obj/vmm/dev/disk.o: vmm/dev/disk.c vmm/dev/disk.h \
 vmm/guest/abi.h
vmm/dev/disk.h:
vmm/guest/abi.h:
