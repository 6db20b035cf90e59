/*
 * drivers/block/brd_boot.c - the RAM disk the boot loader brought: the
 * multiboot2 module named "initrd" (or the first module) becomes the root
 * block device (Linux: the initrd half of init/do_mounts_rd.c and brd's
 * module init).
 *
 * brd_save_point() lets the host take the disk back: with "brd.save" on the
 * command line it names the module's physical range on the kernel log and
 * halts, and tools/qemu-boot --save-disk copies that range out of guest
 * memory (QEMU's pmemsave) before quitting QEMU.
 */
#include <blkdev.h>
#include <cmdline.h>
#include <mm.h>
#include <asm/multiboot2.h>
#include <asm/processor.h>
#include <printk.h>
#include <string.h>

#define RAMDISK_MODULE_NAME "initrd"   /* grub.cfg: module2 /boot/rootfs.img initrd */

static const struct boot_module *find_ramdisk_module(void)
{
	for (int i = 0; i < boot_params.nr_modules; i++)
		if (!strcmp(boot_params.modules[i].name, RAMDISK_MODULE_NAME))
			return &boot_params.modules[i];
	return boot_params.nr_modules ? &boot_params.modules[0] : NULL;
}

struct block_device *brd_root_bdev(void)
{
	static struct block_device ram0;
	const struct boot_module *m = find_ramdisk_module();

	if (!m) {
		pr_err("brd: no RAM disk module (%s) was loaded by the boot loader\n", RAMDISK_MODULE_NAME);
		return NULL;
	}
	brd_init_bdev(&ram0, __va(m->start), m->end - m->start);
	return &ram0;
}

static bool brd_save;		/* "brd.save" on the command line */
static int set_brd_save(const char *v)
{
	if (v)
		return -1;		/* a plain word: "brd.save", no value */
	brd_save = true;
	return 0;
}
__setup("brd.save", set_brd_save);

/*
 * Called once the file systems are synced, right before the power-off:
 * without "brd.save" it returns at once.  With it, it prints where the RAM
 * disk is (physical address, size in bytes) and halts with interrupts off
 * for good, so that the image in guest memory stays exactly as it is while
 * the host copies it (tools/qemu-boot --save-disk: pmemsave, then quit).
 */
void brd_save_point(void)
{
	const struct boot_module *m;

	if (!brd_save)
		return;
	m = find_ramdisk_module();
	if (!m) {
		pr_emerg("brd: no RAM disk module to save\n");
		return;
	}
	/* Emergency level: "quiet" must not hide the line the host waits for. */
	pr_emerg("brd: ram0 ready to save: phys 0x%llx size %llu\n",
		 (unsigned long long)m->start, (unsigned long long)(m->end - m->start));
	local_irq_disable();
	for (;;)
		halt();
}
