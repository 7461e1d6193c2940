build-land/tests/reports/test_outdir: tests/reports/test_outdir.c \
 tests/reports/report_fixture.h tests/common/vmux_test.h reports/outdir.h
tests/reports/report_fixture.h:
tests/common/vmux_test.h:
reports/outdir.h:
