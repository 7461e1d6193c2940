build-land/obj/vmm/x86_boot.o: vmm/x86_boot.c vmm/x86_boot.h vmm/accel.h \
 vmm/mem.h vmm/guest/abi.h
vmm/x86_boot.h:
vmm/accel.h:
vmm/mem.h:
vmm/guest/abi.h:
