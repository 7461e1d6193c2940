build-land/tests/sim/test_evaluate: tests/sim/test_evaluate.c \
 tests/common/vmux_test.h sim/plan/evaluate.h sim/store/trace.h \
 lib/resource.h
tests/common/vmux_test.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
