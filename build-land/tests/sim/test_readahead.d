build-land/tests/sim/test_readahead: tests/sim/test_readahead.c \
 tests/common/vmux_test.h sim/store/readahead.h
tests/common/vmux_test.h:
sim/store/readahead.h:
