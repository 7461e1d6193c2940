build-land/obj/reports/chart.o: reports/chart.c reports/chart.h \
 lib/error.h
reports/chart.h:
lib/error.h:
