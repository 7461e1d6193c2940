build-land/tests/sim/test_import: tests/sim/test_import.c \
 tests/common/vmux_test.h tests/sim/import_fixture.h sim/import/import.h \
 sim/store/trace.h lib/resource.h sim/import/import_input.h \
 sim/import/import_names.h
tests/common/vmux_test.h:
tests/sim/import_fixture.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_input.h:
sim/import/import_names.h:
