build-land/obj/sim/cli/cmd_validate.o: sim/cli/cmd_validate.c \
 models/overhead.h lib/resource.h models/size.h sim/cli/command.h \
 lib/error.h sim/plan/evaluate.h sim/store/trace.h sim/store/ingest.h \
 lib/outfile.h sim/plan/planfile.h sim/measure/validate_runs.h \
 sim/measure/spread.h sim/measure/validate.h vmm/accel.h
models/overhead.h:
lib/resource.h:
models/size.h:
sim/cli/command.h:
lib/error.h:
sim/plan/evaluate.h:
sim/store/trace.h:
sim/store/ingest.h:
lib/outfile.h:
sim/plan/planfile.h:
sim/measure/validate_runs.h:
sim/measure/spread.h:
sim/measure/validate.h:
vmm/accel.h:
