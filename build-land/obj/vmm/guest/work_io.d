build-land/obj/vmm/guest/work_io.o: vmm/guest/work_io.c vmm/guest/work.h
vmm/guest/work.h:
