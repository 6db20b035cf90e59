/*
 * fs/file.c - open files and the per-task descriptor table: open, close,
 * dup, fcntl (Linux: fs/open.c, fs/file.c, fs/fcntl.c).
 */
#include <syscalls.h>
#include <fs.h>
#include <blkdev.h>
#include <mm.h>
#include <sched.h>
#include <cred.h>
#include <uaccess.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <uapi/linux/close_range.h>
#include <uapi/linux/falloc.h>

#define FALLOC_FL_SUPPORTED_MASK 0x7f	/* Linux: every mode bit vfs_fallocate knows */

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC)	/* Linux fs/fcntl.c; O_DIRECT on a pipe's write end is packet mode */


struct file *file_open_inode(struct inode *inode, u32 flags)
{
	struct file *f = kzalloc(sizeof(*f));
	if (!f)
		return NULL;
	f->f_count = 1;
	f->f_flags = flags & ~O_CLOEXEC;
	f->f_inode = igrab(inode);
	f->f_op = inode->i_fop;
	if (inode->i_sb)
		inode->i_sb->s_nr_files++;	/* umount's EBUSY */
	return f;
}

/* ---------------------------------------------------------------- descriptor tables */

struct files_struct *alloc_files(int max_fds)
{
	struct files_struct *files = kzalloc(sizeof(*files));

	if (!files)
		return NULL;
	files->count = 1;
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->cloexec = files->cloexec_array;
	if (expand_files(files, max_fds - 1)) {
		kfree(files);
		return NULL;
	}
	return files;
}

void free_fdtable(struct files_struct *files)
{
	if (files->fd != files->fd_array) {
		kfree(files->fd);
		kfree(files->cloexec);
	}
}

/*
 * Linux expand_files: room for descriptor @nr.  A table starts with the
 * NR_OPEN_DEFAULT slots inside files_struct; past them it moves to a
 * kmalloc'd one twice as big (or more), as far as RLIMIT_NOFILE, which
 * the callers check (setrlimit caps it at fs.nr_open).  The open files
 * stay where they are: only the array of pointers to them moves.
 */
int expand_files(struct files_struct *files, int nr)
{
	int size = files->max_fds;
	struct file **fd;
	u8 *cloexec;

	if (nr < size)
		return 0;
	while (size <= nr)
		size *= 2;
	fd = kzalloc(size * sizeof(*fd));
	cloexec = kzalloc(size);
	if (!fd || !cloexec) {
		kfree(fd);
		kfree(cloexec);
		return -ENOMEM;
	}
	memcpy(fd, files->fd, files->fd_end * sizeof(*fd));
	memcpy(cloexec, files->cloexec, files->fd_end);
	free_fdtable(files);
	files->fd = fd;
	files->cloexec = cloexec;
	files->max_fds = size;
	return 0;
}

/* Remember where a file came from, so openat(fd, ...) and fchdir(fd) work.
 * A pipe opened again through /proc/PID/fd/N has no name of its own: it
 * stays "pipe:[N]" (Linux: pipefs names its files that way). */
static void set_file_path(struct file *f, const char *path)
{
	size_t n;

	if (S_ISFIFO(f->f_inode->i_mode) && !f->f_inode->i_sb)
		return;
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

/*
 * The inode an open means: looked up, or with O_CREAT made if the name is
 * free.  A lookup also fills @canon with the path it resolved (symlinks
 * followed), the name the open file keeps; it stays "" after O_CREAT.
 */
static int open_lookup(const char *path, u32 flags, umode_t mode, struct inode **inode, bool *created, char *canon)
{
	*created = false;
	canon[0] = '\0';
	if (flags & __O_TMPFILE) {
		/* Linux build_open_flags: O_TMPFILE means O_DIRECTORY too, never O_CREAT, and writing */
		int err = (flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE || (flags & O_ACCMODE) == O_RDONLY ?
			  -EINVAL : vfs_tmpfile(path, flags, mode, inode, canon);

		*created = !err;
		return err;
	}
	if (flags & O_CREAT)
		return open_create(path, flags, mode, inode, created);
	return path_lookup_canon(path, flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW, inode, canon);
}

/* A regular file opened for writing holds write access to its inode (ETXTBSY while it runs). */
static bool wants_write_access(const struct inode *inode, u32 flags)
{
	return (flags & O_ACCMODE) != O_RDONLY && S_ISREG(inode->i_mode);
}

/* O_PATH: a descriptor that only names the file (even a symlink, with O_NOFOLLOW); fget() refuses it. */
static struct file *open_path(struct inode *inode, const char *path, u32 flags, int *err)
{
	struct file *f = NULL;

	*err = (flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode) ? -ENOTDIR : 0;
	if (!*err && !(f = file_open_inode(inode, flags)))
		*err = -ENOMEM;
	if (f)
		set_file_path(f, path);
	iput(inode);
	return f;
}

/*
 * The special files: a FIFO is a pipe, a device node its driver (ENXIO if
 * none); the driver may refuse the open.  A device of fs/char_dev.c's table
 * (no file system) has its driver's operations already.  Of the other
 * inodes of no file system, reached through /proc/PID/fd/N, a pipe opens
 * as a FIFO would; a socket, an eventfd, an epoll or timerfd cannot be
 * opened again (Linux: sock_no_open and no_open_fops give ENXIO).
 */
static int open_special(struct file *f)
{
	struct inode *inode = f->f_inode;

	if (S_ISFIFO(inode->i_mode))
		return fifo_open(f);
	if (!inode->i_sb)
		return S_ISCHR(inode->i_mode) && f->f_op && f->f_op->open ? f->f_op->open(f) :
		       S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode) ? 0 : -ENXIO;
	if (S_ISCHR(inode->i_mode) && (f->f_op = chrdev_fops(inode->i_rdev)))
		return f->f_op->open ? f->f_op->open(f) : 0;
	if (S_ISBLK(inode->i_mode) && bdget(inode->i_rdev)) {
		f->f_op = &def_blk_fops;
		return f->f_op->open(f);
	}
	return -ENXIO;
}

/* Linux do_open: may_open's checks (a new file passes them), write access, then O_TRUNC empties a file. */
static struct file *do_filp_open(const char *path, u32 flags, umode_t mode, char *canon, int *err)
{
	struct inode *inode;
	struct file *f = NULL;
	bool created, writer;

	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;	/* Linux: the rest is ignored */
	if ((*err = open_lookup(path, flags, mode, &inode, &created, canon)))
		return NULL;
	if (canon[0])
		path = canon;
	if (flags & O_PATH)
		return open_path(inode, path, flags, err);
	writer = wants_write_access(inode, flags);
	if (!created && (flags & O_CREAT) && S_ISDIR(inode->i_mode))
		*err = -EISDIR;		/* Linux do_open: O_CREAT never opens a directory */
	else if (!created)
		*err = may_open(inode, flags);
	if (!*err && !created && S_ISREG(inode->i_mode))
		*err = break_lease(inode, flags);
	if (!*err && writer)
		*err = get_write_access(inode);
	if (*err) {
		iput(inode);
		return NULL;
	}
	if (!created && (flags & O_TRUNC) && S_ISREG(inode->i_mode) && inode->i_size)
		*err = do_truncate(inode, 0);
	if (!*err && !(f = file_open_inode(inode, flags)))
		*err = -ENOMEM;
	if (f && !S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode) && (*err = open_special(f))) {
		f->f_op = NULL;			/* a failed open is never released (Linux do_dentry_open) */
		fput(f);			/* not S_ISREG: it holds no write access */
		f = NULL;
	}
	/* Linux do_dentry_open: a regular file's f_op may refuse too (/proc/PID/maps) */
	if (f && S_ISREG(inode->i_mode) && f->f_op && f->f_op->open && (*err = f->f_op->open(f))) {
		f->f_op = NULL;
		fput(f);			/* f_writer is not set yet: the write access goes below */
		f = NULL;
	}
	if (f) {
		f->f_writer = writer;
		if (S_ISREG(inode->i_mode) && (flags & O_ACCMODE) == O_RDONLY) {
			f->f_reader = true;
			inode->i_readcount++;
		}
		set_file_path(f, path);
	} else if (writer) {
		put_write_access(inode);
	}
	iput(inode);
	return f;
}

/* open(2)'s file: do_filp_open with a buffer for the name the file keeps. */
struct file *filp_open(const char *path, u32 flags, umode_t mode, int *err)
{
	char *canon = kmalloc(PATH_MAX, 0);
	struct file *f;

	if (!canon) {
		*err = -ENOMEM;
		return NULL;
	}
	f = do_filp_open(path, flags, mode, canon, err);
	kfree(canon);
	return f;
}

/*
 * A file a system call found through a descriptor stays alive until the
 * call returns, even if another thread closes the descriptor meanwhile (a
 * read sleeping on a pipe must not wake up on freed memory).  Linux's
 * fdget takes a reference and fdput drops it; here fget pins the file for
 * the rest of the call and the syscall exit drops every pin at once.
 */
static void pin_for_syscall(struct file *f)
{
	struct task_struct *t = current;
	if (!t->in_syscall || t->nr_syscall_files == ARRAY_SIZE(t->syscall_files))
		return;
	for (int i = 0; i < t->nr_syscall_files; i++)
		if (t->syscall_files[i] == f)
			return;
	f->f_count++;
	t->syscall_files[t->nr_syscall_files++] = f;
}

/* At the end of each system call, and at exit (Linux: fdput). */
void fput_syscall_files(void)
{
	struct task_struct *t = current;
	while (t->nr_syscall_files)
		fput(t->syscall_files[--t->nr_syscall_files]);
}

/* Linux fdget_raw: any open file, O_PATH ones included (close, dup, fcntl, fstat, fchdir, *at dirfds). */
struct file *fget_raw(int fd)
{
	struct file *f;
	if (fd < 0 || fd >= current->files->max_fds)
		return NULL;
	if ((f = current->files->fd[fd]))
		pin_for_syscall(f);
	return f;
}

/* Linux fdget: an O_PATH descriptor names a file but cannot be used on it: EBADF for read, write, fchmod... */
struct file *fget(int fd)
{
	struct file *f = fget_raw(fd);

	return f && !(f->f_flags & O_PATH) ? f : NULL;
}

void fput(struct file *f)
{
	if (--f->f_count)
		return;
	if (f->f_ep)
		eventpoll_release(f);	/* Linux __fput: epoll forgets a file nobody holds */
	if ((f->f_flags & FASYNC) && f->f_op && f->f_op->fasync)
		f->f_op->fasync(-1, f, false);	/* Linux __fput: off the driver's fasync list */
	locks_remove_file(f);		/* its flock and OFD locks */
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	if (f->f_writer)
		put_write_access(f->f_inode);
	if (f->f_reader)
		f->f_inode->i_readcount--;
	if (f->f_inode->i_sb)
		f->f_inode->i_sb->s_nr_files--;
	iput(f->f_inode);
	kfree(f->f_path);
	kfree(f);
}

/*
 * Lowest free descriptor >= minfd (POSIX), or -EMFILE (Linux
 * alloc_fd/find_next_fd): every slot from fd_end on is free, so the scan
 * stops there, and the table grows once, for the one slot taken.
 */
int fd_install(struct file *f, int minfd)
{
	struct files_struct *files = current->files;
	int fd = minfd;

	while (fd < files->fd_end && files->fd[fd])
		fd++;
	if ((u64)fd >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EMFILE;
	if (expand_files(files, fd))
		return -ENOMEM;
	files->fd[fd] = f;
	files->cloexec[fd] = 0;
	files->fd_end = MAX(files->fd_end, fd + 1);
	return fd;
}

int install_cloexec(struct file *f, int minfd, bool cloexec)
{
	int fd = fd_install(f, minfd);
	if (fd >= 0 && cloexec)
		current->files->cloexec[fd] = 1;
	return fd;
}

static long do_sys_openat(int dfd, const char __user *filename, int flags, u16 mode)
{
	char path[PATH_MAX];
	struct file *f;
	int err = user_path_at(dfd, filename, path, sizeof(path)), fd;
	if (err)
		return err;
	f = filp_open(path, flags & ~__FMODE_EXEC, mode, &err);	/* Linux: not a user flag */
	if (!f)
		return err;
	fd = install_cloexec(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_openat(dfd, filename, flags, mode);
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_openat(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return do_sys_openat(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/*
 * Linux filp_close: a descriptor of @files goes.  Every close, not only the
 * description's last, drops the process's record locks on the inode
 * (POSIX; Linux: filp_flush -> locks_remove_posix).
 */
int filp_close(struct file *f, struct files_struct *files)
{
	locks_remove_posix(f, files);
	fput(f);
	return 0;
}

int close_fd(unsigned int fd)
{
	struct file *f = fget_raw(fd);
	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	return filp_close(f, current->files);
}

SYSCALL_DEFINE1(close, unsigned int, fd) { return close_fd(fd); }

/*
 * Linux fs/file.c __close_range: close (or with CLOSE_RANGE_CLOEXEC mark
 * close-on-exec) every open descriptor in [fd, max_fd]; max_fd may be ~0U,
 * free slots are skipped.  fd > max_fd or an unknown flag is EINVAL.
 */
SYSCALL_DEFINE3(close_range, unsigned int, fd, unsigned int, max_fd, unsigned int, flags)
{
	int err;

	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) || fd > max_fd)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) && (err = unshare_files()))
		return err;
	for (unsigned long i = fd; i <= max_fd && i < (unsigned long)current->files->max_fds; i++) {
		if (!current->files->fd[i])
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC)
			current->files->cloexec[i] = 1;
		else
			close_fd(i);
	}
	return 0;
}

SYSCALL_DEFINE1(dup, unsigned int, oldfd)
{
	struct file *f = fget_raw(oldfd);
	int fd;
	if (!f)
		return -EBADF;
	fd = fd_install(f, 0);
	if (fd >= 0)
		f->f_count++;
	return fd;
}

static long do_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f = fget_raw(oldfd);
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (newfd >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EBADF;
	if (oldfd == newfd)
		return -EINVAL;
	if (expand_files(current->files, newfd))
		return -ENOMEM;
	f->f_count++;
	if (current->files->fd[newfd])
		filp_close(current->files->fd[newfd], current->files);	/* as close(newfd) */
	current->files->fd[newfd] = f;
	current->files->cloexec[newfd] = (flags & O_CLOEXEC) != 0;
	current->files->fd_end = MAX(current->files->fd_end, (int)newfd + 1);
	return newfd;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return do_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd)
		return fget_raw(oldfd) ? (long)newfd : -EBADF;
	return do_dup3(oldfd, newfd, 0);
}

/* Linux setfl: O_ASYNC going on or off tells the driver first (f_op->fasync). */
static long setfl(unsigned int fd, struct file *f, unsigned long arg)
{
	int err;

	if (((arg ^ f->f_flags) & O_APPEND) && IS_APPEND(f->f_inode))
		return -EPERM;		/* Linux setfl: an append-only file stays O_APPEND */
	if (((arg ^ f->f_flags) & FASYNC) && f->f_op && f->f_op->fasync &&
	    (err = f->f_op->fasync(fd, f, arg & FASYNC)))
		return err;
	f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
	return 0;
}

/* Linux check_fcntl_cmd: all that an O_PATH descriptor allows; the rest is EBADF. */
static bool o_path_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD || cmd == F_GETFL;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	int nfd;
	if (!f || ((f->f_flags & O_PATH) && !o_path_fcntl_cmd(cmd)))
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
			return -EINVAL;		/* Linux f_dupfd */
		nfd = install_cloexec(f, arg, cmd == F_DUPFD_CLOEXEC);
		if (nfd >= 0)
			f->f_count++;
		return nfd;
	case F_GETFD:
		return current->files->cloexec[fd] ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			current->files->cloexec[fd] = 1;
		else
			current->files->cloexec[fd] = 0;
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		return setfl(fd, f, arg);
	case F_SETOWN:
	case F_GETOWN:
	case F_SETOWN_EX:
	case F_GETOWN_EX:
	case F_SETSIG:
	case F_GETSIG:
		return fcntl_owner(f, cmd, arg);
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return fcntl_lock(fd, f, cmd, (struct flock __user *)arg);
	case F_SETLEASE:
		return fcntl_setlease(f, arg);
	case F_GETLEASE:
		return fcntl_getlease(f);
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	case F_ADD_SEALS:
	case F_GET_SEALS:
		return memfd_fcntl(f, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* Linux do_vfs_ioctl: requests every file answers, whatever its driver. */
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIONBIO 0x5421
#define FICLONE 0x40049409		/* _IOW(0x94, 9, int) */
#define FICLONERANGE 0x4020940d		/* _IOW(0x94, 13, struct file_clone_range) */

/*
 * Linux ioctl_file_clone: sharing blocks between files needs a file system
 * with remap_file_range (btrfs, xfs); across mounts it is EXDEV first.
 * None here has it.
 */
static long ioctl_file_clone(struct file *dst, unsigned long arg, unsigned int cmd)
{
	int srcfd;
	struct file *src;

	if (cmd == FICLONERANGE) {
		if (get_user(srcfd, (s64 __user *)arg))	/* struct file_clone_range's first field, an s64 */
			return -EFAULT;
	} else {
		srcfd = (int)arg;
	}
	if (!(src = fget(srcfd)))
		return -EBADF;
	if (src->f_inode->i_sb != dst->f_inode->i_sb)
		return -EXDEV;
	return -EOPNOTSUPP;
}

/* Linux ioctl_getflags: the file system's FS_*_FL; one without them falls to the driver (ENOTTY). */
static long ioctl_getflags(struct file *f, int __user *uflags)
{
	struct inode *inode = f->f_inode;

	if (!inode->i_op || !inode->i_op->fileattr_set)
		return -ENOIOCTLCMD;
	return put_user((int)inode->i_fsflags, uflags) ? -EFAULT : 0;
}

/*
 * Linux ioctl_setflags, vfs_fileattr_set: a read-only mount is EROFS, then
 * only the owner (or CAP_FOWNER) may set flags, and changing +i or +a needs
 * CAP_LINUX_IMMUTABLE (EPERM); the file system takes the rest, and the
 * change is a ctime change.
 */
static long ioctl_setflags(struct file *f, int __user *uflags)
{
	struct inode *inode = f->f_inode;
	int flags, err;

	if (!inode->i_op || !inode->i_op->fileattr_set)
		return -ENOIOCTLCMD;
	if (get_user(flags, uflags))
		return -EFAULT;
	if ((err = mnt_want_write(inode)))
		return err;
	if (!inode_owner_or_capable(inode))
		return -EPERM;
	if ((((u32)flags ^ inode->i_fsflags) & (FS_APPEND_FL | FS_IMMUTABLE_FL)) && !capable(CAP_LINUX_IMMUTABLE))
		return -EPERM;
	return inode->i_op->fileattr_set(inode, flags);
}

static long do_vfs_ioctl(struct file *f, unsigned int fd, unsigned int cmd, unsigned long arg)
{
	int on;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		current->files->cloexec[fd] = cmd == FIOCLEX;
		return 0;
	case FIONBIO:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
		return 0;
	case FICLONE:
	case FICLONERANGE:
		return ioctl_file_clone(f, arg, cmd);
	case FS_IOC_GETFLAGS:
		return ioctl_getflags(f, (int __user *)arg);
	case FS_IOC_SETFLAGS:
		return ioctl_setflags(f, (int __user *)arg);
	default:
		return -ENOIOCTLCMD;
	}
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long r;
	if (!f)
		return -EBADF;
	if ((r = do_vfs_ioctl(f, fd, cmd, arg)) != -ENOIOCTLCMD)
		return r;
	if (!f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, cmd, arg);
}

/*
 * The working directory is kept as a tidy absolute path (getcwd returns it,
 * relative paths are joined to it) and as a reference to its inode, which
 * says whether it still exists (Linux holds the dentry: fs_struct->pwd).
 */
static int set_cwd(const char *path, struct inode *inode)
{
	char *abs = kmalloc(PATH_MAX, 0);      /* not on the stack: callers hold a path too */
	char *name = kmalloc(PATH_MAX, 0);
	int err = abs && name ? absolute_path(path, abs, PATH_MAX) : -ENOMEM;

	/* getcwd names the directory itself, not the links that led there.
	 * faultline keeps the name, so it must fit in PATH_MAX (Linux keeps the
	 * dentry, and a working directory may lie deeper). */
	if (!err) {
		struct inode *same;

		err = path_lookup_canon(abs, LOOKUP_FOLLOW, &same, name);
		if (!err)
			iput(same);
		if (!err && strlen(name) >= PATH_MAX - 1)
			err = -ENAMETOOLONG;
	}
	if (!err) {
		strlcpy(current->fs->pwd_path, name, sizeof(current->fs->pwd_path));
		iput(current->fs->pwd);
		current->fs->pwd = igrab(inode);
	}
	kfree(name);
	kfree(abs);
	return err;
}

/*
 * chdir's and chroot's first steps (Linux: user_path_at, then
 * path_permission with MAY_EXEC | MAY_CHDIR): the directory @filename
 * names, searchable by the caller.  On success *inode holds a reference.
 */
static int lookup_enterable_dir(const char __user *filename, char *path, size_t size, struct inode **inode)
{
	int err = user_path_lookup(filename, path, size, inode);

	if (err)
		return err;
	err = S_ISDIR((*inode)->i_mode) ? inode_permission(*inode, MAY_EXEC | MAY_CHDIR) : -ENOTDIR;
	if (err)
		iput(*inode);
	return err;
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = lookup_enterable_dir(filename, path, sizeof(path), &inode);

	if (err)
		return err;
	err = set_cwd(path, inode);
	iput(inode);
	return err;
}

/*
 * Linux chroot: the directory is looked up and searched as chdir's (ENOENT,
 * ENOTDIR, EACCES), then CAP_SYS_CHROOT is needed (EPERM).  Every path walk
 * here starts at the one root, so only a chroot to that root succeeds (it
 * changes nothing); to any other directory it is ENOSYS rather than a new
 * root silently ignored (docs/differences.md).
 */
SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = lookup_enterable_dir(filename, path, sizeof(path), &inode);

	if (err)
		return err;
	if (!capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err && inode != root_sb->s_root)
		err = -ENOSYS;
	iput(inode);
	return err;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget_raw(fd);
	if (!f)
		return -EBADF;
	int err;
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_path)
		return -ENOTDIR;
	if ((err = inode_permission(f->f_inode, MAY_EXEC | MAY_CHDIR)))
		return err;		/* Linux fchdir: search permission, as chdir */
	return set_cwd(f->f_path, f->f_inode);
}

/* Linux do_truncate: a new size, and new mtime and ctime, through notify_change. */
int do_truncate(struct inode *inode, loff_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .ia_size = length };
	u64 ns = ktime_get_real_ns();
	int err = mnt_want_write(inode);

	if (err)
		return err;
	attr.ia_mtime = attr.ia_ctime = ns / NSEC_PER_SEC;
	attr.ia_mtime_nsec = attr.ia_ctime_nsec = ns % NSEC_PER_SEC;
	return notify_change(inode, &attr);
}

/* Linux do_sys_ftruncate: a negative length is EINVAL first, then the descriptor. */
SYSCALL_DEFINE2(ftruncate, unsigned int, fd, loff_t, length)
{
	struct file *f;

	if (length < 0)
		return -EINVAL;
	if (!(f = fget(fd)))
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if (IS_APPEND(f->f_inode))
		return -EPERM;
	return do_truncate(f->f_inode, length);
}

/* Linux vfs_truncate: a directory is EISDIR, any other non-file EINVAL. */
SYSCALL_DEFINE2(truncate, const char __user *, filename, loff_t, length)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = user_path_lookup(filename, path, sizeof(path), &inode);
	if (err)
		return err;
	err = S_ISDIR(inode->i_mode) ? -EISDIR : !S_ISREG(inode->i_mode) ? -EINVAL :
	      length < 0 ? -EINVAL : mnt_want_write(inode);
	if (!err)
		err = inode_permission(inode, MAY_WRITE);	/* Linux vfs_truncate */
	if (!err && IS_APPEND(inode))
		err = -EPERM;
	if (!err)
		err = do_truncate(inode, length);
	iput(inode);
	return err;
}

/* Linux: a working directory that was removed has no path any more (ENOENT). */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	size_t n = strlen(current->fs->pwd_path) + 1;
	if (current->fs->pwd && !current->fs->pwd->i_nlink)
		return -ENOENT;
	if (size < n)
		return -ERANGE;
	if (copy_to_user(buf, current->fs->pwd_path, n))
		return -EFAULT;
	return n;
}

/* exec: close the descriptors marked close-on-exec. */
void do_close_on_exec(void)
{
	for (int fd = 0; fd < current->files->fd_end; fd++)
		if (current->files->cloexec[fd] && current->files->fd[fd])
			close_fd(fd);
	memset(current->files->cloexec, 0, current->files->fd_end);
}

/*
 * Linux vfs_fallocate's checks, in its order, then the file system's
 * ->fallocate (EOPNOTSUPP without one). f may be NULL (a bad fd: EBADF
 * after the argument checks, as Linux's). madvise(MADV_REMOVE) calls it too.
 */
long vfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if (!f || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	inode = f->f_inode;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -ENODEV;
	if ((u64)offset + (u64)len > (u64)MAX_LFS_FILESIZE)
		return -EFBIG;
	if (!f->f_op->fallocate)
		return -EOPNOTSUPP;
	return f->f_op->fallocate(f, mode, offset, len);
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, loff_t, offset, loff_t, len)
{
	return vfs_fallocate(fget(fd), mode, offset, len);
}
