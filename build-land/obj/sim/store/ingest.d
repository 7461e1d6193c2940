build-land/obj/sim/store/ingest.o: sim/store/ingest.c sim/store/ingest.h \
 sim/store/trace.h lib/resource.h lib/error.h sim/store/readahead.h \
 sim/store/region.h
sim/store/ingest.h:
sim/store/trace.h:
lib/resource.h:
lib/error.h:
sim/store/readahead.h:
sim/store/region.h:
