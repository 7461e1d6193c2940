build-land/obj/models/size.o: models/size.c models/size.h
models/size.h:
