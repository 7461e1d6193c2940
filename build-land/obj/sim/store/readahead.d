build-land/obj/sim/store/readahead.o: sim/store/readahead.c \
 sim/store/readahead.h
sim/store/readahead.h:
