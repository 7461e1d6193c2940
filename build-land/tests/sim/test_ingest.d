build-land/tests/sim/test_ingest: tests/sim/test_ingest.c \
 tests/common/vmux_test.h sim/store/ingest.h sim/store/trace.h \
 lib/resource.h
tests/common/vmux_test.h:
sim/store/ingest.h:
sim/store/trace.h:
lib/resource.h:
