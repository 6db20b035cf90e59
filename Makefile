# faultline - build, run, test.
#   make          build/kernel.elf and build/faultline.iso
#   make run      boot in QEMU with the serial console on this terminal
#   make test     every automated test; ends with "N passed, N failed"
#   make debug    QEMU halted with a gdb stub (GDBPORT=N, or a free port, printed); make gdb attaches
#   make bench    instructions per operation, faultline beside Linux
#   make profile BENCH=anon_write_fault   where one benchmark's instructions go, per function
#   make fuzz     the syscall fuzzer on faultline (SEED=1 COUNT=1000000)
#   make fuzz-host  libFuzzer on the kernel's parsers, on the host (FUZZ_TIME=600 each)
#   make soak     user programs, faultline-only programs and the fuzzer in a loop (SOAK_MINUTES=10)
#   make lab-start LAB=cow   a tree with the cow lab's solution stubbed out (docs/labs)
#   make grade LAB=cow       score this tree on the cow lab (LAB unset: every lab)
# CROSS_COMPILE=x86_64-elf- uses a cross toolchain instead of the host gcc.

CROSS_COMPILE ?=
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
NASM    := nasm
PYTHON  := python3
B       := build

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -nostdlib -fno-builtin -fno-stack-protector -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-omit-frame-pointer \
	-mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls -fno-asynchronous-unwind-tables -fno-common \
	-D__KERNEL__ -Iinclude -Iarch/x86/include -MMD -MP
LDFLAGS := -nostdlib -static --no-warn-rwx-segments -z max-page-size=0x1000 -z noexecstack -T linker.ld
NASMFLAGS := -f elf64 -g -F dwarf

KDIRS := init block ipc kernel kernel/locking kernel/time mm fs fs/ext2 fs/proc net net/unix net/ipv4 drivers/tty drivers/char drivers/block drivers/rtc lib \
	arch/x86/entry arch/x86/kernel arch/x86/mm arch/x86/lib tests/kernel
CSRCS := $(sort $(foreach d,$(KDIRS),$(wildcard $(d)/*.c)))
ASRCS := $(sort $(wildcard arch/x86/boot/*.asm arch/x86/entry/*.asm))
OBJS  := $(CSRCS:%.c=$(B)/obj/%.o) $(ASRCS:%.asm=$(B)/obj/%.o)

all: $(B)/kernel.elf $(B)/faultline.iso

# Objects depend on the Makefile too, so a change of flags rebuilds them.
$(B)/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/%.o: %.asm Makefile
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) $< -o $@

# Two-pass link for the embedded symbol table (Linux does the same for
# kallsyms): link with an empty table, list the functions, link again.
$(B)/kallsyms0.o: tools/kallsyms.py
	@mkdir -p $(B)
	$(PYTHON) tools/kallsyms.py /dev/null > $(B)/kallsyms0.S
	$(CC) -c $(B)/kallsyms0.S -o $@

$(B)/kernel.elf: $(OBJS) $(B)/kallsyms0.o linker.ld tools/kallsyms.py
	$(LD) $(LDFLAGS) -o $(B)/kernel.pass1 $(OBJS) $(B)/kallsyms0.o
	$(NM) -n -S $(B)/kernel.pass1 | $(PYTHON) tools/kallsyms.py - > $(B)/kallsyms.S
	$(CC) -c $(B)/kallsyms.S -o $(B)/kallsyms.o
	$(LD) $(LDFLAGS) -o $@ $(OBJS) $(B)/kallsyms.o
	$(NM) -n -S $@ | $(PYTHON) tools/kallsyms.py - | cmp -s - $(B)/kallsyms.S || \
		{ echo "kallsyms: text moved between link passes"; rm -f $@; exit 1; }

# ---------------------------------------------------------------- user space
# Static musl programs (Debian's musl-tools): the same binaries run on Linux.
MUSL_GCC ?= musl-gcc
USER_CFLAGS := -static -O2 -Wall -Werror
$(B)/user/%: user/%.c
	@mkdir -p $(dir $@)
	@echo "  MUSL    $<"
	@$(MUSL_GCC) $(USER_CFLAGS) $< -o $@

DEMO_SRCS := $(wildcard user/demos/*.c)
$(B)/demos/%: user/demos/%.c user/demos/demo_self.h tests/user/ftest.h $(B)/tests/.stamp
	@mkdir -p $(dir $@)
	@echo "  MUSL    $<"
	@$(MUSL_GCC) $(USER_CFLAGS) -Itests/user -I$(B)/tests/gen $< -o $@

# tests/user/*.c: one binary each (build.sh knows the static-PIE recipe).
$(B)/tests/.stamp: $(wildcard tests/user/*.c tests/user/*.h include/uapi/*/*.h) tests/user/build.sh
	@echo "  TESTS   tests/user -> $(B)/tests"
	@tests/user/build.sh $(B)/tests
	@touch $@

# The RAM disk: an ext2 image built from a staging folder (mke2fs -d).
# /bin/sh is Debian's busybox-static (ash), with its applets; user/sh.c is /bin/fsh.
BUSYBOX ?= /bin/busybox
$(B)/rootfs.img: $(B)/user/init $(B)/user/sh $(B)/user/pftrace $(B)/user/vmadump $(B)/tests/.stamp $(DEMO_SRCS:user/demos/%.c=$(B)/demos/%) tools/mkrootfs $(BUSYBOX)
	@echo "  ROOTFS  $@"
	@tools/mkrootfs $@ $(B)/user/init $(B)/user/sh --tests $(B)/tests --demos $(B)/demos \
		--busybox $(BUSYBOX) --extra $(B)/user/pftrace $(B)/user/vmadump >/dev/null

$(B)/faultline.iso: $(B)/kernel.elf $(B)/rootfs.img iso/boot/grub/grub.cfg tools/mkiso
	@echo "  ISO     $@"
	@tools/mkiso $@ $(B)/kernel.elf $(B)/rootfs.img ""

# The syscall fuzzer (tools/fuzz): static musl, no stack protector (a fuzzed
# arch_prctl may move the TLS where the canary lives).
$(B)/fuzz/fuzz: tools/fuzz/fuzz.c
	@mkdir -p $(dir $@)
	@echo "  MUSL    $<"
	@$(MUSL_GCC) $(USER_CFLAGS) -fno-stack-protector $< -o $@

# ---------------------------------------------------------------- commands
deps:
	@tools/install-deps

# CMDLINE="pftrace" or CMDLINE="crash=null_deref" boots with those words.
# make run also tells the kernel this terminal's size (TIOCGWINSZ), if it has one.
CMDLINE ?=
TTYSIZE = $(shell (stty size </dev/tty) 2>/dev/null | awk '$$1 > 0 && $$2 > 0 { print "ttysize=" $$2 "x" $$1 }')
$(B)/run.iso: $(B)/kernel.elf $(B)/rootfs.img FORCE
	@tools/mkiso $@ $(B)/kernel.elf $(B)/rootfs.img "$(strip $(CMDLINE) $(TTYSIZE))"

# The RAM disk (with busybox and 32 MiB of free room) is ~52 MiB: GRUB needs it in guest memory.
RUN_MEM ?= 256M
# PFTRACE=FILE: where the pftrace command's lines go (serial port 3); a
# second terminal's /dev/pts/N works too.
PFTRACE ?= $(B)/pftrace.log
run: deps all $(B)/run.iso
	@echo "pftrace PROG lines go to $(PFTRACE) (PFTRACE=FILE to change)"
	tools/qemu-boot --iso $(B)/run.iso --interactive --mem $(RUN_MEM) --serial4 $(PFTRACE)

# make debug GDBPORT=N puts the stub on port N; without it, on a free port,
# printed and kept in build/gdbport, where make gdb looks unless given GDBPORT.
GDBPORT ?=
debug: deps all $(B)/run.iso
	tools/qemu-boot --iso $(B)/run.iso --interactive --gdb-wait --gdb-port $(or $(GDBPORT),0) \
		--gdb-port-file $(B)/gdbport --mem $(RUN_MEM)

gdb:
	FAULTLINE_GDBPORT=$(GDBPORT) gdb -x tools/gdbinit $(B)/kernel.elf

# make test T="sigbus_eof crash": only those tests or programs (tests/run_tests.py --list).
T ?=
test: deps
	$(MAKE) -j$(shell nproc) all
	$(PYTHON) tests/run_tests.py $(T)

bench: deps all $(B)/profile/boot_insns.so
	$(PYTHON) tools/bench.py

# The QEMU plugins behind make profile and make bench's boot_to_user line
# are built for the host (not CROSS_COMPILE).
HOSTCC ?= gcc
$(B)/profile/%.so: tools/profile/%.c tools/profile/qemu_plugin_api.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) -shared -fPIC -O2 -Wall -Wextra -Werror -Wno-unused-parameter $< -o $@

# make profile BENCH=name: per-function instructions of user/bench/name.c's
# measured rounds (tools/profile/README.md); TOP=N functions shown.
BENCH ?= anon_write_fault
TOP ?= 30
profile: deps all $(B)/profile/insn_profile.so
	$(PYTHON) tools/profile/profile $(BENCH) --top $(TOP)

# make fuzz SEED=1 COUNT=1000000: COUNT calls on faultline, one boot per
# 100000 (seeds SEED, SEED+1, ...); fails on an oops, a hang or a problem.
SEED ?= 1
COUNT ?= 1000000
fuzz: deps all $(B)/fuzz/fuzz
	$(PYTHON) tools/fuzz/run --seed $(SEED) --count $(COUNT)

# make soak SOAK_MINUTES=10: user programs, faultline-only programs and the
# fuzzer in a loop; reports every oops, leak, hang or difference from Linux.
SOAK_MINUTES ?= 10
soak: deps all $(B)/fuzz/fuzz
	$(PYTHON) tools/soak --minutes $(SOAK_MINUTES)

# libFuzzer on the ELF checker, ext2, the multiboot2 parser and the command
# line (tests/host/fuzz/fuzz.sh), FUZZ_TIME seconds each, going on past
# crashes; corpora grow in build/host-fuzz/corpus, crashes land in
# build/host-fuzz/crashes.  FUZZ_TARGETS="ext2" for one; FUZZ_JOBS=2 for two
# processes each.
FUZZ_TIME ?= 600
FUZZ_TARGETS ?=
fuzz-host: deps all
	FUZZ_CONTINUE=1 tests/host/fuzz/fuzz.sh -t $(FUZZ_TIME) $(FUZZ_TARGETS)

# The labs (docs/labs/README.md): LAB=lazy, cow, mmap-eof or ufault.
LAB ?=
lab-start:
	@test -n "$(LAB)" || { echo "make lab-start LAB=name (tools/lab list)"; exit 2; }
	@$(PYTHON) tools/lab start $(LAB)

grade: deps
	@$(PYTHON) tools/lab grade $(LAB)

clean:
	rm -rf $(B)

.PHONY: all deps run debug gdb test bench profile fuzz fuzz-host soak lab-start grade clean FORCE
FORCE:
-include $(OBJS:.o=.d)
