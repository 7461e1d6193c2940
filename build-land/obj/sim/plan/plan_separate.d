build-land/obj/sim/plan/plan_separate.o: sim/plan/plan_separate.c \
 sim/plan/plan_separate.h sim/plan/plan.h sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h sim/plan/plan_fit.h \
 sim/plan/pack.h
sim/plan/plan_separate.h:
sim/plan/plan.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/plan/plan_fit.h:
sim/plan/pack.h:
