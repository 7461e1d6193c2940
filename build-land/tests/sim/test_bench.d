build-land/tests/sim/test_bench: tests/sim/test_bench.c \
 tests/common/vmux_test.h sim/measure/bench.h sim/measure/machine.h \
 vmm/accel.h vmm/vm.h vmm/guest/abi.h vmm/io.h vmm/mem.h \
 sim/measure/bench_report.h
tests/common/vmux_test.h:
sim/measure/bench.h:
sim/measure/machine.h:
vmm/accel.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
sim/measure/bench_report.h:
