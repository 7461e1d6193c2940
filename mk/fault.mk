# Fault injection (tests/fault/shim.c): an LD_PRELOAD library that fails
# the N-th allocation, write or read after main() starts; driven by
# tests/e2e/faults.sh (a sample of points in `make test`) and
# `make faults` (every point of every command).
# Built without sanitizers even in check-asan: it only forwards to the
# real (or ASan's) functions.
$(BUILD)/faultshim.so: tests/fault/shim.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -g -Wall -Wextra -Werror -fPIC -shared -o $@ $< -ldl

test-run: $(BUILD)/faultshim.so

faults: $(BUILD)/vmux $(BUILD)/faultshim.so
	VMUX=$(CURDIR)/$(BUILD)/vmux VMUX_BUILD=$(CURDIR)/$(BUILD) \
		VMUX_FAULT_ALL=1 sh tests/e2e/faults.sh
