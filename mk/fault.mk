# Fault injection (tests/fault/shim.c): an LD_PRELOAD library that fails
# the N-th allocation, write or read after main() starts; driven by
# tests/e2e/faults.sh (a sample of points in `make test` and `make
# check-asan`), `make faults` (every point of every command) and `make
# faults-asan` (the same under ASan + UBSan + LeakSanitizer).
# Built without sanitizers even in check-asan: it only forwards to the
# real (or ASan's) functions, loaded in front of ASan (tests/common/fault.sh).
$(BUILD)/faultshim.so: tests/fault/shim.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -g -Wall -Wextra -Werror -fPIC -shared -o $@ $< -ldl

.PHONY: faults-asan
test-run: $(BUILD)/faultshim.so

faults: $(BUILD)/vmux $(BUILD)/faultshim.so
	VMUX=$(CURDIR)/$(BUILD)/vmux VMUX_BUILD=$(CURDIR)/$(BUILD) \
		VMUX_FAULT_ALL=1 sh tests/e2e/faults.sh

faults-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT=-O1 faults
