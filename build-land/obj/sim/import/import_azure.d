build-land/obj/sim/import/import_azure.o: sim/import/import_azure.c \
 sim/import/import_azure.h lib/error.h sim/import/import.h \
 sim/store/trace.h lib/resource.h sim/import/import_input.h \
 sim/import/import_names.h
sim/import/import_azure.h:
lib/error.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_input.h:
sim/import/import_names.h:
