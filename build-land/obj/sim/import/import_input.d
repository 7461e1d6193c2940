build-land/obj/sim/import/import_input.o: sim/import/import_input.c \
 sim/import/import_input.h lib/error.h
sim/import/import_input.h:
lib/error.h:
