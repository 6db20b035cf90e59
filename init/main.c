/*
 * init/main.c - start_kernel(): the table of contents of a boot.
 * arch/x86/boot/head.asm calls it in 64-bit mode on the early page tables.
 */
#include <printk.h>
#include <asm/multiboot2.h>
#include <cmdline.h>
#include <serial.h>
#include <time.h>
#include <mm.h>
#include <asm/traps.h>
#include <ktest.h>
#include <power.h>
#include <sched.h>
#include <cred.h>
#include <asm/syscall.h>
#include <signal.h>
#include <fs.h>
#include <drivers.h>
#include <blkdev.h>
#include <init.h>
#include <nmi.h>
#include <mm_types.h>

#include <asm/processor.h>


static void banner(void)
{
	pr_notice("Linux-compatible teaching kernel faultline 0.1.0 (x86_64, multiboot2 via %s%s)\n",
		  boot_params.bootloader[0] ? boot_params.bootloader : "an unknown loader",
		  boot_params.efi ? ", UEFI" : ", BIOS");
	pr_notice("Command line: %s\n", boot_params.cmdline);
}

__noreturn void start_kernel(u32 magic, u32 info_phys)
{
	serial_init();                      /* COM ports: the console */
	tsc_calibrate();                    /* timestamps from here on */
	cpu_init();                         /* GDT, TSS with IST stacks, IDT */
	fpu_init();                         /* SSE on: user programs, and clear_page's stores */
	if (parse_boot_info(magic, info_phys))  /* copy cmdline, memory map, modules */
		panic("no usable boot information");
	if (parse_cmdline(boot_params.cmdline)) /* quiet, loglevel=, ktest=, crash= ... */
		pr_err("cmdline: some parameters were not understood (see above)\n");
	banner();
	if (boot_params.cmdline_truncated)
		pr_err("cmdline: longer than %d bytes, truncated\n", COMMAND_LINE_SIZE - 1);
	timekeeping_init();                 /* the wall clock: the CMOS clock's date (or clock=fixed) */
	memblock_init();                    /* e820-style map, reserve the image and modules */
	paging_init();                      /* the kernel's own least-privilege tables */
	page_alloc_init();                  /* struct page array, buddy allocator */
	memory_init();                      /* the shared zero page */
	kstack_area_init();                 /* page tables for kernel stacks */
	signal_init();
	syscall_init();                     /* STAR/LSTAR/SFMASK for the syscall instruction */
	sched_init();                       /* this boot context becomes pid 0 */
	cred_init();                        /* pid 0 is root, with every capability */
	do_fs_initcalls();                  /* file systems register (ext2) */
	vfs_init();                         /* mount the root file system */
	chr_dev_init();                     /* /dev/null, zero, full, random, urandom */
	tty_init();                         /* /dev/ttyS0..3, console, tty */
	loop_init();                        /* /dev/loop-control, /dev/loop0..7 */
	irq_init();                         /* 8259 PICs remapped to 32..47 */
	timer_init();                       /* PIT at HZ */
	nmi_watchdog_init();                /* the timer's ticks as NMIs: hard lockups */
	rest_init();                        /* tests or crash scenarios, init, idle */
	for (;;)
		halt();
}
