build-land/obj/models/gauss.o: models/gauss.c models/gauss.h
models/gauss.h:
