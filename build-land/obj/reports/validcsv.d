build-land/obj/reports/validcsv.o: reports/validcsv.c reports/validcsv.h \
 reports/csvtab.h lib/error.h
reports/validcsv.h:
reports/csvtab.h:
lib/error.h:
