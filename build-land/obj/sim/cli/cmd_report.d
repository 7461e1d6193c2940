build-land/obj/sim/cli/cmd_report.o: sim/cli/cmd_report.c \
 reports/report.h sim/cli/command.h lib/error.h
reports/report.h:
sim/cli/command.h:
lib/error.h:
