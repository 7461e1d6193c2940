build-land/tests/reports/test_evalcsv: tests/reports/test_evalcsv.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h \
 reports/evalcsv.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/evalcsv.h:
