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
# subcommand is sim/cmd_<name>.c defining `const struct command cmd_<name>`.
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
# OpenBLAS linked statically: its shared library costs every vmux process
# ~1.8 ms of start-up (loader + init), which the monitor cannot afford.
LDLIBS := -lgsl -l:libopenblas.a -lcsv -lunicorn -lpthread -lm
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif

LIB_SRCS := $(filter-out sim/main.c,$(wildcard sim/*.c models/*.c vmm/*.c \
	vmm/dev/*.c reports/*.c))
# Fragments may append to LIB_SRCS / EXTRA_LIB_OBJS and add their own rules.
EXTRA_LIB_OBJS :=
TEST_SRCS := $(wildcard tests/*/test_*.c)

.PHONY: all deps test test-run check-asan demo bench fuzz clean format FORCE
all: $(BUILD)/vmux

-include $(sort $(wildcard mk/*.mk))

LIB_OBJS = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) $(EXTRA_LIB_OBJS)
TEST_BINS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
CMD_NAMES = $(sort $(patsubst sim/cmd_%.c,%,$(wildcard sim/cmd_*.c)))

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The subcommand table, regenerated only when the set of commands changes.
$(BUILD)/gen/commands.inc: FORCE
	@mkdir -p $(@D)
	@{ for c in $(CMD_NAMES); do echo "CMD($$c)"; done; } > $@.new
	@cmp -s $@.new $@ 2>/dev/null && rm -f $@.new || mv $@.new $@

$(BUILD)/obj/sim/main.o: $(BUILD)/gen/commands.inc

$(BUILD)/libvmux.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/vmux: $(BUILD)/obj/sim/main.o $(BUILD)/libvmux.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libvmux.a $(wildcard tests/common/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/common $(CFLAGS) -o $@ $< \
		$(BUILD)/libvmux.a $(LDFLAGS) $(LDLIBS) -lcmocka

deps:
	@sh mk/deps.sh core

test: deps
	@$(MAKE) --no-print-directory test-run

test-run: $(BUILD)/vmux $(TEST_BINS)
	@sh tests/run.sh $(BUILD)

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT=-O1 test-run

demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/vmux
	@sh mk/demo.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)
