build-land/obj/sim/plan/planfile.o: sim/plan/planfile.c \
 sim/plan/planfile.h lib/error.h lib/outfile.h
sim/plan/planfile.h:
lib/error.h:
lib/outfile.h:
