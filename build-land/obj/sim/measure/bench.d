build-land/obj/sim/measure/bench.o: sim/measure/bench.c \
 sim/measure/bench.h sim/measure/machine.h vmm/accel.h vmm/vm.h \
 vmm/guest/abi.h vmm/io.h vmm/mem.h sim/measure/spread.h lib/error.h \
 vmm/x86_boot.h vmm/x86_tsc.h
sim/measure/bench.h:
sim/measure/machine.h:
vmm/accel.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
sim/measure/spread.h:
lib/error.h:
vmm/x86_boot.h:
vmm/x86_tsc.h:
