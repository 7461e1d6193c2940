build-land/obj/models/rng.o: models/rng.c models/rng.h
models/rng.h:
