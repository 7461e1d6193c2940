build-land/obj/sim/cli/cmd_version.o: sim/cli/cmd_version.c \
 sim/cli/command.h lib/error.h lib/version.h
sim/cli/command.h:
lib/error.h:
lib/version.h:
