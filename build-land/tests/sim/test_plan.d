build-land/tests/sim/test_plan: tests/sim/test_plan.c \
 tests/common/vmux_test.h sim/plan/pack.h sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h sim/plan/plan.h \
 sim/plan/plan_fit.h sim/plan/plan_robust.h models/gauss.h
tests/common/vmux_test.h:
sim/plan/pack.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/plan/plan.h:
sim/plan/plan_fit.h:
sim/plan/plan_robust.h:
models/gauss.h:
