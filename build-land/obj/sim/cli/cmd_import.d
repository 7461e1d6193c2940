build-land/obj/sim/cli/cmd_import.o: sim/cli/cmd_import.c \
 sim/cli/command.h lib/error.h sim/import/import.h sim/store/trace.h \
 lib/resource.h sim/import/import_input.h lib/outfile.h
sim/cli/command.h:
lib/error.h:
sim/import/import.h:
sim/store/trace.h:
lib/resource.h:
sim/import/import_input.h:
lib/outfile.h:
