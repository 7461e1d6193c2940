build-land/tests/vmm/test_devices: tests/vmm/test_devices.c \
 tests/common/vmux_test.h vmm/accel.h vmm/vm.h vmm/guest/abi.h vmm/io.h \
 vmm/mem.h vmm/x86_boot.h
tests/common/vmux_test.h:
vmm/accel.h:
vmm/vm.h:
vmm/guest/abi.h:
vmm/io.h:
vmm/mem.h:
vmm/x86_boot.h:
