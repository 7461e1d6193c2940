build-land/obj/sim/store/trace.o: sim/store/trace.c sim/store/trace.h \
 lib/resource.h
sim/store/trace.h:
lib/resource.h:
