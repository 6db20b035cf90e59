/*
 * fs/proc_namespace.c - /proc/mounts, /proc/PID/mounts, mountinfo and mountstats (Linux:
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

/*
 * /proc/PID/mountinfo (Linux show_mountinfo): "ID PARENT MAJ:MIN ROOT
 * MOUNTPOINT OPTIONS - TYPE SOURCE SUPER-OPTIONS".  A mount's ID is its
 * place in the list after the fixed ones, as stable as Linux's while it
 * stays mounted; its parent is the mount of the directory it covers.
 */
#define MOUNT_ID_BASE 20		/* Linux numbers from about here on a small system */
#define FIXED_MOUNTS 3			/* "/", /dev, /proc */

static int mount_id(const struct mount *want)
{
	int id = MOUNT_ID_BASE + FIXED_MOUNTS - 1;

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m), id++)
		if (m == want)
			return m->mnt_mountpoint ? id : MOUNT_ID_BASE;
	return 0;
}

#define ROOTFS_MOUNT_ID 1		/* Linux: "/" hangs off the hidden initial rootfs, mount 1 */

static int parent_id(const struct mount *mnt)
{
	struct mount *parent = NULL;

	if (!mnt->mnt_mountpoint)
		return ROOTFS_MOUNT_ID;
	for (struct mount *m = next_mount(NULL); m && m != mnt; m = next_mount(m))
		if (mnt->mnt_mountpoint && m->mnt_sb == mnt->mnt_mountpoint->i_sb)
			parent = m;		/* the newest mount of that file system before it */
	return parent ? mount_id(parent) : MOUNT_ID_BASE;
}

static void show_mountinfo_line(struct seq_file *m, const struct mount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	seq_printf(m, "%d %d %u:%u / %s ", mount_id(mnt), parent_id(mnt), sb->s_dev >> MINORBITS,
		   sb->s_dev & ((1u << MINORBITS) - 1), mnt->mnt_path);
	show_flags(m, sb->s_flags);
	seq_printf(m, " - %s %s %s", sb->s_type->name, mnt->mnt_devname, sb->s_flags & SB_RDONLY ? "ro" : "rw");
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(m, sb);
	seq_printf(m, "\n");
}

void proc_mountinfo_show(struct seq_file *m)
{
	struct mount *mnt = next_mount(NULL);

	if (mnt)
		show_mountinfo_line(m, mnt);
	seq_printf(m, "%d %d 0:5 / /dev rw,relatime - devtmpfs devtmpfs rw,mode=755\n", MOUNT_ID_BASE + 1,
		   MOUNT_ID_BASE);
	seq_printf(m, "%d %d 0:4 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n", MOUNT_ID_BASE + 2,
		   MOUNT_ID_BASE);
	while (mnt && (mnt = next_mount(mnt)))
		show_mountinfo_line(m, mnt);
}

/*
 * /proc/PID/mountstats (Linux show_vfsstat): "device SOURCE mounted on
 * MOUNTPOINT with fstype TYPE", in /proc/mounts' order.  Linux appends
 * statistics for NFS; no file system here keeps any.
 */
static void show_vfsstat(struct seq_file *m, const char *dev, const char *path, const char *type)
{
	seq_printf(m, "device %s mounted on %s with fstype %s\n", dev, path, type);
}

void proc_mountstats_show(struct seq_file *m)
{
	struct mount *mnt = next_mount(NULL);

	if (mnt)
		show_vfsstat(m, mnt->mnt_devname, mnt->mnt_path, mnt->mnt_sb->s_type->name);
	show_vfsstat(m, "devtmpfs", "/dev", "devtmpfs");
	show_vfsstat(m, "proc", "/proc", "proc");
	while (mnt && (mnt = next_mount(mnt)))
		show_vfsstat(m, mnt->mnt_devname, mnt->mnt_path, mnt->mnt_sb->s_type->name);
}

static int proc_mounts_init(void)
{
	return proc_symlink("mounts", "self/mounts");	/* Linux proc_mounts_init; the text is each process's */
}
fs_initcall(proc_mounts_init);
