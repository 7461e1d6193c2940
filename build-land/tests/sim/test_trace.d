build-land/tests/sim/test_trace: tests/sim/test_trace.c \
 tests/common/vmux_test.h sim/store/trace.h lib/resource.h
tests/common/vmux_test.h:
sim/store/trace.h:
lib/resource.h:
