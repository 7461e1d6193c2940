build-land/obj/sim/measure/machine.o: sim/measure/machine.c \
 sim/measure/machine.h
sim/measure/machine.h:
