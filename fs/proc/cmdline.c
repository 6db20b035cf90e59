/*
 * fs/proc/cmdline.c - /proc/cmdline (Linux: fs/proc/cmdline.c): the
 * kernel's command line, as the boot loader gave it, and a newline.
 */
#include <init.h>
#include <proc_fs.h>
#include <asm/multiboot2.h>

static void cmdline_show(struct seq_file *m)
{
	seq_printf(m, "%s\n", boot_params.cmdline);
}

static int proc_cmdline_init(void)
{
	return proc_create_single("cmdline", cmdline_show);
}
fs_initcall(proc_cmdline_init);
