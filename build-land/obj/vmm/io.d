build-land/obj/vmm/io.o: vmm/io.c vmm/io.h
vmm/io.h:
