build-land/obj/sim/plan/evaluate.o: sim/plan/evaluate.c \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
