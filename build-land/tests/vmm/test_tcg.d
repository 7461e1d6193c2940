build-land/tests/vmm/test_tcg: tests/vmm/test_tcg.c \
 tests/common/vmux_test.h vmm/accel.h vmm/mem.h vmm/vm.h vmm/guest/abi.h \
 vmm/io.h vmm/x86_boot.h
tests/common/vmux_test.h:
vmm/accel.h:
vmm/mem.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/x86_boot.h:
