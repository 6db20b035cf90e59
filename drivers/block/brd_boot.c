/*
 * drivers/block/brd_boot.c - the RAM disk the boot loader brought: the
 * multiboot2 module named "initrd" (or the first module) becomes the root
 * block device (Linux: the initrd half of init/do_mounts_rd.c and brd's
 * module init).
 */
#include <blkdev.h>
#include <mm.h>
#include <asm/multiboot2.h>
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
