build-land/tests/sim/test_planfile: tests/sim/test_planfile.c \
 tests/common/vmux_test.h sim/plan/planfile.h
tests/common/vmux_test.h:
sim/plan/planfile.h:
