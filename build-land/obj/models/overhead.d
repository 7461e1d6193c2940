build-land/obj/models/overhead.o: models/overhead.c models/overhead.h \
 lib/resource.h lib/error.h
models/overhead.h:
lib/resource.h:
lib/error.h:
