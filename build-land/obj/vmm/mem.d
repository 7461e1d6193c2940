build-land/obj/vmm/mem.o: vmm/mem.c vmm/mem.h lib/error.h
vmm/mem.h:
lib/error.h:
