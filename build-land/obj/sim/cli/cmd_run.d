build-land/obj/sim/cli/cmd_run.o: sim/cli/cmd_run.c sim/cli/command.h \
 lib/error.h vmm/dev/sink.h vmm/guest_image.h vmm/vm.h vmm/accel.h \
 vmm/guest/abi.h vmm/io.h vmm/mem.h vmm/x86_boot.h
sim/cli/command.h:
lib/error.h:
vmm/dev/sink.h:
vmm/guest_image.h:
vmm/vm.h:
vmm/accel.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
vmm/x86_boot.h:
