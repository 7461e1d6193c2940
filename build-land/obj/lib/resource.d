build-land/obj/lib/resource.o: lib/resource.c lib/resource.h
lib/resource.h:
