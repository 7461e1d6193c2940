build-land/obj/sim/cli/cmd_frontier.o: sim/cli/cmd_frontier.c \
 sim/cli/command.h lib/error.h sim/plan/evaluate.h sim/store/trace.h \
 lib/resource.h sim/store/ingest.h lib/outfile.h sim/plan/plan.h \
 sim/plan/demand.h
sim/cli/command.h:
lib/error.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/store/ingest.h:
lib/outfile.h:
sim/plan/plan.h:
sim/plan/demand.h:
