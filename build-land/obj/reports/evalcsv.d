build-land/obj/reports/evalcsv.o: reports/evalcsv.c reports/evalcsv.h \
 reports/csvtab.h lib/error.h
reports/evalcsv.h:
reports/csvtab.h:
lib/error.h:
