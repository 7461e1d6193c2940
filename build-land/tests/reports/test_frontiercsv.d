build-land/tests/reports/test_frontiercsv: \
 tests/reports/test_frontiercsv.c tests/reports/report_fixture.h \
 tests/common/vmux_test.h reports/frontiercsv.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/frontiercsv.h:
