build-land/obj/vmm/guest/work_mem.o: vmm/guest/work_mem.c \
 vmm/guest/work.h
vmm/guest/work.h:
