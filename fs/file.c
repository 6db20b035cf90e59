/*
 * fs/file.c - open files and the per-task descriptor table: open, close,
 * dup, fcntl (Linux: fs/open.c, fs/file.c, fs/fcntl.c).
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <printk.h>
#include <string.h>
#include <errno.h>

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define SETFL_MASK (O_APPEND | O_NONBLOCK)


struct file *file_open_inode(struct inode *inode, u32 flags)
{
	struct file *f = kzalloc(sizeof(*f));
	if (!f)
		return NULL;
	f->f_count = 1;
	f->f_flags = flags & ~O_CLOEXEC;
	f->f_inode = igrab(inode);
	f->f_op = inode->i_fop;
	return f;
}

static int may_open(struct inode *inode, u32 flags)
{
	u32 acc = flags & O_ACCMODE;
	if (S_ISDIR(inode->i_mode) && acc != O_RDONLY)
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISREG(inode->i_mode) && acc != O_RDONLY)
		return -EROFS;               /* the RAM disk is read-only (for now) */
	return 0;
}

/* Remember where a file came from, so openat(fd, ...) and fchdir(fd) work. */
static void set_file_path(struct file *f, const char *path)
{
	size_t n;
	if (!(f->f_path = kmalloc(PATH_MAX, 0)))
		return;
	if (absolute_path(path, f->f_path, PATH_MAX)) {
		kfree(f->f_path);
		f->f_path = NULL;
		return;
	}
	n = strlen(f->f_path);
	while (n > 1 && f->f_path[n - 1] == '/')
		f->f_path[--n] = 0;
}

struct file *filp_open(const char *path, u32 flags, int *err)
{
	struct inode *inode;
	struct file *f;
	if ((*err = path_lookup(path, &inode)))
		return NULL;
	if (!(*err = may_open(inode, flags))) {
		f = file_open_inode(inode, flags);
		if (!f)
			*err = -ENOMEM;
		else
			set_file_path(f, path);
	} else {
		f = NULL;
	}
	iput(inode);
	return f;
}

/*
 * The path an *at call means: an absolute path or AT_FDCWD as is, else the
 * directory dfd was opened as, joined with the relative path.
 */
int user_path_at(u64 dfd, u64 upath, char *buf, size_t size)
{
	long n = strncpy_from_user(buf, (const char *)upath, size);
	struct file *d;
	size_t dl;
	if (n < 0)
		return n;
	if (buf[0] == '/' || (int)dfd == AT_FDCWD || !n)
		return 0;
	if (!(d = fget(dfd)))
		return -EBADF;
	if (!S_ISDIR(d->f_inode->i_mode) || !d->f_path)
		return -ENOTDIR;
	dl = strlen(d->f_path);
	if (dl + 1 + n + 1 > size)
		return -ENAMETOOLONG;
	memmove(buf + dl + 1, buf, n + 1);
	memcpy(buf, d->f_path, dl);
	buf[dl] = '/';
	return 0;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
}

void fput(struct file *f)
{
	if (--f->f_count)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	iput(f->f_inode);
	kfree(f->f_path);
	kfree(f);
}

/* Lowest free descriptor >= minfd (POSIX), or -EMFILE. */
int fd_install(struct file *f, int minfd)
{
	for (int fd = minfd; fd < NR_OPEN && (u64)fd < current->rlim[RLIMIT_NOFILE].rlim_cur; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			current->fd_cloexec[fd] = 0;
			current->fd_end = MAX(current->fd_end, fd + 1);
			return fd;
		}
	}
	return -EMFILE;
}

static int install_cloexec(struct file *f, int minfd, bool cloexec)
{
	int fd = fd_install(f, minfd);
	if (fd >= 0 && cloexec)
		current->fd_cloexec[fd] = 1;
	return fd;
}

SYSCALL_DEFINE4(openat, u64, dfd, u64, upath, u64, flags, u64, mode)
{
	char path[PATH_MAX];
	struct file *f;
	int err = user_path_at(dfd, upath, path, sizeof(path)), fd;
	if (err)
		return err;
	f = filp_open(path, flags, &err);
	if (!f)
		return err;
	fd = install_cloexec(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE3(open, u64, upath, u64, flags, u64, mode) { return __do_sys_openat((u64)AT_FDCWD, upath, flags, mode); }

SYSCALL_DEFINE1(close, u64, fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	fput(f);
	return 0;
}

SYSCALL_DEFINE1(dup, u64, oldfd)
{
	struct file *f = fget(oldfd);
	int fd;
	if (!f)
		return -EBADF;
	fd = fd_install(f, 0);
	if (fd >= 0)
		f->f_count++;
	return fd;
}

SYSCALL_DEFINE3(dup3, u64, oldfd, u64, newfd, u64, flags)
{
	struct file *f = fget(oldfd);
	if (flags & ~(u64)O_CLOEXEC)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (newfd >= NR_OPEN || newfd >= current->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EBADF;
	if (oldfd == newfd)
		return -EINVAL;
	f->f_count++;
	if (current->files[newfd])
		fput(current->files[newfd]);
	current->files[newfd] = f;
	current->fd_cloexec[newfd] = (flags & O_CLOEXEC) != 0;
	current->fd_end = MAX(current->fd_end, (int)newfd + 1);
	return newfd;
}

SYSCALL_DEFINE2(dup2, u64, oldfd, u64, newfd)
{
	if (oldfd == newfd)
		return fget(oldfd) ? (long)newfd : -EBADF;
	return __do_sys_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE3(fcntl, u64, fd, u64, cmd, u64, arg)
{
	struct file *f = fget(fd);
	int nfd;
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN)
			return -EINVAL;
		nfd = install_cloexec(f, arg, cmd == F_DUPFD_CLOEXEC);
		if (nfd >= 0)
			f->f_count++;
		return nfd;
	case F_GETFD:
		return current->fd_cloexec[fd] ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			current->fd_cloexec[fd] = 1;
		else
			current->fd_cloexec[fd] = 0;
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(ioctl, u64, fd, u64, cmd, u64, arg)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, cmd, arg);
}

/* The working directory is kept as a tidy absolute path (getcwd returns it). */
static int set_cwd(const char *path)
{
	char *abs = kmalloc(PATH_MAX, 0);      /* not on the stack: callers hold a path too */
	int err = abs ? absolute_path(path, abs, PATH_MAX) : -ENOMEM;
	if (!err)
		normalize_path(abs, current->cwd_path, sizeof(current->cwd_path));
	kfree(abs);
	return err;
}

SYSCALL_DEFINE1(chdir, u64, upath)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = user_path_lookup(upath, path, sizeof(path), &inode);
	if (err)
		return err;
	err = S_ISDIR(inode->i_mode) ? set_cwd(path) : -ENOTDIR;
	iput(inode);
	return err;
}

SYSCALL_DEFINE1(fchdir, u64, fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_path)
		return -ENOTDIR;
	return set_cwd(f->f_path);
}

/* Nothing to write back on a read-only RAM disk; pipes and devices cannot sync. */
static long do_fsync(unsigned int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	return S_ISREG(f->f_inode->i_mode) || S_ISDIR(f->f_inode->i_mode) ? 0 : -EINVAL;
}
SYSCALL_DEFINE1(fsync, unsigned int, fd) { return do_fsync(fd); }
SYSCALL_DEFINE1(fdatasync, unsigned int, fd) { return do_fsync(fd); }

SYSCALL_DEFINE2(ftruncate, u64, fd, u64, len)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || (f->f_flags & O_ACCMODE) == O_RDONLY || (s64)len < 0)
		return -EINVAL;
	return -EROFS;
}

SYSCALL_DEFINE2(truncate, u64, upath, u64, len)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = user_path_lookup(upath, path, sizeof(path), &inode);
	if (err)
		return err;
	err = S_ISDIR(inode->i_mode) ? -EISDIR : !S_ISREG(inode->i_mode) ? -EINVAL : -EROFS;
	iput(inode);
	return err;
}

SYSCALL_DEFINE2(getcwd, u64, ubuf, u64, size)
{
	size_t n = strlen(current->cwd_path) + 1;
	if (size < n)
		return -ERANGE;
	if (copy_to_user((void *)ubuf, current->cwd_path, n))
		return -EFAULT;
	return n;
}

/* exec: close the descriptors marked close-on-exec. */
void do_close_on_exec(void)
{
	for (int fd = 0; fd < current->fd_end; fd++)
		if (current->fd_cloexec[fd] && current->files[fd])
			__do_sys_close(fd);
	memset(current->fd_cloexec, 0, current->fd_end);
}
