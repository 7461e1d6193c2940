build-land/tests/reports/test_benchcsv: tests/reports/test_benchcsv.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h \
 reports/benchcsv.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/benchcsv.h:
