build-land/obj/sim/store/region.o: sim/store/region.c sim/store/region.h
sim/store/region.h:
