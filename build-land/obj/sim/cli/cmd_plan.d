build-land/obj/sim/cli/cmd_plan.o: sim/cli/cmd_plan.c sim/cli/command.h \
 sim/plan/demand.h sim/plan/evaluate.h sim/store/trace.h lib/resource.h \
 lib/error.h sim/store/ingest.h lib/outfile.h sim/plan/plan.h \
 sim/plan/plan_robust.h sim/plan/planfile.h models/overhead.h
sim/cli/command.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
lib/error.h:
sim/store/ingest.h:
lib/outfile.h:
sim/plan/plan.h:
sim/plan/plan_robust.h:
sim/plan/planfile.h:
models/overhead.h:
