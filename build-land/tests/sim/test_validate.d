build-land/tests/sim/test_validate: tests/sim/test_validate.c \
 tests/common/vmux_test.h sim/measure/validate.h vmm/accel.h
tests/common/vmux_test.h:
sim/measure/validate.h:
vmm/accel.h:
