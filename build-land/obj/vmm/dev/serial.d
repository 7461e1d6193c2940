build-land/obj/vmm/dev/serial.o: vmm/dev/serial.c vmm/dev/serial.h \
 vmm/vm.h vmm/accel.h vmm/guest/abi.h vmm/io.h vmm/mem.h
vmm/dev/serial.h:
vmm/vm.h:
vmm/accel.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
