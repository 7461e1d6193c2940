build-land/obj/sim/cli/main.o: sim/cli/main.c sim/cli/command.h \
 lib/error.h build-land/gen/commands.inc
sim/cli/command.h:
lib/error.h:
build-land/gen/commands.inc:
