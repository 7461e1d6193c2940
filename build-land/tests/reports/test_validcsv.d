build-land/tests/reports/test_validcsv: tests/reports/test_validcsv.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h \
 reports/validcsv.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/validcsv.h:
