build-land/obj/sim/plan/plan_sbp.o: sim/plan/plan_sbp.c \
 sim/plan/plan_sbp.h sim/plan/plan.h sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h sim/plan/plan_fit.h \
 sim/plan/pack.h models/gauss.h
sim/plan/plan_sbp.h:
sim/plan/plan.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/plan/plan_fit.h:
sim/plan/pack.h:
models/gauss.h:
