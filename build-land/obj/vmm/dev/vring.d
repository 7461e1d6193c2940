build-land/obj/vmm/dev/vring.o: vmm/dev/vring.c vmm/dev/vring.h \
 vmm/guest/abi.h vmm/mem.h
vmm/dev/vring.h:
vmm/guest/abi.h:
vmm/mem.h:
