/*
 * fs/file.c - open files and the per-task descriptor table: open, close,
 * dup, fcntl (Linux: fs/open.c, fs/file.c, fs/fcntl.c).
 */
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
	} else {
		f = NULL;
	}
	iput(inode);
	return f;
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
	kfree(f);
}

/* Lowest free descriptor >= minfd (POSIX), or -EMFILE. */
int fd_install(struct file *f, int minfd)
{
	for (int fd = minfd; fd < NR_OPEN && (u64)fd < current->rlim[RLIMIT_NOFILE].rlim_cur; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			current->fd_cloexec[fd] = 0;
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

long sys_openat(u64 dfd, u64 upath, u64 flags, u64 mode)
{
	char path[PATH_MAX];
	long n = strncpy_from_user(path, (const char *)upath, sizeof(path));
	struct file *f;
	int err, fd;
	if (n < 0)
		return n;
	if ((int)dfd != AT_FDCWD && path[0] != '/')
		return fget(dfd) ? -ENOTDIR : -EBADF;   /* only AT_FDCWD-relative paths */
	f = filp_open(path, flags, &err);
	if (!f)
		return err;
	fd = install_cloexec(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_open(u64 upath, u64 flags, u64 mode) { return sys_openat((u64)AT_FDCWD, upath, flags, mode); }

long sys_close(u64 fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	fput(f);
	return 0;
}

long sys_dup(u64 oldfd)
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

long sys_dup3(u64 oldfd, u64 newfd, u64 flags)
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
	return newfd;
}

long sys_dup2(u64 oldfd, u64 newfd)
{
	if (oldfd == newfd)
		return fget(oldfd) ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}

long sys_fcntl(u64 fd, u64 cmd, u64 arg)
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

long sys_ioctl(u64 fd, u64 cmd, u64 arg)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, cmd, arg);
}

long sys_chdir(u64 upath)
{
	char path[256];
	struct inode *inode;
	int err = user_path_lookup(upath, path, sizeof(path), &inode);
	if (err)
		return err;
	if (!S_ISDIR(inode->i_mode)) {
		iput(inode);
		return -ENOTDIR;
	}
	iput(inode);
	if (path[0] == '/')
		strlcpy(current->cwd_path, path, sizeof(current->cwd_path));
	else {
		size_t l = strlen(current->cwd_path);
		if (l + strlen(path) + 2 > sizeof(current->cwd_path))
			return -ENAMETOOLONG;
		if (l > 1)
			current->cwd_path[l++] = '/';
		strlcpy(current->cwd_path + l, path, sizeof(current->cwd_path) - l);
	}
	return 0;
}

long sys_getcwd(u64 ubuf, u64 size)
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
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (current->fd_cloexec[fd] && current->files[fd])
			sys_close(fd);
	memset(current->fd_cloexec, 0, sizeof(current->fd_cloexec));
}
