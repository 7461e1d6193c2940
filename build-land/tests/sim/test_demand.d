build-land/tests/sim/test_demand: tests/sim/test_demand.c \
 tests/common/vmux_test.h sim/plan/demand.h sim/plan/evaluate.h \
 sim/store/trace.h lib/resource.h
tests/common/vmux_test.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
