build-land/tests/models/test_size_select: tests/models/test_size_select.c \
 tests/common/vmux_test.h models/rng.h models/size.h
tests/common/vmux_test.h:
models/rng.h:
models/size.h:
