build-land/obj/vmm/x86_tsc.o: vmm/x86_tsc.c vmm/x86_tsc.h
vmm/x86_tsc.h:
