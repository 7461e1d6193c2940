build-land/obj/sim/measure/spread.o: sim/measure/spread.c \
 sim/measure/spread.h
sim/measure/spread.h:
