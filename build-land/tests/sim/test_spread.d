build-land/tests/sim/test_spread: tests/sim/test_spread.c \
 tests/common/vmux_test.h sim/measure/spread.h sim/measure/validate.h \
 vmm/accel.h
tests/common/vmux_test.h:
sim/measure/spread.h:
sim/measure/validate.h:
vmm/accel.h:
