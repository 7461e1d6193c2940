build-land/obj/sim/plan/plan_fit.o: sim/plan/plan_fit.c \
 sim/plan/plan_fit.h sim/plan/pack.h sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h sim/plan/plan.h \
 models/gauss.h models/size.h
sim/plan/plan_fit.h:
sim/plan/pack.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
sim/plan/plan.h:
models/gauss.h:
models/size.h:
