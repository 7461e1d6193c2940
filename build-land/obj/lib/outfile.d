build-land/obj/lib/outfile.o: lib/outfile.c lib/outfile.h lib/error.h
lib/outfile.h:
lib/error.h:
