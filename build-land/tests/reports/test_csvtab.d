build-land/tests/reports/test_csvtab: tests/reports/test_csvtab.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h reports/csvtab.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/csvtab.h:
