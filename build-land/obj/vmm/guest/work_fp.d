build-land/obj/vmm/guest/work_fp.o: vmm/guest/work_fp.c vmm/guest/work.h
vmm/guest/work.h:
