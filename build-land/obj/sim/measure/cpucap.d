build-land/obj/sim/measure/cpucap.o: sim/measure/cpucap.c \
 sim/measure/cpucap.h
sim/measure/cpucap.h:
