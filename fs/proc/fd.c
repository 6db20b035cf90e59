/*
 * fs/proc/fd.c - /proc/PID/fd and /proc/PID/fdinfo (Linux: fs/proc/fd.c).
 *
 * fd/N is a link whose text names what descriptor N has open: the path it
 * was opened by (" (deleted)" after once unlinked), "pipe:[INO]" for a
 * pipe, "anon_inode:[...]" for a file with no path. Its mode says how the
 * file is open (lr-x------ for reading, l-wx------ for writing), as
 * Linux's tid_fd_update_inode. fdinfo/N is its position, flags (octal,
 * with O_CLOEXEC if the descriptor has it) and mount id, then what the
 * file's own show_fdinfo adds (eventfd, epoll, signalfd, timerfd).
 */
#include <mm.h>
#include <cred.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include "internal.h"

#define FD_INO_BASE 0x80000000u		/* + (tid * FD_INO_PER_TASK + fd) * 2 (+ 1 for fdinfo) */
#define FD_INO_PER_TASK 16384		/* inode numbers per task: higher fds share them (st_ino only) */
#define FD_POS_FIRST 2			/* readdir position of fd 0 */
#define MNT_ID_ROOT 21			/* what fdinfo's mnt_id says for the root file system */
#define MNT_ID_PIPEFS 13		/* and for pipes and inodes of no file system */
/* open's flags that only matter while opening: Linux do_dentry_open clears them from f_flags */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)

static u32 fd_ino(int tid, int fd, bool info) { return FD_INO_BASE + ((u32)tid * FD_INO_PER_TASK + fd % FD_INO_PER_TASK) * 2 + info; }

static struct file *task_fd(struct task_struct *task, int fd)
{
	if (!task || !task->files || fd < 0 || fd >= task->files->fd_end)
		return NULL;
	return task->files->fd[fd];
}

int proc_fd_path(struct file *f, char *buf, size_t size)
{
	struct inode *inode = f->f_inode;

	if (f->f_path)
		return snprintf(buf, size, "%s%s", f->f_path,
				S_ISREG(inode->i_mode) && !inode->i_nlink ? " (deleted)" : "");
	if (inode->i_pipe)
		return snprintf(buf, size, "pipe:[%u]", inode->i_ino);
	return snprintf(buf, size, "anon_inode:[%u]", inode->i_ino);
}

static umode_t fd_link_mode(struct file *f)
{
	u32 acc = f->f_flags & O_ACCMODE;
	umode_t mode = S_IFLNK;

	if (f->f_flags & O_PATH)
		return mode;
	if (acc != O_WRONLY)
		mode |= 0500;
	if (acc != O_RDONLY)
		mode |= 0300;
	return mode;
}

/* Linux proc_fd_permission: the mode bits, or the caller's own process. */
int proc_fd_permission(struct inode *inode, int mask)
{
	struct task_struct *task;
	int err = generic_permission(inode, mask);

	if (!err)
		return 0;
	task = proc_task(PROC_I(inode));
	return task && task->tgid == current->tgid ? 0 : err;
}

/* Linux 6.2+ proc_fdinfo_permission: fdinfo/ is 0555, so whoever may not ptrace the process
 * is refused here, at open and search, not by the mode. */
int proc_fdinfo_permission(struct inode *inode, int mask)
{
	struct task_struct *task = proc_task(PROC_I(inode));

	if (!task)
		return -ESRCH;
	if (!ptrace_may_access(task))
		return -EACCES;
	return generic_permission(inode, mask);
}

