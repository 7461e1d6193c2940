build-land/obj/sim/import/import_planetlab.o: \
 sim/import/import_planetlab.c sim/import/import_planetlab.h lib/error.h \
 sim/import/import.h sim/store/trace.h lib/resource.h \
 sim/import/import_input.h
sim/import/import_planetlab.h:
lib/error.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_input.h:
