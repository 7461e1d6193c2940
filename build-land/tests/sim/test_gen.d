build-land/tests/sim/test_gen: tests/sim/test_gen.c \
 tests/common/vmux_test.h sim/import/gen.h sim/store/trace.h \
 lib/resource.h sim/store/ingest.h
tests/common/vmux_test.h:
sim/import/gen.h:
sim/store/trace.h:
lib/resource.h:
sim/store/ingest.h:
