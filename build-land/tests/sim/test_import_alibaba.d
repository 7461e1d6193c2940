build-land/tests/sim/test_import_alibaba: tests/sim/test_import_alibaba.c \
 tests/common/vmux_test.h tests/sim/import_fixture.h sim/import/import.h \
 sim/store/trace.h lib/resource.h sim/import/import_alibaba.h
tests/common/vmux_test.h:
tests/sim/import_fixture.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_alibaba.h:
