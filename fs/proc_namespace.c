/*
 * fs/proc_namespace.c - /proc/mounts and /proc/PID/mounts (Linux:
 * fs/proc_namespace.c show_vfsmnt): one line per mount, "device mountpoint
 * type options 0 0". faultline's mounts are fixed: the root file system,
 * /proc (fs/proc/root.c) and the /dev names (fs/char_dev.c, which play
 * devtmpfs's part).
 */
#include <fs.h>
#include <proc_fs.h>
#include <init.h>

void proc_mounts_show(struct seq_file *m)
{
	if (root_sb)
		seq_printf(m, "/dev/root / %s %s,relatime 0 0\n", root_sb->s_type->name,
			   root_sb->s_flags & SB_RDONLY ? "ro" : "rw");
	seq_printf(m, "devtmpfs /dev devtmpfs rw,relatime,mode=755 0 0\n");
	seq_printf(m, "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
}

static int proc_mounts_init(void)
{
	return proc_create_single("mounts", proc_mounts_show);
}
fs_initcall(proc_mounts_init);
