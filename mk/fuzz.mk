# make fuzz: libFuzzer targets under ASan + UBSan, linked against the
# layer archives built with clang and coverage into $(FUZZ_BUILD) (a
# recursive make with CC=clang SAN=fuzz, so every source a layer gains is
# in the fuzzers too):
#   fuzz_ingest            the canonical trace reader
#   fuzz_import_FORMAT     each importer (planetlab bitbrains azure alibaba)
#   fuzz_planfile          the plan reader
#   fuzz_planterms         the reader of a plan's terms (PLAN.meta)
#   fuzz_overhead          the overhead calibration reader (--overhead)
#   fuzz_catalogue         the host catalogue reader (simulate --hosts)
#   fuzz_shard             the shard file reader (vmux merge, MPI)
#   fuzz_frontier          the frontier shard reader (vmux merge)
#                          (both shard targets check lib/tabline too)
#   fuzz_reportcsv         the readers of the report's CSV inputs
#   fuzz_workload          simulate's workload reader (PlanetLab file, trace)
# `make fuzz` runs each FUZZ_SECONDS seconds (default 60; CI: 10) on its
# corpus tests/fuzz/corpus-NAME/ (kept in git: new interesting inputs are
# added there), seeded from tests/fuzz/corpus/ and traces/ samples. A
# finding stops that target and leaves a crash-*, leak-*, timeout-* or
# oom-* reproducer in $(FUZZ_BUILD); rerun one with
# `$(FUZZ_BUILD)/fuzz_NAME FILE`. `make fuzz-build` only builds.
# FUZZ_SEED=N fixes libFuzzer's seed (default: a new one each run). CI
# fixes it, so that its short run mutates the same way on every machine:
# a red CI run is then something the change did, reproducible with the
# same FUZZ_SEED, and finding new bugs is left to longer runs by hand.
FUZZ_SECONDS ?= 60
FUZZ_SEED ?=
FUZZ_BUILD ?= build/fuzz
FUZZ_CC ?= clang
FUZZ_FORMATS := planetlab bitbrains azure alibaba
FUZZ_TARGETS := ingest $(addprefix import_,$(FUZZ_FORMATS)) planfile \
	planterms overhead catalogue shard frontier reportcsv workload
FUZZ_LAYERS := reports sim_measure sim_simulate sim_plan sim_import sim_store models lib
FUZZ_ARCHIVES := $(foreach l,$(FUZZ_LAYERS),$(FUZZ_BUILD)/lib$(l).a)
# No monitor in the fuzzers: no Unicorn (its copy is not built there).
FUZZ_LDLIBS = $(filter-out %/libunicorn-vmux.a,$(LDLIBS))
FUZZ_LINK := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# Per-input limits: a slow or greedy input is a finding too.
FUZZ_RUNFLAGS := -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
	-close_fd_mask=2 -print_final_stats=1

.PHONY: fuzz-build fuzz-archives fuzz-keep
fuzz-archives:
	@sh mk/deps.sh core fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
		SAN=fuzz OPT=-O1 $(FUZZ_ARCHIVES)

# The targets with a source of their own (the importers share one).
FUZZ_OWN := ingest planfile planterms overhead catalogue shard frontier \
	reportcsv workload
$(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZ_OWN)): $(FUZZ_BUILD)/fuzz_%: \
		tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) fuzz-archives
	$(FUZZ_CC) -std=c11 -g -O1 -D_GNU_SOURCE -I. $(WARN) $(FUZZ_LINK) \
		-o $@ $< $(FUZZ_ARCHIVES) $(FUZZ_LDLIBS)
$(FUZZ_BUILD)/fuzz_import_%: tests/fuzz/fuzz_import.c fuzz-archives
	$(FUZZ_CC) -std=c11 -g -O1 -D_GNU_SOURCE -I. $(WARN) $(FUZZ_LINK) \
		-DFUZZ_FORMAT='"$*"' -o $@ $< $(FUZZ_ARCHIVES) $(FUZZ_LDLIBS)

fuzz-build: $(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZ_TARGETS))

# One target: FUZZ_SECONDS on its kept corpus plus the seeds. libFuzzer
# writes what it finds into the first folder it is given: that is
# $(FUZZ_BUILD)/new-NAME, so a run (CI's included) leaves the tree as it
# was. `make fuzz-keep` merges the new inputs that add coverage into the
# kept corpus (libFuzzer -merge=1), to be reviewed and committed.
fuzz-run-%: $(FUZZ_BUILD)/fuzz_%
	@mkdir -p $(FUZZ_BUILD)/new-$* tests/fuzz/corpus-$*
	cd $(FUZZ_BUILD) && ./fuzz_$* $(FUZZ_RUNFLAGS) \
		-max_total_time=$(FUZZ_SECONDS) $(if $(FUZZ_SEED),-seed=$(FUZZ_SEED)) \
		-dict=$(CURDIR)/tests/fuzz/ingest.dict new-$* \
		$(CURDIR)/tests/fuzz/corpus-$* $(FUZZ_SEEDS_$*)
fuzz-keep-%: $(FUZZ_BUILD)/fuzz_%
	@mkdir -p $(FUZZ_BUILD)/new-$*
	cd $(FUZZ_BUILD) && ./fuzz_$* -merge=1 $(FUZZ_RUNFLAGS) \
		$(CURDIR)/tests/fuzz/corpus-$* new-$*
fuzz-keep: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		$(MAKE) --no-print-directory fuzz-keep-$$t || exit 1; done

FUZZ_SEEDS_ingest := $(CURDIR)/tests/fuzz/corpus
FUZZ_SEEDS_planfile := $(CURDIR)/tests/fuzz/seeds-planfile
FUZZ_SEEDS_planterms := $(CURDIR)/tests/fuzz/seeds-planterms
FUZZ_SEEDS_overhead := $(CURDIR)/tests/fuzz/seeds-overhead
FUZZ_SEEDS_catalogue := $(CURDIR)/tests/fuzz/seeds-catalogue
FUZZ_SEEDS_shard := $(CURDIR)/tests/fuzz/seeds-shard
FUZZ_SEEDS_frontier := $(CURDIR)/tests/fuzz/seeds-frontier
FUZZ_SEEDS_reportcsv := $(CURDIR)/tests/fuzz/seeds-reportcsv
FUZZ_SEEDS_workload := $(CURDIR)/tests/fuzz/seeds-workload
FUZZ_SEEDS_import_planetlab := $(CURDIR)/tests/fuzz/seeds-planetlab
FUZZ_SEEDS_import_bitbrains := $(CURDIR)/tests/fuzz/seeds-bitbrains
FUZZ_SEEDS_import_azure := $(CURDIR)/tests/fuzz/seeds-azure
FUZZ_SEEDS_import_alibaba := $(CURDIR)/tests/fuzz/seeds-alibaba

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		$(MAKE) --no-print-directory fuzz-run-$$t || exit 1; done
