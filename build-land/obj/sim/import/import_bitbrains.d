build-land/obj/sim/import/import_bitbrains.o: \
 sim/import/import_bitbrains.c sim/import/import_bitbrains.h lib/error.h \
 sim/import/import.h sim/store/trace.h lib/resource.h \
 sim/import/import_input.h
sim/import/import_bitbrains.h:
lib/error.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_input.h:
