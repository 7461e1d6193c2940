build-land/tests/sim/test_region: tests/sim/test_region.c \
 tests/common/vmux_test.h sim/store/region.h
tests/common/vmux_test.h:
sim/store/region.h:
