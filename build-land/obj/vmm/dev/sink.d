build-land/obj/vmm/dev/sink.o: vmm/dev/sink.c vmm/dev/sink.h \
 vmm/guest/work.h vmm/guest/abi.h
vmm/dev/sink.h:
vmm/guest/work.h:
vmm/guest/abi.h:
