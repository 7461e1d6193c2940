build-land/obj/reports/html.o: reports/html.c reports/html.h
reports/html.h:
