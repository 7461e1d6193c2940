build-land/obj/sim/measure/bench_core.o: sim/measure/bench_core.c \
 sim/measure/bench_work.h sim/measure/bench.h sim/measure/machine.h \
 vmm/accel.h vmm/vm.h vmm/guest/abi.h vmm/io.h vmm/mem.h lib/error.h \
 vmm/dev/sink.h vmm/guest/work.h vmm/x86_boot.h vmm/x86_tsc.h
sim/measure/bench_work.h:
sim/measure/bench.h:
sim/measure/machine.h:
vmm/accel.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
lib/error.h:
vmm/dev/sink.h:
vmm/guest/work.h:
vmm/x86_boot.h:
vmm/x86_tsc.h:
