/*
 * fs/proc_namespace.c - /proc/mounts and /proc/PID/mounts (Linux:
 * fs/proc_namespace.c show_vfsmnt): one line per mount, "device mountpoint
 * type options 0 0". the root file system, /proc (fs/proc/root.c)
 * and the /dev names (fs/char_dev.c, which play devtmpfs's part) are
 * fixed; then come the mounts of mount(2) (fs/namespace.c).
 */
#include <fs.h>
#include <mount.h>
#include <proc_fs.h>
#include <init.h>

/* Linux show_sb_opts and show_mnt_opts: the flags a mount was made with, in Linux's words and order. */
static void show_flags(struct seq_file *m, u32 flags)
{
	seq_printf(m, "%s", flags & SB_RDONLY ? "ro" : "rw");
	if (flags & SB_SYNCHRONOUS)
		seq_printf(m, ",sync");
	if (flags & SB_DIRSYNC)
		seq_printf(m, ",dirsync");
	if (flags & SB_NOSUID)
		seq_printf(m, ",nosuid");
	if (flags & SB_NODEV)
		seq_printf(m, ",nodev");
	if (flags & SB_NOEXEC)
		seq_printf(m, ",noexec");
	if (flags & SB_NOATIME)
		seq_printf(m, ",noatime");
	else
		seq_printf(m, ",relatime");
}

static void show_mount(struct seq_file *m, const struct mount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	seq_printf(m, "%s %s %s ", mnt->mnt_devname, mnt->mnt_path, sb->s_type->name);
	show_flags(m, sb->s_flags);
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(m, sb);
	seq_printf(m, " 0 0\n");
}

/* The root first, then the fixed /dev and /proc, then what mount(2) added, oldest first. */
void proc_mounts_show(struct seq_file *m)
{
	struct mount *mnt = next_mount(NULL);

	if (mnt)
		show_mount(m, mnt);
	seq_printf(m, "devtmpfs /dev devtmpfs rw,relatime,mode=755 0 0\n");
	seq_printf(m, "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
	while (mnt && (mnt = next_mount(mnt)))
		show_mount(m, mnt);
}

static int proc_mounts_init(void)
{
	return proc_create_single("mounts", proc_mounts_show);
}
fs_initcall(proc_mounts_init);
