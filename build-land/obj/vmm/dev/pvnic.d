build-land/obj/vmm/dev/pvnic.o: vmm/dev/pvnic.c vmm/dev/pvnic.h \
 vmm/dev/udp.h vmm/dev/vring.h vmm/guest/abi.h vmm/mem.h vmm/io.h \
 vmm/vm.h vmm/accel.h
vmm/dev/pvnic.h:
vmm/dev/udp.h:
vmm/dev/vring.h:
vmm/guest/abi.h:
vmm/mem.h:
vmm/io.h:
vmm/vm.h:
vmm/accel.h:
