# make bench: every bench/*.sh in name order, each given the build folder.
# Fragments add binaries a script needs to BENCH_BINS. Speed goals live
# here, never in timed tests. A script that fails is reported, and the run
# ends non-zero after the rest have run.
BENCH_BINS ?=

bench:
	@sh mk/deps.sh core bench
	@$(MAKE) --no-print-directory $(BUILD)/vmux $(BENCH_BINS)
	@st=0; for s in bench/*.sh; do [ -f "$$s" ] || continue; \
		echo "== $$s"; sh "$$s" "$(BUILD)" || { st=1; echo "bench: $$s FAILED"; }; \
	done; exit $$st

# The floor for the exit cost (bench/30-vmm.sh): a bare KVM_RUN loop.
BENCH_BINS += $(BUILD)/bench/kvm_floor $(BUILD)/bench/spawn_time
$(BUILD)/bench/%: bench/%.c bench/benchtime.h $(LAYER_LIBS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LINK_LIBS) $(LDFLAGS) \
		$(LDLIBS)
