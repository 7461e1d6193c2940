# vmux — top-level build.
#
#   make            build build/vmux
#   make demo       install missing packages, build, run the pipeline on the
#                   bundled traces
#   make test       install missing packages, build, run every test; ends with
#                   "N passed, N failed[, N skipped]"
#   make check-asan the same tests under AddressSanitizer + UBSan
#   make bench      the benchmarks (speed goals live here, never in tests)
#   make fuzz       libFuzzer targets (clang), FUZZ_SECONDS each
#
# Sources are found by wildcard: a new module is a new .c/.h pair in its
# layer's folder, a new test is tests/<layer>/test_<module>.c, a new
# subcommand is sim/cli/cmd_<name>.c defining `const struct command
# cmd_<name>` (sim/cli/command.h).
# Subsystems with extra build steps (guest images, fuzzers, benchmarks) keep
# them in mk/*.mk fragments.

BUILD ?= build
CC ?= gcc
SAN ?=
OPT ?= -O2

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE -I. -I$(BUILD)/gen
CFLAGS += -std=c11 $(OPT) -g $(WARN) -MMD -MP
# Start-up (issue 17; bench/15-startup.sh measures it): every library but
# libc and libm is linked statically into a non-PIE binary, so the loader
# has nothing to relocate and no library to search. Unicorn (the tcg
# backend) as a shared library cost each tcg run ~3.5 ms of symbol lookups
# and relocations; linked into a PIE it would cost every command ~1.5 ms
# of relative relocations; linked here it costs nothing until a vCPU
# translates. Shared GSL and libcsv each cost a library load. GSL's
# inverse CDFs are all vmux takes from it; they call no BLAS, so no CBLAS
# is linked (an unresolved cblas_ symbol would fail the link, not a run).
LDFLAGS += -no-pie
# Unicorn comes through a copy with its allocator renamed (mk/unicorn.mk).
LDLIBS := $(BUILD)/libunicorn-vmux.a -l:libgsl.a -l:libcsv.a \
	-lpthread -lm
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif
# The fuzzers' archives (mk/fuzz.mk): coverage for libFuzzer, no main.
ifeq ($(SAN),fuzz)
CFLAGS += -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
endif

# Layers, lowest first. A layer includes only headers of its own and lower
# layers (mk/layers.sh, run by every build, says which); each is its own
# archive, linked highest first, so a call from a lower layer into a higher
# one fails at link time too. sim/cli (the command line) sits above
# reports/ because `vmux report` drives it.
LAYERS := lib models vmm sim/store sim/import sim/plan sim/simulate \
	sim/measure reports \
	sim/cli
layer_name = $(subst /,_,$(1))
# Sources of each layer; fragments (mk/*.mk) may append to SRCS_<layer> and
# OBJS_<layer> (extra objects such as the embedded guest images).
$(foreach l,$(LAYERS),$(eval SRCS_$(call layer_name,$(l)) := \
	$(filter-out sim/cli/main.c,$(wildcard $(l)/*.c))))
SRCS_vmm += $(wildcard vmm/dev/*.c)
$(foreach l,$(LAYERS),$(eval OBJS_$(call layer_name,$(l)) :=))
TEST_SRCS := $(wildcard tests/*/test_*.c)

.PHONY: all deps test test-run check-asan check-clang build-all demo bench fuzz faults clean format \
	layers funclen FORCE
all: $(BUILD)/vmux

-include $(sort $(wildcard mk/*.mk))

layer_objs = $(patsubst %.c,$(BUILD)/obj/%.o,$(SRCS_$(call layer_name,$(1)))) \
	$(OBJS_$(call layer_name,$(1)))
LAYER_LIBS := $(foreach l,$(LAYERS),$(BUILD)/lib$(call layer_name,$(l)).a)
# Highest first, for the linker.
LINK_LIBS := $(shell printf '%s\n' $(LAYER_LIBS) | tac)
TEST_BINS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
CMD_NAMES = $(sort $(patsubst sim/cli/cmd_%.c,%,$(wildcard sim/cli/cmd_*.c)))

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The subcommand table, regenerated only when the set of commands changes.
$(BUILD)/gen/commands.inc: FORCE
	@mkdir -p $(@D)
	@{ for c in $(CMD_NAMES); do echo "CMD($$c)"; done; } > $@.new
	@cmp -s $@.new $@ 2>/dev/null && rm -f $@.new || mv $@.new $@

$(BUILD)/obj/sim/cli/main.o: $(BUILD)/gen/commands.inc
# tests/sim/test_command.c checks every command's option table: the same list.
$(BUILD)/tests/sim/test_command: $(BUILD)/gen/commands.inc

# The build id (lib/version.h): the commit the tree is at, "-dirty" when
# tracked files differ from it, "unknown" outside a git checkout. Written
# on every build, replaced only when it changes.
$(BUILD)/gen/build_id.h: FORCE
	@mkdir -p $(@D)
	@id=$$(git describe --always --dirty 2>/dev/null) || id=unknown; \
	 echo "#define VMUX_BUILD \"$${id:-unknown}\"" > $@.new
	@cmp -s $@.new $@ 2>/dev/null && rm -f $@.new || mv $@.new $@

$(BUILD)/obj/lib/version.o: $(BUILD)/gen/build_id.h

# The include check is order-only: it runs first whenever a source changed,
# but its stamp does not make every archive (and so every test binary) stale.
define layer_rule
$(BUILD)/lib$(call layer_name,$(1)).a: $(call layer_objs,$(1)) | $(BUILD)/layers.ok
	@rm -f $$@
	ar rcs $$@ $(call layer_objs,$(1))
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rule,$(l))))

# The include check: every build runs it (cheap), so a wrong include fails
# the build, not a review.
$(BUILD)/layers.ok: mk/layers.sh $(shell git ls-files '*.c' '*.h' 2>/dev/null)
	@mkdir -p $(@D)
	@sh mk/layers.sh && touch $@
layers:
	@sh mk/layers.sh
# The functions over 40 lines (house style), longest first: a report.
funclen:
	@sh mk/funclen.sh

$(BUILD)/vmux: $(BUILD)/obj/sim/cli/main.o $(LAYER_LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(LAYER_LIBS) $(wildcard tests/common/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/common $(CFLAGS) -o $@ $< \
		$(LINK_LIBS) $(LDFLAGS) $(LDLIBS) -lcmocka

deps:
	@sh mk/deps.sh core

test: deps
	@$(MAKE) --no-print-directory test-run

test-run: $(BUILD)/vmux $(TEST_BINS) $(BUILD)/cflags.sh
	@sh tests/run.sh $(BUILD)

# The compilers and flags this build compiles with, for tests that compile
# (tests/e2e/headers.sh: each header on its own), as shell assignments.
# Written on every test run, replaced only when they change.
$(BUILD)/cflags.sh: FORCE
	@mkdir -p $(@D)
	@{ echo "cc='$(CC)'"; \
	   echo "cflags='$(CPPFLAGS) $(filter-out -MMD -MP,$(CFLAGS))'"; \
	   echo "test_cflags='$(CPPFLAGS) -Itests/common $(filter-out -MMD -MP,$(CFLAGS))'"; \
	   echo "guest_cc='$(GUEST_CC)'"; \
	   echo "guest_cflags='$(GUEST_CFLAGS)'"; } > $@.new
	@cmp -s $@.new $@ 2>/dev/null && rm -f $@.new || mv $@.new $@

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT=-O1 test-run

# gcc is the compiler of record; clang warns where gcc does not (a
# variable maybe used uninitialised, a table entry {X} missing fields),
# and -Werror makes that a failure. CI builds the binary and every test
# with clang too, so such code cannot land only to break the next clang
# build (make fuzz).
build-all: $(BUILD)/vmux $(TEST_BINS)
check-clang: deps
	@sh mk/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build/clang CC=clang build-all

# The build's compiler lines go to $(BUILD)/demo-build.log, not the
# screen: the demo prints only its progress and results.
demo: deps
	@mkdir -p $(BUILD)
	@echo "demo: building $(BUILD)/vmux (compiler output in $(BUILD)/demo-build.log)" >&2
	@$(MAKE) --no-print-directory $(BUILD)/vmux > $(BUILD)/demo-build.log 2>&1 || \
		{ echo "demo: the build failed; the end of $(BUILD)/demo-build.log:" >&2; \
		  tail -20 $(BUILD)/demo-build.log >&2; exit 1; }
	@sh mk/demo.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)
