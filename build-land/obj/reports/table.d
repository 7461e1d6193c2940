build-land/obj/reports/table.o: reports/table.c reports/table.h \
 reports/html.h lib/outfile.h
reports/table.h:
reports/html.h:
lib/outfile.h:
