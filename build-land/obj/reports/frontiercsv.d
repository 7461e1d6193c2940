build-land/obj/reports/frontiercsv.o: reports/frontiercsv.c \
 reports/frontiercsv.h reports/csvtab.h lib/error.h
reports/frontiercsv.h:
reports/csvtab.h:
lib/error.h:
