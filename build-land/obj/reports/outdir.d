build-land/obj/reports/outdir.o: reports/outdir.c reports/outdir.h \
 lib/error.h
reports/outdir.h:
lib/error.h:
