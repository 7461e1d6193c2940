build-land/tests/models/test_rng: tests/models/test_rng.c \
 tests/common/vmux_test.h models/rng.h
tests/common/vmux_test.h:
models/rng.h:
