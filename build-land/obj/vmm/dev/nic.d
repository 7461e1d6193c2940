build-land/obj/vmm/dev/nic.o: vmm/dev/nic.c vmm/dev/nic.h vmm/dev/udp.h \
 vmm/guest/abi.h vmm/io.h vmm/vm.h vmm/accel.h vmm/mem.h
vmm/dev/nic.h:
vmm/dev/udp.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/vm.h:
vmm/accel.h:
vmm/mem.h:
