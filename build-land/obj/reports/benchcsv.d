build-land/obj/reports/benchcsv.o: reports/benchcsv.c reports/benchcsv.h \
 reports/csvtab.h lib/error.h
reports/benchcsv.h:
reports/csvtab.h:
lib/error.h:
