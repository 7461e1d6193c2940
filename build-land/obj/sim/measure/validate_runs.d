build-land/obj/sim/measure/validate_runs.o: sim/measure/validate_runs.c \
 sim/measure/validate_runs.h sim/measure/spread.h sim/measure/validate.h \
 vmm/accel.h models/size.h
sim/measure/validate_runs.h:
sim/measure/spread.h:
sim/measure/validate.h:
vmm/accel.h:
models/size.h:
