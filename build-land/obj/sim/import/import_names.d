build-land/obj/sim/import/import_names.o: sim/import/import_names.c \
 sim/import/import_names.h
sim/import/import_names.h:
