build-land/tests/models/test_size: tests/models/test_size.c \
 tests/common/vmux_test.h models/rng.h models/size.h
tests/common/vmux_test.h:
models/rng.h:
models/size.h:
