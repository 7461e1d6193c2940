build-land/obj/vmm/vm.o: vmm/vm.c vmm/vm.h vmm/accel.h vmm/guest/abi.h \
 vmm/io.h vmm/mem.h vmm/dev/blk.h vmm/dev/disk.h vmm/dev/hypercall.h \
 vmm/dev/nic.h vmm/dev/pvblk.h vmm/dev/pvnic.h vmm/dev/udp.h \
 vmm/dev/serial.h vmm/guest_image.h vmm/x86_boot.h lib/error.h
vmm/vm.h:
vmm/accel.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
vmm/dev/blk.h:
vmm/dev/disk.h:
vmm/dev/hypercall.h:
vmm/dev/nic.h:
vmm/dev/pvblk.h:
vmm/dev/pvnic.h:
vmm/dev/udp.h:
vmm/dev/serial.h:
vmm/guest_image.h:
vmm/x86_boot.h:
lib/error.h:
