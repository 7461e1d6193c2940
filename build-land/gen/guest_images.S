.section .rodata
.globl guest_img_cpu_start, guest_img_cpu_end
.balign 64
guest_img_cpu_start: .incbin "/work/wt-meas/build-land/guest/cpu.bin"
guest_img_cpu_end:
.globl guest_img_disk_start, guest_img_disk_end
.balign 64
guest_img_disk_start: .incbin "/work/wt-meas/build-land/guest/disk.bin"
guest_img_disk_end:
.globl guest_img_duty_start, guest_img_duty_end
.balign 64
guest_img_duty_start: .incbin "/work/wt-meas/build-land/guest/duty.bin"
guest_img_duty_end:
.globl guest_img_exit_start, guest_img_exit_end
.balign 64
guest_img_exit_start: .incbin "/work/wt-meas/build-land/guest/exit.bin"
guest_img_exit_end:
.globl guest_img_hello_start, guest_img_hello_end
.balign 64
guest_img_hello_start: .incbin "/work/wt-meas/build-land/guest/hello.bin"
guest_img_hello_end:
.globl guest_img_hostile_hcall_start, guest_img_hostile_hcall_end
.balign 64
guest_img_hostile_hcall_start: .incbin "/work/wt-meas/build-land/guest/hostile_hcall.bin"
guest_img_hostile_hcall_end:
.globl guest_img_hostile_loop_start, guest_img_hostile_loop_end
.balign 64
guest_img_hostile_loop_start: .incbin "/work/wt-meas/build-land/guest/hostile_loop.bin"
guest_img_hostile_loop_end:
.globl guest_img_hostile_mmio_start, guest_img_hostile_mmio_end
.balign 64
guest_img_hostile_mmio_start: .incbin "/work/wt-meas/build-land/guest/hostile_mmio.bin"
guest_img_hostile_mmio_end:
.globl guest_img_hostile_port_start, guest_img_hostile_port_end
.balign 64
guest_img_hostile_port_start: .incbin "/work/wt-meas/build-land/guest/hostile_port.bin"
guest_img_hostile_port_end:
.globl guest_img_hostile_ring_start, guest_img_hostile_ring_end
.balign 64
guest_img_hostile_ring_start: .incbin "/work/wt-meas/build-land/guest/hostile_ring.bin"
guest_img_hostile_ring_end:
.globl guest_img_hostile_size_start, guest_img_hostile_size_end
.balign 64
guest_img_hostile_size_start: .incbin "/work/wt-meas/build-land/guest/hostile_size.bin"
guest_img_hostile_size_end:
.globl guest_img_hostile_triple_start, guest_img_hostile_triple_end
.balign 64
guest_img_hostile_triple_start: .incbin "/work/wt-meas/build-land/guest/hostile_triple.bin"
guest_img_hostile_triple_end:
.globl guest_img_mem_start, guest_img_mem_end
.balign 64
guest_img_mem_start: .incbin "/work/wt-meas/build-land/guest/mem.bin"
guest_img_mem_end:
.globl guest_img_net_start, guest_img_net_end
.balign 64
guest_img_net_start: .incbin "/work/wt-meas/build-land/guest/net.bin"
guest_img_net_end:
.globl guest_img_priv_start, guest_img_priv_end
.balign 64
guest_img_priv_start: .incbin "/work/wt-meas/build-land/guest/priv.bin"
guest_img_priv_end:
.section .note.GNU-stack,"",@progbits
