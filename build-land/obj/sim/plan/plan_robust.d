build-land/obj/sim/plan/plan_robust.o: sim/plan/plan_robust.c \
 sim/plan/plan_robust.h sim/plan/plan.h sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h sim/plan/plan_fit.h \
 sim/plan/pack.h models/gauss.h models/rng.h
sim/plan/plan_robust.h:
sim/plan/plan.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/plan/plan_fit.h:
sim/plan/pack.h:
models/gauss.h:
models/rng.h:
