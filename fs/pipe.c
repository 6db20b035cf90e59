/*
 * fs/pipe.c - pipes: a ring buffer shared by a read end and a write end
 * (Linux: fs/pipe.c).  A reader sleeps while the pipe is empty and a writer
 * exists; with no writer left it reads end-of-file.  A writer with no reader
 * gets SIGPIPE and -EPIPE.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <errno.h>

#define PIPE_SIZE 65536           /* Linux's default pipe capacity */

struct pipe_inode_info {
	u8 *buf;
	u64 size;                     /* capacity: PIPE_SIZE, or what F_SETPIPE_SZ set */
	u64 head, tail;               /* bytes written / read so far */
	int readers, writers;
	u64 r_counter, w_counter;     /* opens of each end so far (a FIFO waits for the other to change) */
};

static u64 pipe_used(struct pipe_inode_info *p) { return p->head - p->tail; }

static ssize_t pipe_read(struct file *f, char *ubuf, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;
	while (!pipe_used(p)) {
		if (!p->writers)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(p))
			return -ERESTARTSYS;
	}
	while (done < n && pipe_used(p)) {
		u64 off = p->tail % p->size;
		size_t chunk = MIN(MIN(n - done, pipe_used(p)), p->size - off);
		if (copy_to_user(ubuf + done, p->buf + off, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->tail += chunk;
		done += chunk;
	}
	wake_up(p);
	return done;
}

static ssize_t pipe_write(struct file *f, const char *ubuf, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;
	while (done < n) {
		u64 off, chunk;
		if (!p->readers) {
			send_signal(current, SIGPIPE, NULL);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (pipe_used(p) == p->size) {
			wake_up(p);
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (sleep_on(p))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		off = p->head % p->size;
		chunk = MIN(MIN(n - done, p->size - pipe_used(p)), p->size - off);
		if (copy_from_user(p->buf + off, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->head += chunk;
		done += chunk;
	}
	wake_up(p);
	return done;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	u32 acc = f->f_flags & O_ACCMODE;
	if (acc != O_WRONLY)
		p->readers--;
	if (acc != O_RDONLY)
		p->writers--;
	wake_up(p);
	if (!p->readers && !p->writers) {
		kfree(p->buf);
		kfree(p);
		f->f_inode->i_pipe = NULL;
	}
}

#define POLLIN 0x001
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010

/* Read end: data, or hang-up when no writer is left; write end: room, or
 * an error when no reader is left (Linux: pipe_poll). */
static unsigned pipe_poll(struct file *f)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	unsigned mask = 0;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY) {
		if (pipe_used(p))
			mask |= POLLIN;
		if (!p->writers)
			mask |= POLLHUP;
	} else {
		if (pipe_used(p) < p->size)
			mask |= POLLOUT;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

#define FIONREAD 0x541b

/* FIONREAD: how many bytes a read would find now. */
static long pipe_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	int n = (int)pipe_used(f->f_inode->i_pipe);
	if (cmd != FIONREAD)
		return -ENOTTY;
	return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read, .write = pipe_write, .release = pipe_release, .poll = pipe_poll,
	.ioctl = pipe_ioctl,
};

int do_pipe(struct file **rd, struct file **wr)
{
	struct inode *inode = new_inode_pseudo();
	struct pipe_inode_info *p = kzalloc(sizeof(*p));
	u8 *buf = kmalloc(PIPE_SIZE, 0);
	if (!inode || !p || !buf)
		goto nomem;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_fop = &pipe_fops;
	inode->i_pipe = p;
	p->buf = buf;
	p->size = PIPE_SIZE;
	p->readers = p->writers = 1;
	*rd = file_open_inode(inode, O_RDONLY);
	*wr = file_open_inode(inode, O_WRONLY);
	iput(inode);                   /* the two files hold it now */
	if (*rd && *wr)
		return 0;
	return -ENOMEM;               /* (leaks on this path are bounded: boot-time OOM only) */
nomem:
	kfree(inode);
	kfree(p);
	kfree(buf);
	return -ENOMEM;
}

/*
 * Linux wait_for_partner: wait until the other end has been opened since we
 * started waiting (a counter, not the current count, so a writer that opens,
 * writes and closes before we wake still lets us go). -ERESTARTSYS on a signal.
 */
static int wait_for_partner(struct pipe_inode_info *p, int *partners, u64 *counter)
{
	u64 seen = *counter;

	while (!*partners && *counter == seen)
		if (sleep_on(p))
			return -ERESTARTSYS;
	return 0;
}

/*
 * Linux fifo_open: a named pipe on a file system (mkfifo). The pipe lives
 * while someone has it open. A reader waits for a writer and a writer for a
 * reader, unless O_NONBLOCK: then a reader opens at once and a writer with
 * no reader gets ENXIO. O_RDWR never waits (Linux allows it).
 */
int fifo_open(struct file *f)
{
	struct inode *inode = f->f_inode;
	struct pipe_inode_info *p = inode->i_pipe;
	u32 acc = f->f_flags & O_ACCMODE;
	bool nonblock = f->f_flags & O_NONBLOCK;
	int err = 0;

	if (!p) {
		p = kzalloc(sizeof(*p));
		if (!p || !(p->buf = kmalloc(PIPE_SIZE, 0))) {
			kfree(p);
			return -ENOMEM;
		}
		p->size = PIPE_SIZE;
		inode->i_pipe = p;
	}
	if (acc == O_WRONLY && nonblock && !p->readers)
		err = -ENXIO;
	if (!err) {
		p->readers += acc != O_WRONLY;
		p->writers += acc != O_RDONLY;
		p->r_counter += acc != O_WRONLY;
		p->w_counter += acc != O_RDONLY;
		f->f_op = &pipe_fops;
		wake_up(p);
	}
	if (!err && acc == O_RDONLY && !nonblock)
		err = wait_for_partner(p, &p->writers, &p->w_counter);
	else if (!err && acc == O_WRONLY)
		err = wait_for_partner(p, &p->readers, &p->r_counter);
	if (err && f->f_op == &pipe_fops) {
		pipe_release(f);	/* undo our count; frees the pipe if we were alone */
		f->f_op = inode->i_fop;
	} else if (err && !p->readers && !p->writers) {
		kfree(p->buf);
		kfree(p);
		inode->i_pipe = NULL;
	}
	return err;
}

static int do_pipe2(int __user *fildes, int flags)
{
	struct file *rd, *wr;
	int fds[2], err;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if ((err = do_pipe(&rd, &wr)))
		return err;
	rd->f_flags |= flags & O_NONBLOCK;
	wr->f_flags |= flags & O_NONBLOCK;
	fds[0] = fd_install(rd, 0);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(wr, 0);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			current->files->fd[fds[0]] = NULL;
		fput(rd);
		fput(wr);
		return -EMFILE;
	}
	if (flags & O_CLOEXEC)
		current->files->cloexec[fds[0]] = current->files->cloexec[fds[1]] = 1;
	if (copy_to_user(fildes, fds, sizeof(fds))) {
		current->files->fd[fds[0]] = current->files->fd[fds[1]] = NULL;
		fput(rd);
		fput(wr);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags) { return do_pipe2(fildes, flags); }
SYSCALL_DEFINE1(pipe, int __user *, fildes) { return do_pipe2(fildes, 0); }

/*
 * fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (Linux: pipe_fcntl).  The capacity is
 * a power-of-two number of pages, at least one; the bytes in the pipe move
 * to the new buffer in order.  Shrinking below what the pipe holds is
 * EBUSY.  Root may pass /proc/sys/fs/pipe-max-size (1 MiB), as with
 * CAP_SYS_RESOURCE on Linux, up to PIPE_SIZE_LIMIT here.
 */
#define PIPE_SIZE_LIMIT (16UL << 20)

static u64 round_pipe_size(unsigned long size)
{
	u64 r = PAGE_SIZE;
	if (size > PIPE_SIZE_LIMIT)
		return 0;
	while (r < size)
		r <<= 1;
	return r;
}

static long pipe_set_size(struct pipe_inode_info *p, unsigned long arg)
{
	u64 size = round_pipe_size(arg), used = pipe_used(p);
	u8 *buf;
	if (!size)
		return -ENOMEM;		/* Linux: more than the pipe can ever have */
	if (size < used)
		return -EBUSY;
	if (size == p->size)
		return size;
	if (!(buf = kmalloc(size, 0)))
		return -ENOMEM;
	for (u64 i = 0; i < used; i++)
		buf[i] = p->buf[(p->tail + i) % p->size];
	kfree(p->buf);
	p->buf = buf;
	p->size = size;
	p->tail = 0;
	p->head = used;
	wake_up(p);			/* writers may fit now */
	return size;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = f->f_op == &pipe_fops ? f->f_inode->i_pipe : NULL;
	if (!p)
		return -EBADF;		/* Linux: not a pipe */
	return cmd == F_GETPIPE_SZ ? (long)p->size : pipe_set_size(p, arg);
}
