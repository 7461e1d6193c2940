build-land/obj/sim/measure/bench_report.o: sim/measure/bench_report.c \
 sim/measure/bench_report.h sim/measure/bench.h sim/measure/machine.h \
 vmm/accel.h vmm/vm.h vmm/guest/abi.h vmm/io.h vmm/mem.h
sim/measure/bench_report.h:
sim/measure/bench.h:
sim/measure/machine.h:
vmm/accel.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
