build-land/tests/models/test_overhead: tests/models/test_overhead.c \
 tests/common/vmux_test.h models/overhead.h lib/resource.h
tests/common/vmux_test.h:
models/overhead.h:
lib/resource.h:
