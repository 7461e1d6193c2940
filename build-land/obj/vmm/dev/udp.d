build-land/obj/vmm/dev/udp.o: vmm/dev/udp.c vmm/dev/udp.h
vmm/dev/udp.h:
