build-land/obj/vmm/dev/hypercall.o: vmm/dev/hypercall.c \
 vmm/dev/hypercall.h vmm/vm.h vmm/accel.h vmm/guest/abi.h vmm/io.h \
 vmm/mem.h lib/error.h
vmm/dev/hypercall.h:
vmm/vm.h:
vmm/accel.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
lib/error.h:
