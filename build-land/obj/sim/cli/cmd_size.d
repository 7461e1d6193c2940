build-land/obj/sim/cli/cmd_size.o: sim/cli/cmd_size.c sim/cli/command.h \
 lib/error.h sim/store/ingest.h sim/store/trace.h lib/resource.h \
 lib/outfile.h models/size.h
sim/cli/command.h:
lib/error.h:
sim/store/ingest.h:
sim/store/trace.h:
lib/resource.h:
lib/outfile.h:
models/size.h:
