/*
 * fs/attr.c - changing a file's attributes: chmod, chown, utimensat and
 * friends, and the size through truncate (Linux: fs/attr.c for
 * notify_change and setattr_copy; the system calls from fs/open.c and
 * fs/utimes.c).
 *
 * Every change goes through notify_change(), which hands it to the file
 * system's i_op->setattr (ext2 writes the inode at once); an inode of no
 * file system (a pipe, a device node) only changes in memory. Who may make a
 * change is decided there too, by fs/permission.c setattr_prepare (new
 * owner or group, mode, explicit times: EPERM) and may_touch (both times
 * to now: owner or writer, EACCES), as Linux's notify_change does.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>

#define UTIME_NOW ((1l << 30) - 1l)	/* Linux uapi/linux/stat.h */
#define UTIME_OMIT ((1l << 30) - 2l)
#define ATTR_KILL_SUID 0x800u		/* Linux: chown drops setuid... */
#define ATTR_KILL_SGID 0x1000u		/* ...and setgid on a group-executable file */

/* Linux setattr_copy: the attributes into the VFS inode (the file type bits stay). */
void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned v = attr->ia_valid;

	if (v & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (v & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (v & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	if (v & ATTR_ATIME) {
		inode->i_atime = attr->ia_atime;
		inode->i_atime_nsec = attr->ia_atime_nsec;
	}
	if (v & ATTR_MTIME) {
		inode->i_mtime = attr->ia_mtime;
		inode->i_mtime_nsec = attr->ia_mtime_nsec;
	}
	if (v & ATTR_CTIME) {
		inode->i_ctime = attr->ia_ctime;
		inode->i_ctime_nsec = attr->ia_ctime_nsec;
	}
}

/* The kill bits become a mode change (Linux notify_change's first steps). */
static void apply_kill_bits(const struct inode *inode, struct iattr *attr)
{
	umode_t mode = (attr->ia_valid & ATTR_MODE) ? attr->ia_mode : inode->i_mode;

	if ((attr->ia_valid & ATTR_KILL_SUID) && (mode & S_ISUID))
		mode &= ~S_ISUID;
	if ((attr->ia_valid & ATTR_KILL_SGID) && (mode & (S_ISGID | 0010)) == (S_ISGID | 0010))
		mode &= ~S_ISGID;
	if (mode != ((attr->ia_valid & ATTR_MODE) ? attr->ia_mode : inode->i_mode) || (attr->ia_valid & ATTR_MODE)) {
		attr->ia_mode = mode;
		attr->ia_valid |= ATTR_MODE;
	}
}

int notify_change(struct inode *inode, const struct iattr *attr)
{
	struct iattr a = *attr;
	int err;

	/* Linux notify_change: chattr +i/+a files keep their mode, owner and
	 * times; only an append-only one may still be touched to now */
	if ((IS_IMMUTABLE(inode) || IS_APPEND(inode)) && (a.ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_TIMES_SET)))
		return -EPERM;
	if ((a.ia_valid & ATTR_TOUCH) && IS_IMMUTABLE(inode))
		return -EPERM;
	if ((a.ia_valid & ATTR_TOUCH) && (err = may_touch(inode)))
		return err;
	apply_kill_bits(inode, &a);
	if ((err = setattr_prepare(inode, &a)))
		return err;
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(inode, &a);
	if (a.ia_valid & ATTR_SIZE)
		return -EINVAL;
	if ((err = mnt_want_write(inode)))
		return err;
	setattr_copy(inode, &a);
	return 0;
}

/* ctime is now, whatever else changes (Linux: every notify_change caller sets ATTR_CTIME). */
static void set_ctime_now(struct iattr *a)
{
	u64 ns = ktime_get_real_ns();

	a->ia_ctime = ns / NSEC_PER_SEC;
	a->ia_ctime_nsec = ns % NSEC_PER_SEC;
	a->ia_valid |= ATTR_CTIME;
}

/* Look up an *at path: AT_EMPTY_PATH with "" means dfd itself; AT_SYMLINK_NOFOLLOW stops at a link. */
int user_inode_at(int dfd, const char __user *upath, int flags, struct inode **out)
{
	char *path = kmalloc(PATH_MAX, 0);
	int err = path ? user_path_at(dfd, upath, path, PATH_MAX) : -ENOMEM;

	if (!err && !path[0] && (flags & AT_EMPTY_PATH)) {
		struct file *f = dfd == AT_FDCWD ? NULL : fget_raw(dfd);

		err = f ? 0 : -EBADF;
		if (f)
			*out = igrab(f->f_inode);
	} else if (!err) {
		err = path_lookupat(path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, out);
	}
	kfree(path);
	return err;
}

static int chmod_common(struct inode *inode, umode_t mode)
{
	struct iattr a = { .ia_valid = ATTR_MODE, .ia_mode = mode & S_IALLUGO };
	int err = mnt_want_write(inode);

	if (err)
		return err;
	set_ctime_now(&a);
	return notify_change(inode, &a);
}

/* Linux chown_common: -1 leaves an id as it is; a non-directory loses setuid (and group-exec setgid). */
static int chown_common(struct inode *inode, u32 uid, u32 gid)
{
	struct iattr a = { 0 };
	int err = mnt_want_write(inode);

	if (err)
		return err;
	if (uid != (u32)-1) {
		a.ia_valid |= ATTR_UID;
		a.ia_uid = uid;
	}
	if (gid != (u32)-1) {
		a.ia_valid |= ATTR_GID;
		a.ia_gid = gid;
	}
	if (!S_ISDIR(inode->i_mode))
		a.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_SGID;
	set_ctime_now(&a);
	return notify_change(inode, &a);
}

static long with_inode_at(int dfd, const char __user *path, int flags, int (*fn)(struct inode *, u64, u64),
			  u64 a, u64 b)
{
	struct inode *inode;
	int err = user_inode_at(dfd, path, flags, &inode);

	if (err)
		return err;
	err = fn(inode, a, b);
	iput(inode);
	return err;
}

static int chmod_fn(struct inode *inode, u64 mode, u64 unused) { return chmod_common(inode, mode); }
static int chown_fn(struct inode *inode, u64 uid, u64 gid) { return chown_common(inode, uid, gid); }

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	return with_inode_at(dfd, filename, 0, chmod_fn, mode, 0);
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return with_inode_at(AT_FDCWD, filename, 0, chmod_fn, mode, 0);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget(fd);

	return f ? chmod_common(f->f_inode, mode) : -EBADF;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, uid_t, user, gid_t, group, int, flag)
{
	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return with_inode_at(dfd, filename, flag, chown_fn, (u32)user, (u32)group);
}

SYSCALL_DEFINE3(chown, const char __user *, filename, uid_t, user, gid_t, group)
{
	return with_inode_at(AT_FDCWD, filename, 0, chown_fn, (u32)user, (u32)group);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, uid_t, user, gid_t, group)
{
	return with_inode_at(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, chown_fn, (u32)user, (u32)group);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	struct file *f = fget(fd);

	return f ? chown_common(f->f_inode, (u32)user, (u32)group) : -EBADF;
}

/* ------------------------------------------------------------ times */

/* One of utimensat's two times: UTIME_NOW, UTIME_OMIT or a value (nanoseconds below a second). */
static int utime_one(const struct timespec *t, unsigned bit, s64 *sec, u32 *nsec, unsigned *valid)
{
	u64 ns = ktime_get_real_ns();

	if (t->tv_nsec == UTIME_OMIT)
		return 0;
	if (t->tv_nsec == UTIME_NOW) {
		*sec = ns / NSEC_PER_SEC;
		*nsec = ns % NSEC_PER_SEC;
	} else if (t->tv_nsec < 0 || t->tv_nsec >= (s64)NSEC_PER_SEC) {
		return -EINVAL;
	} else {
		*sec = t->tv_sec;
		*nsec = t->tv_nsec;
	}
	*valid |= bit;
	return 0;
}

/*
 * Linux vfs_utimes: NULL times means now for both; both UTIME_OMIT changes
 * nothing. "Both now" is a touch, which a writer may do (ATTR_TOUCH); any
 * other time is an explicit one, for the owner only (ATTR_TIMES_SET).
 */
static int vfs_utimes(struct inode *inode, const struct timespec *times)
{
	struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct iattr a = { 0 };
	int err;

	if (times && times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
		times = NULL;
	a.ia_valid = times ? ATTR_TIMES_SET : ATTR_TOUCH;
	if (!times)
		times = now;
	if ((err = utime_one(&times[0], ATTR_ATIME, &a.ia_atime, &a.ia_atime_nsec, &a.ia_valid)) ||
	    (err = utime_one(&times[1], ATTR_MTIME, &a.ia_mtime, &a.ia_mtime_nsec, &a.ia_valid)))
		return err;
	if (!(a.ia_valid & (ATTR_ATIME | ATTR_MTIME)))
		return 0;
	if ((err = mnt_want_write(inode)))
		return err;
	set_ctime_now(&a);
	return notify_change(inode, &a);
}

/* Linux do_utimes: a NULL path means the file dfd names (futimens). */
static long do_utimes(int dfd, const char __user *filename, const struct timespec *times, int flags)
{
	struct inode *inode;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!filename) {
		struct file *f = dfd == AT_FDCWD ? NULL : fget(dfd);

		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		return f ? vfs_utimes(f->f_inode, times) : -EBADF;
	}
	if ((err = user_inode_at(dfd, filename, flags, &inode)))
		return err;
	err = vfs_utimes(inode, times);
	iput(inode);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename, struct timespec __user *, utimes, int, flags)
{
	struct timespec t[2];

	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

/* utimes and futimesat: microseconds, no UTIME_NOW/OMIT (Linux: EINVAL for a bad tv_usec). */
static long do_futimesat(int dfd, const char __user *filename, struct timeval __user *utimes)
{
	struct timeval tv[2];
	struct timespec t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i] = (struct timespec){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
	}
	return do_utimes(dfd, filename, t, 0);
}

SYSCALL_DEFINE3(futimesat, int, dfd, const char __user *, filename, struct timeval __user *, utimes)
{
	return do_futimesat(dfd, filename, utimes);
}

SYSCALL_DEFINE2(utimes, char __user *, filename, struct timeval __user *, utimes)
{
	return do_futimesat(AT_FDCWD, filename, utimes);
}

struct utimbuf {
	s64 actime, modtime;
};

SYSCALL_DEFINE2(utime, char __user *, filename, struct utimbuf __user *, times)
{
	struct utimbuf u;
	struct timespec t[2];

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&u, times, sizeof(u)))
		return -EFAULT;
	t[0] = (struct timespec){ u.actime, 0 };
	t[1] = (struct timespec){ u.modtime, 0 };
	return do_utimes(AT_FDCWD, filename, t, 0);
}
