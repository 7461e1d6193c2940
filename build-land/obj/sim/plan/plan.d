build-land/obj/sim/plan/plan.o: sim/plan/plan.c sim/plan/plan.h \
 sim/plan/demand.h sim/plan/evaluate.h sim/store/trace.h lib/resource.h \
 sim/plan/pack.h sim/plan/plan_joint.h sim/plan/plan_robust.h \
 sim/plan/plan_sbp.h sim/plan/plan_separate.h models/size.h
sim/plan/plan.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/plan/pack.h:
sim/plan/plan_joint.h:
sim/plan/plan_robust.h:
sim/plan/plan_sbp.h:
sim/plan/plan_separate.h:
models/size.h:
