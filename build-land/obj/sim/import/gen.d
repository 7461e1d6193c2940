build-land/obj/sim/import/gen.o: sim/import/gen.c sim/import/gen.h \
 sim/store/trace.h lib/resource.h models/rng.h
sim/import/gen.h:
sim/store/trace.h:
lib/resource.h:
models/rng.h:
