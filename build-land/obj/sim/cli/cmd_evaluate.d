build-land/obj/sim/cli/cmd_evaluate.o: sim/cli/cmd_evaluate.c \
 models/overhead.h lib/resource.h sim/cli/command.h lib/error.h \
 sim/plan/evaluate.h sim/store/trace.h sim/store/ingest.h lib/outfile.h \
 sim/plan/planfile.h
models/overhead.h:
lib/resource.h:
sim/cli/command.h:
lib/error.h:
sim/plan/evaluate.h:
sim/store/trace.h:
sim/store/ingest.h:
lib/outfile.h:
sim/plan/planfile.h:
