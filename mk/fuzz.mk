# make fuzz: libFuzzer targets, built with clang under ASan + UBSan from
# the sources they need (not from libvmux.a, which gcc builds without
# coverage) into $(FUZZ_BUILD), each run FUZZ_SECONDS seconds on a corpus
# seeded from tests/fuzz/corpus/, with tests/fuzz/ingest.dict (new inputs
# are kept in
# $(FUZZ_BUILD)/corpus-NAME). A finding stops the run and leaves a
# crash-*, leak-*, timeout- or oom-* reproducer in $(FUZZ_BUILD); rerun one
# with `$(FUZZ_BUILD)/fuzz_NAME FILE`.
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build/fuzz
FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=c11 -g -O1 -D_GNU_SOURCE -I. $(WARN) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# Per-input limits: a slow or greedy input is a finding too.
FUZZ_RUNFLAGS := -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
	-close_fd_mask=2 -print_final_stats=1

FUZZ_INGEST_SRCS := tests/fuzz/fuzz_ingest.c sim/store/ingest.c sim/store/trace.c \
	lib/error.c models/size.c

$(FUZZ_BUILD)/fuzz_ingest: $(FUZZ_INGEST_SRCS) $(wildcard sim/*.h models/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_INGEST_SRCS) -lcsv -lm

fuzz:
	@sh mk/deps.sh core fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BUILD)/fuzz_ingest
	@mkdir -p $(FUZZ_BUILD)/corpus-ingest
	cd $(FUZZ_BUILD) && ./fuzz_ingest $(FUZZ_RUNFLAGS) \
		-max_total_time=$(FUZZ_SECONDS) \
		-dict=$(CURDIR)/tests/fuzz/ingest.dict corpus-ingest \
		$(CURDIR)/tests/fuzz/corpus
