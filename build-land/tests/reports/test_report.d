build-land/tests/reports/test_report: tests/reports/test_report.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h reports/report.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/report.h:
