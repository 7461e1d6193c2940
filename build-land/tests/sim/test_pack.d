build-land/tests/sim/test_pack: tests/sim/test_pack.c \
 tests/common/vmux_test.h sim/plan/pack.h sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h models/gauss.h
tests/common/vmux_test.h:
sim/plan/pack.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
models/gauss.h:
