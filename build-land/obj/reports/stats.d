build-land/obj/reports/stats.o: reports/stats.c reports/stats.h \
 models/size.h
reports/stats.h:
models/size.h:
