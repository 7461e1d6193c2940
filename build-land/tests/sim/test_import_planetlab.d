build-land/tests/sim/test_import_planetlab: \
 tests/sim/test_import_planetlab.c tests/common/vmux_test.h \
 tests/sim/import_fixture.h sim/import/import.h sim/store/trace.h \
 lib/resource.h sim/import/import_planetlab.h
tests/common/vmux_test.h:
tests/sim/import_fixture.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_planetlab.h:
