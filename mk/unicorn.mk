# Unicorn (the tcg backend), linked statically from Debian's libunicorn.a,
# through a copy whose malloc, calloc, realloc, posix_memalign and strdup
# are renamed to vmm/tcg_oom.c's: Unicorn dereferences a failed
# allocation (a segfault), those stop the run cleanly (exit 71) instead.
# vmm/accel_tcg.c refers to tcg_oom_malloc, so that tcg_oom.o is in every
# link that has Unicorn (its archive comes after libvmm.a).
UNICORN_SYSTEM_LIB := $(shell $(CC) -print-file-name=libunicorn.a)
UNICORN_RENAMED := malloc calloc realloc posix_memalign strdup
$(BUILD)/libunicorn-vmux.a: $(UNICORN_SYSTEM_LIB) mk/unicorn.mk
	@mkdir -p $(@D)
	objcopy $(foreach s,$(UNICORN_RENAMED),--redefine-sym $(s)=tcg_oom_$(s)) \
		$< $@
$(BUILD)/libvmm.a: $(BUILD)/libunicorn-vmux.a
