build-land/obj/sim/import/import_alibaba.o: sim/import/import_alibaba.c \
 sim/import/import_alibaba.h lib/error.h sim/import/import.h \
 sim/store/trace.h lib/resource.h sim/import/import_input.h \
 sim/import/import_names.h
sim/import/import_alibaba.h:
lib/error.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_input.h:
sim/import/import_names.h:
