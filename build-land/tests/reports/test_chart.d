build-land/tests/reports/test_chart: tests/reports/test_chart.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h reports/chart.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/chart.h:
