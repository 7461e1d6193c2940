build-land/obj/sim/cli/cmd_gen.o: sim/cli/cmd_gen.c sim/cli/command.h \
 lib/error.h sim/import/gen.h sim/store/trace.h lib/resource.h \
 lib/outfile.h
sim/cli/command.h:
lib/error.h:
sim/import/gen.h:
sim/store/trace.h:
lib/resource.h:
lib/outfile.h:
