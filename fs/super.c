/*
 * fs/super.c - file system types and mounting (Linux: fs/super.c and
 * fs/filesystems.c, with the root mount of init/do_mounts.c).
 *
 * A file system registers a file_system_type; mount_bdev() makes a
 * super_block for a block device and lets the type's fill_super read it.
 * vfs_init() mounts the root file system, read-write, from the boot RAM disk
 * (read-only if the file system says it cannot write it).
 */
#include <fs.h>
#include <mount.h>
#include <blkdev.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <proc_fs.h>
#include <init.h>

#define ROOT_FSTYPE "ext2"
#define ROOT_DEVNAME "/dev/root"		/* what /proc/mounts calls it, as Linux does without a root= device node */
#define ROOT_DEV 0x800			/* st_dev of its files: "sda" style, major 8 */
#define BYTES_PER_KIB 1024
#define ANON_MINOR_FIRST 16		/* below: left for proc and the like, as on Linux */

static struct file_system_type *file_systems;
struct super_block *root_sb;

int register_filesystem(struct file_system_type *fs)
{
	for (struct file_system_type *p = file_systems; p; p = p->next)
		if (!strcmp(p->name, fs->name))
			return -EBUSY;
	fs->next = file_systems;
	file_systems = fs;
	return 0;
}

/*
 * /proc/filesystems (Linux: fs/filesystems.c filesystems_proc_show): the
 * pseudo file systems first, marked "nodev" (proc and devtmpfs are not
 * registered types here: fs/proc and fs/char_dev.c are reached by name),
 * then each registered one.
 */
static void filesystems_show(struct seq_file *m)
{
	seq_printf(m, "nodev\tproc\nnodev\tdevtmpfs\n");
	for (struct file_system_type *p = file_systems; p; p = p->next)
		seq_printf(m, "%s\t%s\n", (p->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev", p->name);
}

static int proc_filesystems_init(void)
{
	return proc_create_single("filesystems", filesystems_show);
}
fs_initcall(proc_filesystems_init);

struct file_system_type *get_fs_type(const char *name)
{
	for (struct file_system_type *p = file_systems; p; p = p->next)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

/*
 * Linux get_anon_bdev: a file system of no device still needs an st_dev
 * for its files; such file systems get major 0 and the next minor.  (Not
 * reused: a teaching kernel mounts a few hundred at most.)
 */
static u32 next_anon_minor = ANON_MINOR_FIRST;

static u32 super_dev(struct file_system_type *type, struct block_device *bd)
{
	if (bd && bd->bd_dev)
		return bd->bd_dev;
	if (type->fs_flags & FS_REQUIRES_DEV)
		return ROOT_DEV;
	return MKDEV(0, next_anon_minor++);
}

struct super_block *vfs_get_super(struct file_system_type *type, struct block_device *bd, u32 flags,
				  struct fs_context *fc, int *err)
{
	struct super_block *sb;

	if (!(sb = kzalloc(sizeof(*sb)))) {
		*err = -ENOMEM;
		return NULL;
	}
	sb->s_bdev = bd;
	sb->s_flags = flags;
	sb->s_type = type;
	sb->s_dev = super_dev(type, bd);
	INIT_LIST_HEAD(&sb->s_inodes);
	*err = type->fill_super(sb, fc);
	if (*err) {
		kfree(sb);
		return NULL;
	}
	return sb;
}

struct super_block *mount_bdev(const char *fstype, struct block_device *bd, u32 flags, struct fs_context *fc)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct super_block *sb;
	int err;

	fc->log[0] = '\0';
	if (!type) {
		strlcpy(fc->log, "unknown file system type", sizeof(fc->log));
		return NULL;
	}
	sb = vfs_get_super(type, bd, flags, fc, &err);
	if (!sb)
		pr_err("VFS: cannot mount the %s (%lu bytes): %s (error %d)\n", bd->bd_desc, bdev_nr_bytes(bd),
		       fc->log[0] ? fc->log : "unknown", err);
	return sb;
}

/*
 * Linux generic_shutdown_super: the file system lets go of its own
 * references, everything is written back, and every inode leaves the
 * cache; umount has made sure no file of it is open.
 */
void deactivate_super(struct super_block *sb)
{
	struct list_head *p, *n;

	if (sb->s_type->kill_sb)
		sb->s_type->kill_sb(sb);
	sync_inodes_sb(sb);
	iput(sb->s_root);
	sb->s_root = NULL;
	list_for_each_safe(p, n, &sb->s_inodes)
		evict_unused_inode(list_entry(p, struct inode, i_list));
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	if (sb->s_bdev)
		blkdev_put(sb->s_bdev);		/* the mount's hold on the device (fs/namespace.c) */
	kfree(sb);
}

void vfs_init(void)
{
	struct block_device *bd = brd_root_bdev();
	struct fs_context fc = { .data = NULL };

	if (!bd)
		return;
	root_sb = mount_bdev(ROOT_FSTYPE, bd, 0, &fc);
	if (root_sb)
		mnt_init_root(root_sb, ROOT_DEVNAME);
	if (root_sb)
		pr_info("VFS: Mounted root (%s filesystem)%s, %lu KiB %s\n", root_sb->s_type->name,
			(root_sb->s_flags & SB_RDONLY) ? " readonly" : "", bdev_nr_bytes(bd) / BYTES_PER_KIB,
			bd->bd_desc);
}
