build-land/tests/reports/test_table: tests/reports/test_table.c \
 tests/common/vmux_test.h reports/html.h reports/table.h
tests/common/vmux_test.h:
reports/html.h:
reports/table.h:
