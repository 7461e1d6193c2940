build-land/obj/sim/plan/pack.o: sim/plan/pack.c sim/plan/pack.h \
 sim/plan/demand.h sim/plan/evaluate.h sim/store/trace.h lib/resource.h \
 models/gauss.h models/size.h
sim/plan/pack.h:
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
models/gauss.h:
models/size.h:
