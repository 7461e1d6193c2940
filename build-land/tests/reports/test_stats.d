build-land/tests/reports/test_stats: tests/reports/test_stats.c \
 tests/common/vmux_test.h reports/stats.h
tests/common/vmux_test.h:
reports/stats.h:
