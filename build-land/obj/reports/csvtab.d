build-land/obj/reports/csvtab.o: reports/csvtab.c reports/csvtab.h \
 lib/error.h
reports/csvtab.h:
lib/error.h:
