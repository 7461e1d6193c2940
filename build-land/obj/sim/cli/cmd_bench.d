build-land/obj/sim/cli/cmd_bench.o: sim/cli/cmd_bench.c \
 sim/measure/bench_report.h sim/measure/bench.h sim/measure/machine.h \
 vmm/accel.h vmm/vm.h vmm/guest/abi.h vmm/io.h vmm/mem.h \
 sim/measure/bench_work.h sim/cli/command.h lib/error.h lib/outfile.h
sim/measure/bench_report.h:
sim/measure/bench.h:
sim/measure/machine.h:
vmm/accel.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
sim/measure/bench_work.h:
sim/cli/command.h:
lib/error.h:
lib/outfile.h:
