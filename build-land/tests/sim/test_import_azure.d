build-land/tests/sim/test_import_azure: tests/sim/test_import_azure.c \
 tests/common/vmux_test.h tests/sim/import_fixture.h sim/import/import.h \
 sim/store/trace.h lib/resource.h sim/import/import_azure.h
tests/common/vmux_test.h:
tests/sim/import_fixture.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_azure.h:
