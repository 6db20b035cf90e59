/*
 * fs/namespace.c - mount(2), umount2(2) and the mount tree (Linux:
 * fs/namespace.c, one mount namespace).
 *
 * A mount lays a super block's root over a directory; fs/namei.c asks
 * follow_mount() at each step of a walk whether it has reached such a
 * directory, and mount_covered_dir() when ".." leaves a mounted root.
 * faultline has no bind mounts, so a mount and its super block are one
 * to one, except that mounting a device twice gives two mounts of the same
 * super block, as on Linux; the super block goes with its last mount.
 *
 * Order of the checks, as Linux's path_mount and path_umount: the flags'
 * EINVAL, then the path's lookup errors, then EPERM (CAP_SYS_ADMIN), then
 * what is wrong with the file system or the device.
 */
#include <syscalls.h>
#include <mount.h>
#include <blkdev.h>
#include <cred.h>
#include <sched.h>
#include <mm.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <errno.h>

#define MOUNT_TYPE_MAX 64		/* longer than any file system's name */
#define MOUNT_DATA_MAX PAGE_SIZE	/* Linux copies one page of options */

/* The per-super-block flags mount(2) and remount may set (Linux: MS_RMT_MASK and friends). */
#define MS_SB_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | MS_MANDLOCK | \
		     MS_DIRSYNC | MS_NOATIME | MS_NODIRATIME | MS_NOSYMFOLLOW)

static LIST_HEAD(mounts);

struct mount *next_mount(struct mount *prev)
{
	struct list_head *n = prev ? prev->mnt_list.next : mounts.next;

	return n == &mounts ? NULL : list_entry(n, struct mount, mnt_list);
}

static char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, 0);

	if (d)
		memcpy(d, s, n);
	return d;
}

static void free_mount(struct mount *m)
{
	iput(m->mnt_root);
	iput(m->mnt_mountpoint);
	kfree(m->mnt_devname);
	kfree(m->mnt_path);
	kfree(m);
}

/* @root and @mountpoint: references the mount takes over (also when it fails). */
static struct mount *alloc_mount(struct super_block *sb, struct inode *root, struct inode *mountpoint,
				 const char *dev, const char *path)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (!m) {
		iput(root);
		iput(mountpoint);
		return NULL;
	}
	m->mnt_sb = sb;
	m->mnt_root = root;
	m->mnt_mountpoint = mountpoint;
	m->mnt_devname = kstrdup(dev);
	m->mnt_path = kstrdup(path);
	if (!m->mnt_devname || !m->mnt_path) {
		free_mount(m);
		return NULL;
	}
	return m;
}

void mnt_init_root(struct super_block *sb, const char *devname)
{
	struct mount *m = alloc_mount(sb, igrab(sb->s_root), NULL, devname, "/");

	if (m)
		list_add_tail(&m->mnt_list, &mounts);
}

/* The newest mount on @dir (mounts stack, as Linux's lookup_mnt finds the top one), or NULL. */
static struct mount *lookup_mnt(const struct inode *dir)
{
	struct mount *top = NULL;

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		if (m->mnt_mountpoint == dir)
			top = m;
	return top;
}

/* The newest mount whose root is @inode: what umount of that path takes off. */
static struct mount *mount_of_root(const struct inode *inode)
{
	struct mount *top = NULL;

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		if (m->mnt_root == inode)
			top = m;
	return top;
}

#define MAX_STACKED_MOUNTS 32		/* a walk step crosses at most this many (a guard, never reached) */

/* Linux follow_mount: down through every mount stacked on the directory. */
struct inode *follow_mount(struct inode *inode)
{
	struct mount *m;
	int depth = 0;

	while (inode && (m = lookup_mnt(inode)) && m->mnt_root != inode && depth++ < MAX_STACKED_MOUNTS) {
		struct inode *root = igrab(m->mnt_root);

		iput(inode);
		inode = root;
	}
	return inode;
}

/* The newest mount of a whole file system whose root is @inode (bind mounts left out). */
static struct mount *fs_mount_of_root(const struct inode *inode)
{
	struct mount *top = NULL;

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		if (m->mnt_root == inode && m->mnt_root == m->mnt_sb->s_root)
			top = m;
	return top;
}

/*
 * Linux follow_dotdot: a mounted root's ".." is its mountpoint's (which may
 * itself be a mounted root).  The walk knows inodes, not which mount it came
 * through, so a bind mount's top is left out: its ".." is the bound
 * directory's own parent (docs/differences.md).
 */
struct inode *mount_covered_dir(struct inode *dir)
{
	struct mount *m = fs_mount_of_root(dir);
	struct inode *up = NULL;

	while (m && m->mnt_mountpoint) {
		up = m->mnt_mountpoint;
		m = fs_mount_of_root(up);
	}
	return up ? igrab(up) : NULL;
}

/* Linux mntput: a walk that went on inside the mount used it, so MNT_EXPIRE starts over. */
void mnt_note_use(struct inode *root)
{
	struct mount *m = mount_of_root(root);

	if (m)
		m->mnt_expiry_mark = false;
}

bool is_mount_busy_point(struct inode *inode)
{
	return lookup_mnt(inode) || mount_of_root(inode);
}

/* ------------------------------------------------------------------ mount(2) */

/*
 * Linux copy_mount_string and copy_mount_options: the type and the source
 * are strings (NULL allowed); the data is a page's worth, of which the part
 * up to the end of the user's page must be readable (EFAULT) and the rest
 * is taken only if it is (a short buffer at the end of a mapping is fine).
 */
static long copy_mount_string(const char __user *u, char *buf, size_t size, bool *given)
{
	long n;

	*given = u != NULL;
	buf[0] = '\0';
	if (!u)
		return 0;
	n = strncpy_from_user(buf, u, size);
	return n < 0 ? n : 0;
}

static long copy_mount_data(const void __user *u, char **out)
{
	size_t first = PAGE_SIZE - ((u64)u & (PAGE_SIZE - 1));	/* up to the end of its page */
	char *page;

	*out = NULL;
	if (!u)
		return 0;
	if (!(page = kzalloc(MOUNT_DATA_MAX)))
		return -ENOMEM;
	if (copy_from_user(page, u, first)) {
		kfree(page);
		return -EFAULT;
	}
	if (first < MOUNT_DATA_MAX && copy_from_user(page + first, (const char __user *)u + first, MOUNT_DATA_MAX - first))
		memset(page + first, 0, MOUNT_DATA_MAX - first);	/* the next page is not there: the options end before it */
	page[MOUNT_DATA_MAX - 1] = '\0';
	*out = page;
	return 0;
}

/* Linux lookup_bdev + blkdev_get_by_path: the block device a path names. */
static int lookup_source_bdev(const char *source, struct block_device **out)
{
	struct inode *inode;
	int err;

	if (!source[0])
		return -ENOENT;
	if ((err = path_lookup(source, &inode)))
		return err;
	if (!S_ISBLK(inode->i_mode))
		err = -ENOTBLK;
	else if (!(*out = bdget(inode->i_rdev)) || !bdev_ready(*out))
		err = -ENXIO;
	iput(inode);
	return err;
}

/* A device mounted already: its super block is shared (Linux sget finds it by s_bdev). */
static struct super_block *mounted_super_of(struct block_device *bd)
{
	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		if (bd && m->mnt_sb->s_bdev == bd)
			return m->mnt_sb;
	return NULL;
}

static int get_super_for_mount(struct file_system_type *type, const char *source, u32 flags, const char *data,
			       struct super_block **out)
{
	struct block_device *bd = NULL;
	struct fs_context fc = { .data = data };
	int err = 0;

	if ((type->fs_flags & FS_REQUIRES_DEV) && (err = lookup_source_bdev(source, &bd)))
		return err;
	if ((*out = mounted_super_of(bd))) {
		/* Linux: the same device again must agree on read-only-ness */
		return ((*out)->s_flags ^ flags) & SB_RDONLY ? -EBUSY : 0;
	}
	if (bd && !(flags & SB_RDONLY) && bdev_read_only(bd))
		return -EACCES;		/* Linux: a read-only loop device refuses a writable open */
	if (bd && (err = blkdev_get(bd)))
		return err;
	*out = vfs_get_super(type, bd, flags & MS_SB_FLAGS, &fc, &err);
	if (!*out && bd)
		blkdev_put(bd);
	if (!*out && fc.log[0])
		pr_info("%s: mount %s on a %s: %s\n", type->name, source, bd ? bd->bd_desc : "memory", fc.log);
	return *out ? 0 : err;
}

static int mounts_of_sb(const struct super_block *sb)
{
	int n = 0;

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		n += m->mnt_sb == sb;
	return n;
}

static int do_new_mount(struct inode *dir, const char *path, const char *type_name, bool type_given,
			const char *source, u32 flags, const char *data)
{
	struct file_system_type *type;
	struct super_block *sb;
	struct mount *m;
	int err;

	if (!type_given)
		return -EINVAL;		/* Linux do_new_mount: no type */
	if (!(type = get_fs_type(type_name)))
		return -ENODEV;
	if ((err = get_super_for_mount(type, source, flags, data, &sb)))
		return err;
	if (!S_ISDIR(dir->i_mode))
		err = -ENOTDIR;		/* Linux graft_tree: a directory's root goes on a directory only */
	else if (dir == sb->s_root)
		err = -EBUSY;		/* Linux do_new_mount_fc: not on top of itself (mounted there already) */
	else if (!(m = alloc_mount(sb, igrab(sb->s_root), igrab(dir), source[0] ? source : "none", path)))
		err = -ENOMEM;
	if (err) {
		if (!mounts_of_sb(sb))
			deactivate_super(sb);
		return err;
	}
	list_add_tail(&m->mnt_list, &mounts);
	return 0;
}

/*
 * Linux do_loopback: MS_BIND puts what @source names (a directory, or a
 * file over a file) at @dir too; the same super block, entered at that
 * inode.  Flags stay the super block's here (Linux keeps them per mount).
 */
static int do_bind_mount(struct inode *dir, const char *path, const char *source)
{
	struct inode *old;
	struct mount *m;
	int err;

	if (!source[0])
		return -ENOENT;
	if ((err = path_lookup(source, &old)))
		return err;
	if (S_ISDIR(old->i_mode) != S_ISDIR(dir->i_mode)) {
		iput(old);
		return -ENOTDIR;
	}
	if (!old->i_sb) {
		iput(old);
		return -EINVAL;		/* /proc and /dev here are not mounts of their own */
	}
	if (!(m = alloc_mount(old->i_sb, old, igrab(dir), source, path)))
		return -ENOMEM;
	list_add_tail(&m->mnt_list, &mounts);
	return 0;
}

/* Linux do_move_mount_old: the mount whose root @source names goes to @dir. */
static int do_move_mount(struct inode *dir, const char *path, const char *source)
{
	struct inode *from;
	struct mount *m;
	char *newpath;
	int err;

	if (!source[0])
		return -ENOENT;
	if ((err = path_lookup(source, &from)))
		return err;
	m = mount_of_root(from);
	iput(from);
	if (!m || !m->mnt_mountpoint)
		return -EINVAL;		/* not the root of a mount, or "/" */
	if (dir->i_sb == m->mnt_sb)
		return -ELOOP;		/* Linux: not into itself */
	if (!(newpath = kstrdup(path)))
		return -ENOMEM;
	iput(m->mnt_mountpoint);
	m->mnt_mountpoint = igrab(dir);
	kfree(m->mnt_path);
	m->mnt_path = newpath;
	return 0;
}

/* Files open for writing on @sb: a remount read-only must wait for them (Linux sb_prepare_remount_readonly). */
static bool sb_has_writers(struct super_block *sb)
{
	struct list_head *p;

	list_for_each(p, &sb->s_inodes)
		if (list_entry(p, struct inode, i_list)->i_writecount > 0)
			return true;
	return false;
}

/* Linux do_remount: only the root of a mount, and the flags change on its super block. */
static int do_remount(struct inode *dir, u32 flags)
{
	struct mount *m = mount_of_root(dir);
	struct super_block *sb;

	if (!m)
		return -EINVAL;
	sb = m->mnt_sb;
	if ((flags & MS_RDONLY) && !(sb->s_flags & SB_RDONLY)) {
		if (sb_has_writers(sb))
			return -EBUSY;
		sync_inodes_sb(sb);
	}
	if (!(flags & MS_RDONLY) && sb->s_bdev && bdev_read_only(sb->s_bdev))
		return -EACCES;
	sb->s_flags = (sb->s_flags & ~MS_SB_FLAGS) | (flags & MS_SB_FLAGS);
	return 0;
}

static long path_mount(const char *source, const char *path, const char *type, bool type_given, u32 flags,
		       const char *data)
{
	struct inode *dir;
	char canon[PATH_MAX];
	long err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if ((err = path_lookup_canon(path, LOOKUP_FOLLOW, &dir, canon)))
		return err;
	if (flags & MS_NOUSER)
		err = -EINVAL;
	else if (!capable(CAP_SYS_ADMIN))
		err = -EPERM;
	else if (flags & MS_REMOUNT)
		err = do_remount(dir, flags);
	else if (flags & MS_BIND)
		err = do_bind_mount(dir, canon, source);
	else if (flags & MS_MOVE)
		err = do_move_mount(dir, canon, source);
	else if (flags & MS_PROPAGATION)
		err = 0;		/* one namespace: every mount is private already */
	else
		err = do_new_mount(dir, canon, type, type_given, source, flags, data);
	iput(dir);
	return err;
}

SYSCALL_DEFINE5(mount, const char __user *, dev_name, const char __user *, dir_name, const char __user *, type,
		unsigned long, flags, const void __user *, data)
{
	char *bufs = kmalloc(2 * PATH_MAX + MOUNT_TYPE_MAX, 0);
	char *source = bufs, *path = bufs + PATH_MAX, *fstype = bufs + 2 * PATH_MAX;
	char *options = NULL;
	bool type_given, source_given;
	long err;

	if (!bufs)
		return -ENOMEM;
	err = copy_mount_string(type, fstype, MOUNT_TYPE_MAX, &type_given);
	if (!err)
		err = copy_mount_string(dev_name, source, PATH_MAX, &source_given);
	if (!err)
		err = copy_mount_data(data, &options);
	if (!err)
		err = strncpy_from_user(path, dir_name, PATH_MAX);
	if (err >= 0)
		err = path_mount(source, path, fstype, type_given, (u32)flags, options);
	kfree(options);
	kfree(bufs);
	return err;
}

/* ------------------------------------------------------------------ umount2(2) */

/* A mount below @mnt's path (by name: paths here are tidy absolute strings). */
static bool has_child_mounts(const struct mount *mnt)
{
	size_t n = strlen(mnt->mnt_path);

	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		if (m != mnt && !strncmp(m->mnt_path, mnt->mnt_path, n) && m->mnt_path[n] == '/')
			return true;
	return false;
}


/* Linux propagate_mount_busy: an open file, a working directory or a mount below keeps it. */
static bool mount_busy(struct mount *mnt)
{
	struct task_struct *t;

	if (has_child_mounts(mnt))
		return true;
	if (mounts_of_sb(mnt->mnt_sb) > 1)
		return false;		/* the super block stays with its other mount */
	if (mnt->mnt_sb->s_nr_files)
		return true;
	list_for_each_entry(t, &task_list, tasks)
		if (t->fs && t->fs->pwd && t->fs->pwd->i_sb == mnt->mnt_sb)
			return true;
	return false;
}

static void umount_tree(struct mount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	list_del(&mnt->mnt_list);
	free_mount(mnt);
	if (!mounts_of_sb(sb))
		deactivate_super(sb);
}

static long do_umount(struct mount *mnt, int flags)
{
	if (!mnt->mnt_mountpoint)
		return -EBUSY;		/* "/" stays */
	if (flags & MNT_EXPIRE) {
		/* Linux: the first call marks it (EAGAIN), the next takes it if nobody used it */
		if (mount_busy(mnt))
			return -EBUSY;
		if (!mnt->mnt_expiry_mark) {
			mnt->mnt_expiry_mark = true;
			return -EAGAIN;
		}
	}
	if (mount_busy(mnt))
		return -EBUSY;		/* MNT_DETACH of a busy mount: not yet (see the README) */
	umount_tree(mnt);
	return 0;
}

SYSCALL_DEFINE2(umount2, const char __user *, name, int, flags)
{
	char path[PATH_MAX];
	struct inode *inode;
	struct mount *mnt;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if ((err = strncpy_from_user(path, name, sizeof(path))) < 0)
		return err;
	if ((err = path_lookupat(path, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &inode)))
		return err;
	if (!capable(CAP_SYS_ADMIN))
		err = -EPERM;
	else if (!(mnt = mount_of_root(inode)))
		err = -EINVAL;		/* Linux: not the root of a mount */
	iput(inode);
	return err ? err : do_umount(mnt, flags);
}
