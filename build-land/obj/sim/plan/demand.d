build-land/obj/sim/plan/demand.o: sim/plan/demand.c sim/plan/demand.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h
sim/plan/demand.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
