# vmux-mpi: `vmux plan` over MPI ranks (mpi/vmux_mpi.c), built only by
# `make mpi` with mpicc (Debian's Open MPI 4.1 is the reference; MPICH
# builds with MPICC=mpicc.mpich). The plain build and `make test` never
# need MPI: tests/e2e/mpi.sh skips unless VMUX_MPI names the binary.
#   make mpi        build $(BUILD)/vmux-mpi (packages: sh mk/deps.sh mpi)
#   make test-mpi   build it and run tests/e2e/mpi.sh (mpirun -np 1..4)
MPICC ?= mpicc

.PHONY: mpi test-mpi
mpi: $(BUILD)/vmux-mpi

# vmux first: its rule builds every layer archive vmux-mpi links.
$(BUILD)/vmux-mpi: mpi/vmux_mpi.c $(BUILD)/vmux
	$(MPICC) $(CPPFLAGS) -DHAVE_MPI $(CFLAGS) -o $@ $< $(LINK_LIBS) \
		$(LDFLAGS) $(LDLIBS)

test-mpi: $(BUILD)/vmux-mpi
	@VMUX_MPI=$(abspath $(BUILD)/vmux-mpi) VMUX=$(abspath $(BUILD)/vmux) \
		sh tests/e2e/mpi.sh > $(BUILD)/mpi.tap; st=$$?; \
	cat $(BUILD)/mpi.tap; [ $$st -eq 0 ] && ! grep -q '^not ok' $(BUILD)/mpi.tap
