build-land/obj/vmm/guest/work_cpu.o: vmm/guest/work_cpu.c \
 vmm/guest/work.h vmm/guest/abi.h
vmm/guest/work.h:
vmm/guest/abi.h:
