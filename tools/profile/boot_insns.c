/*
 * tools/profile/boot_insns.c - a QEMU TCG plugin that counts the guest
 * instructions a kernel executes from its first instruction in the upper
 * (kernel) half of the address space to the first instruction in the lower
 * (user) half: boot to the first user instruction (make bench's
 * boot_to_user line, tools/bench.py).
 *
 * What is left out, on both kernels alike: the firmware and the boot
 * loader (SeaBIOS and GRUB for faultline, SeaBIOS and QEMU's linuxboot
 * ROM for Linux), and the kernel's own code that runs at low, physical
 * addresses before it jumps to its upper half (faultline's 32-bit
 * multiboot entry; Linux's bzImage decompressor and the start of
 * startup_64).  Time the CPU spends halted is not counted: these are
 * executed instructions, not icount's clock.  A translated block is
 * counted whole when it starts, so an exception inside one counts a few
 * instructions too many.
 *
 * At the first user instruction the plugin writes "boot_to_user N" to the
 * file given as "out=PATH" and unregisters itself (qemu_plugin_reset), so
 * the rest of the run is not slowed down.
 *
 * Build: gcc -shared -fPIC -O2 boot_insns.c -o boot_insns.so
 * Run:   qemu-system-x86_64 ... -plugin ./boot_insns.so,out=FILE
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "qemu_plugin_api.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_API_VERSION;

#define USER_TOP 0x0000800000000000ull	/* x86-64: user addresses are below */
#define KIND_KERNEL 1ul			/* a block in the upper half */
#define KIND_BITS 1			/* udata: insns << KIND_BITS | kind */

static qemu_plugin_id_t self;
static int kernel_seen;			/* a kernel block has run */
static int done;			/* the first user block has run */
static uint64_t count;
static char out_path[4096];

static void write_count(void)
{
	FILE *f = fopen(out_path, "w");
	if (!f) {
		perror(out_path);
		return;
	}
	fprintf(f, "boot_to_user %llu\n", (unsigned long long)count);
	fclose(f);
}

static void unregistered(qemu_plugin_id_t id) { (void)id; }

/* Each executed block: count it if it is the kernel's; stop at the first user one. */
static void block_ran(unsigned int vcpu, void *udata)
{
	uintptr_t v = (uintptr_t)udata;

	(void)vcpu;
	if (done)
		return;
	if (v & KIND_KERNEL) {
		kernel_seen = 1;
		count += v >> KIND_BITS;
		return;
	}
	if (!kernel_seen)
		return;			/* firmware, boot loader, early physical-address code */
	done = 1;
	write_count();
	qemu_plugin_reset(self, unregistered);
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uintptr_t kind = qemu_plugin_tb_vaddr(tb) >= USER_TOP ? KIND_KERNEL : 0;
	uintptr_t v = (uintptr_t)qemu_plugin_tb_n_insns(tb) << KIND_BITS | kind;

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, block_ran, QEMU_PLUGIN_CB_NO_REGS, (void *)v);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "out=", 4) == 0)
			snprintf(out_path, sizeof(out_path), "%s", argv[i] + 4);
	if (!out_path[0]) {
		qemu_plugin_outs("boot_insns: say where to write: -plugin boot_insns.so,out=FILE\n");
		return -1;
	}
	self = id;
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	return 0;
}