int proc_fd_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out)
{
	bool info = dir->kind == PROC_FDINFO_DIR;
	struct proc_inode *pi;
	struct file *f;
	int fd = 0;

	/* Linux 6.2+ proc_fdinfo_permission: fdinfo/ is 0555, so who may look is asked here */
	if (info && proc_task(dir) && !ptrace_may_access(proc_task(dir)))
		return -EACCES;
	if (!len || len > 4 || (name[0] == '0' && len > 1))
		return -ENOENT;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -ENOENT;
		fd = fd * 10 + (name[i] - '0');
	}
	if (!(f = task_fd(proc_task(dir), fd)))
		return -ENOENT;
	pi = proc_new_inode(info ? PROC_FDINFO_FILE : PROC_FD_LINK, info ? S_IFREG | 0444 : fd_link_mode(f),
			    fd_ino(dir->tid, fd, info));
	if (!pi)
		return -ENOMEM;
	pi->tgid = dir->tgid;
	pi->tid = dir->tid;
	pi->thread = dir->thread;
	pi->fd = fd;
	proc_task_owner(pi);
	*out = &pi->vfs_inode;
	if (info)
		pi->vfs_inode.i_fop = &proc_fdinfo_operations;
	else
		pi->vfs_inode.i_op = &proc_fd_link_inode_operations;
	return info ? 0 : proc_link_size(*out);
}

bool proc_fd_readdir(struct proc_inode *dir, struct dir_context *ctx)
{
	struct task_struct *task = proc_task(dir);
	bool info = dir->kind == PROC_FDINFO_DIR;
	char name[12];

	if (!task || (info && !ptrace_may_access(task)) || !proc_emit_dots(&dir->vfs_inode, ctx))
		return true;
	for (int fd = ctx->pos - FD_POS_FIRST; task->files && fd < task->files->fd_end; fd++) {
		if (!task->files->fd[fd])
			continue;
		snprintf(name, sizeof(name), "%d", fd);
		ctx->pos = FD_POS_FIRST + fd;
		if (!proc_emit(ctx, name, fd_ino(dir->tid, fd, info), info ? DT_REG : DT_LNK))
			return false;
	}
	return true;
}

/* The walk's jump for /proc/PID/fd/N: the file's inode, and the name it was
 * opened by (if @name).  Who may look at the task's descriptors was checked
 * when fd/ was entered, as for readlink. */
int proc_fd_get_link(struct inode *link, struct inode **target, char *name)
{
	struct file *f = task_fd(proc_task(PROC_I(link)), PROC_I(link)->fd);

	if (!f)
		return -ENOENT;
	*target = igrab(f->f_inode);
	if (name)
		strlcpy(name, f->f_path ? f->f_path : "", PATH_MAX);
	return 0;
}

int proc_fd_readlink(struct proc_inode *pi, char *buf, size_t size)
{
	struct file *f = task_fd(proc_task(pi), pi->fd);

	return f ? proc_fd_path(f, buf, size) : -ENOENT;
}

/* Linux seq_show: a 64-bit kernel's open() adds O_LARGEFILE to every file it opens by name. */
static void fdinfo_fill(struct seq_file *m, void *arg)
{
	struct proc_inode *pi = arg;
	struct task_struct *task = proc_task(pi);
	struct file *f = task_fd(task, pi->fd);
	u32 flags;

	if (!f)
		return;
	flags = f->f_flags & ~OPEN_ONLY_FLAGS;
	if (f->f_path)
		flags |= O_LARGEFILE;
	if (task->files->cloexec[pi->fd])
		flags |= O_CLOEXEC;
	seq_printf(m, "pos:\t%lu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%u\n", f->f_pos, flags,
		   f->f_inode->i_sb ? MNT_ID_ROOT : MNT_ID_PIPEFS, f->f_inode->i_ino);
	if (f->f_op && f->f_op->show_fdinfo)
		f->f_op->show_fdinfo(m, f);
}

static ssize_t proc_fdinfo_read(struct file *f, char __user *ubuf, size_t n)
{
	struct proc_inode *pi = PROC_I(f->f_inode);

	if (!task_fd(proc_task(pi), pi->fd))
		return -ENOENT;
	return proc_seq_read(f, ubuf, n, fdinfo_fill, pi);
}

const struct file_operations proc_fdinfo_operations = {
	.read = proc_fdinfo_read,
	.release = proc_seq_release,
	.seekable = true,
};
