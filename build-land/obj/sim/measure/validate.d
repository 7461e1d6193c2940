build-land/obj/sim/measure/validate.o: sim/measure/validate.c \
 sim/measure/validate.h vmm/accel.h sim/measure/cpucap.h \
 sim/measure/machine.h lib/error.h vmm/guest/work.h vmm/vm.h \
 vmm/guest/abi.h vmm/io.h vmm/mem.h vmm/x86_boot.h
sim/measure/validate.h:
vmm/accel.h:
sim/measure/cpucap.h:
sim/measure/machine.h:
lib/error.h:
vmm/guest/work.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
vmm/x86_boot.h:
