/*
 * fs/stat.c - stat, fstat, lstat, newfstatat, statx, readlink, access
 * (Linux: fs/stat.c, and faccessat from fs/open.c). lstat, readlink and
 * AT_SYMLINK_NOFOLLOW look at a symlink itself, not where it points.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <cred.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

#define DEV_MAJOR(d) ((d) >> 8)
#define DEV_MINOR(d) ((d) & 0xff)

struct kstat {
	u64 dev, ino, nlink, rdev, size, blocks;
	u32 mode, uid, gid, blksize;
	s64 atime, mtime, ctime;
	u32 atime_nsec, mtime_nsec, ctime_nsec;
};

/* statx: the same facts as stat, in struct statx (Linux uapi/linux/stat.h). */
#define STATX__RESERVED 0x80000000U	/* reserved for a future struct statx extension */
struct statx_timestamp { s64 tv_sec; u32 tv_nsec; s32 __reserved; };
struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 __spare2[14];
};

static void generic_fillattr(struct inode *i, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = inode_dev(i);
	st->ino = i->i_ino;
	st->nlink = i->i_nlink;			/* 0 for an unlinked file still open */
	st->mode = i->i_mode;
	st->uid = i->i_uid;
	st->gid = i->i_gid;
	st->atime_nsec = i->i_atime_nsec;
	st->mtime_nsec = i->i_mtime_nsec;
	st->ctime_nsec = i->i_ctime_nsec;
	st->rdev = i->i_rdev;
	st->size = S_ISCHR(i->i_mode) || S_ISBLK(i->i_mode) ? 0 : i->i_size;
	st->blksize = PAGE_SIZE;
	st->blocks = i->i_blocks;
	st->atime = i->i_atime;
	st->mtime = i->i_mtime;
	st->ctime = i->i_ctime;
}

static int cp_new_stat(const struct kstat *k, struct stat __user *ubuf)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = k->dev;
	st.st_ino = k->ino;
	st.st_nlink = k->nlink;
	st.st_mode = k->mode;
	st.st_uid = k->uid;
	st.st_gid = k->gid;
	st.st_rdev = k->rdev;
	st.st_size = k->size;
	st.st_blksize = k->blksize;
	st.st_blocks = k->blocks;
	st.st_atime = k->atime;
	st.st_mtime = k->mtime;
	st.st_ctime = k->ctime;
	st.st_atime_nsec = k->atime_nsec;
	st.st_mtime_nsec = k->mtime_nsec;
	st.st_ctime_nsec = k->ctime_nsec;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static int vfs_fstat(int fd, struct kstat *st)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	generic_fillattr(f->f_inode, st);
	return 0;
}

/* Linux vfs_fstatat: AT_EMPTY_PATH means dfd itself; AT_SYMLINK_NOFOLLOW stats a link. */
static int vfs_fstatat(int dfd, const char __user *filename, struct kstat *st, int flags)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = user_path_at(dfd, filename, path, sizeof(path));

	if (err)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH))
		return vfs_fstat(dfd, st);
	err = path_lookupat(path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &inode);
	if (err)
		return err;
	generic_fillattr(inode, st);
	iput(inode);
	return 0;
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : cp_new_stat(&st, statbuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename, struct stat __user *, statbuf, int, flag)
{
	struct kstat st;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;		/* Linux vfs_fstatat */
	err = vfs_fstatat(dfd, filename, &st, flag);

	return err ? err : cp_new_stat(&st, statbuf);
}

SYSCALL_DEFINE2(stat, const char __user *, filename, struct stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_fstatat(AT_FDCWD, filename, &st, 0);

	return err ? err : cp_new_stat(&st, statbuf);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_fstatat(AT_FDCWD, filename, &st, AT_SYMLINK_NOFOLLOW);

	return err ? err : cp_new_stat(&st, statbuf);
}

static int cp_statx(const struct kstat *st, struct statx __user *buffer)
{
	struct statx sx;

	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = st->blksize;
	sx.stx_nlink = st->nlink;
	sx.stx_uid = st->uid;
	sx.stx_gid = st->gid;
	sx.stx_mode = st->mode;
	sx.stx_ino = st->ino;
	sx.stx_size = st->size;
	sx.stx_blocks = st->blocks;
	sx.stx_atime.tv_sec = st->atime;
	sx.stx_ctime.tv_sec = st->ctime;
	sx.stx_mtime.tv_sec = st->mtime;
	sx.stx_atime.tv_nsec = st->atime_nsec;
	sx.stx_ctime.tv_nsec = st->ctime_nsec;
	sx.stx_mtime.tv_nsec = st->mtime_nsec;
	sx.stx_rdev_major = DEV_MAJOR(st->rdev);
	sx.stx_rdev_minor = DEV_MINOR(st->rdev);
	sx.stx_dev_major = DEV_MAJOR(st->dev);
	sx.stx_dev_minor = DEV_MINOR(st->dev);
	return copy_to_user(buffer, &sx, sizeof(sx)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, unsigned, flags, unsigned int, mask,
		struct statx __user *, buffer)
{
	struct kstat st;
	int err;

	/* Linux checks the flags and mask before it looks at any path or buffer. */
	if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) ||
	    (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	err = vfs_fstatat(dfd, filename, &st, flags);
	return err ? err : cp_statx(&st, buffer);
}

/* readlink: only a symlink has a target; anything else (a device too) is EINVAL. */
/* A link's target into buf (at most bufsiz bytes, no NUL); notlink if it is no link. */
static long readlink_inode(struct inode *inode, int notlink, char *target, char __user *buf, int bufsiz)
{
	int n;
	if (!inode || !S_ISLNK(inode->i_mode) || !inode->i_op || !inode->i_op->readlink)
		return notlink;
	n = inode->i_op->readlink(inode, target, PATH_MAX);
	if (n < 0)
		return n;
	n = MIN(n, bufsiz);
	return copy_to_user(buf, target, n) ? -EFAULT : n;
}

static long do_readlinkat(const char *path, char *target, char __user *buf, int bufsiz)
{
	struct inode *inode;
	long n, err = path_lookupat(path, 0, &inode);

	if (err)
		return err;
	n = readlink_inode(inode, -EINVAL, target, buf, bufsiz);
	iput(inode);
	return n;
}

/* An empty path names dfd itself (Linux: LOOKUP_EMPTY): an O_PATH|O_NOFOLLOW
 * descriptor of a symlink reads that link; anything else is ENOENT. */
static long readlink_fd(int dfd, char *target, char __user *buf, int bufsiz)
{
	struct file *f = dfd == AT_FDCWD ? NULL : fget_raw(dfd);
	if (dfd != AT_FDCWD && !f)
		return -EBADF;
	return readlink_inode(f ? f->f_inode : current->fs->pwd, -ENOENT, target, buf, bufsiz);
}

static long do_readlinkat_user(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	char *path = kmalloc(2 * PATH_MAX, 0);   /* path and target: 8 KiB, not on the stack */
	char first;
	long err;

	if (!path)
		return -ENOMEM;
	if (bufsiz > 0 && !get_user(first, pathname) && !first) {
		err = readlink_fd(dfd, path + PATH_MAX, buf, bufsiz);
		kfree(path);
		return err;
	}
	err = user_path_at(dfd, pathname, path, PATH_MAX);
	if (!err)
		err = bufsiz <= 0 ? -EINVAL : do_readlinkat(path, path + PATH_MAX, buf, bufsiz);
	kfree(path);
	return err;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname, char __user *, buf, int, bufsiz)
{
	return do_readlinkat_user(dfd, pathname, buf, bufsiz);
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return do_readlinkat_user(AT_FDCWD, path, buf, bufsiz);
}

#define ACCESS_MODES 7		/* R_OK | W_OK | X_OK (MAY_READ, MAY_WRITE, MAY_EXEC); F_OK is 0 */

/*
 * Linux access_override_creds: access(2) asks "may the real user do
 * this?", so the check runs with fsuid = uid and fsgid = gid, and with the
 * capabilities a root real uid would have (none for another real uid).
 */
static const struct cred *access_override_creds(void)
{
	struct cred *new = prepare_creds();
	const struct cred *old;

	if (!new)
		return NULL;
	new->fsuid = new->uid;
	new->fsgid = new->gid;
	new->cap_effective = new->uid == GLOBAL_ROOT_UID ? new->cap_permitted : 0;
	old = override_creds(new);
	put_cred(new);			/* override_creds holds its own reference */
	return old;
}

/*
 * Linux do_faccessat: inode_permission with the real ids (or, with
 * AT_EACCESS, the effective ones), so root may read and write anything
 * and execute what has an x bit or is a directory; W_OK on a read-only
 * file system is EROFS (SuS), except for devices and FIFOs (inode_permission).
 */
static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	const struct cred *old = NULL;
	struct inode *inode;
	int err;

	if (mode & ~ACCESS_MODES)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS) && !(old = access_override_creds()))
		return -ENOMEM;
	err = user_inode_at(dfd, filename, flags & ~AT_EACCESS, &inode);
	if (!err) {
		err = inode_permission(inode, mode | MAY_ACCESS);	/* EROFS for W_OK too */
		iput(inode);
	}
	if (old)
		revert_creds(old);
	return err;
}

/* The old faccessat has no flags argument (Linux: do_faccessat(dfd, filename, mode, 0)). */
SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}
