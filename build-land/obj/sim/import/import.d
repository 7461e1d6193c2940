build-land/obj/sim/import/import.o: sim/import/import.c \
 sim/import/import.h sim/store/trace.h lib/resource.h lib/error.h \
 sim/import/import_alibaba.h sim/import/import_azure.h \
 sim/import/import_bitbrains.h sim/import/import_names.h \
 sim/import/import_planetlab.h
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
lib/error.h:
sim/import/import_alibaba.h:
sim/import/import_azure.h:
sim/import/import_bitbrains.h:
sim/import/import_names.h:
sim/import/import_planetlab.h:
