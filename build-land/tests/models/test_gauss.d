build-land/tests/models/test_gauss: tests/models/test_gauss.c \
 tests/common/vmux_test.h models/gauss.h
tests/common/vmux_test.h:
models/gauss.h:
