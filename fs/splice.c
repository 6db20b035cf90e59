/*
 * fs/splice.c - splice(2), tee(2) and vmsplice(2) (Linux: fs/splice.c).
 *
 * splice moves bytes between a pipe and a file, or between two pipes,
 * without passing them through user space; tee copies a pipe's bytes into
 * another pipe and leaves them where they were; vmsplice moves user memory
 * into a pipe or a pipe into user memory.  Linux moves page references
 * (pipe_buffers point into the page cache); faultline copies through a
 * kernel page, which a program cannot tell apart.
 *
 * The waits are Linux's: a splice waits until its input pipe has something
 * (0 at EOF, EAGAIN with SPLICE_F_NONBLOCK or an O_NONBLOCK pipe) and its
 * output pipe has a free slot (EPIPE and SIGPIPE without a reader), then
 * moves what is there and what fits, without waiting for more.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>

#define SPLICE_F_MOVE 0x01	/* Linux uapi/linux/splice.h: hints, ignored as by Linux */
#define SPLICE_F_NONBLOCK 0x02
#define SPLICE_F_MORE 0x04
#define SPLICE_F_GIFT 0x08
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)
#define SPLICE_CHUNK PAGE_SIZE

static bool readable(struct file *f) { return (f->f_flags & O_ACCMODE) != O_WRONLY; }
static bool writable(struct file *f) { return (f->f_flags & O_ACCMODE) != O_RDONLY; }

/* Bytes from a pipe to a file at *pos (Linux iter_file_splice_write): wait
 * once, then take what is there, a page at a time. */
static ssize_t pipe_to_file(struct file *in, struct file *out, loff_t *pos, size_t len, bool nonblock)
{
	char *buf = kmalloc(SPLICE_CHUNK, 0);
	ssize_t done = 0, err;

	if (!buf)
		return -ENOMEM;
	err = pipe_wait_data(in, nonblock);
	while (err > 0 && (size_t)done < len) {
		ssize_t got = pipe_take(in, buf, MIN(len - done, SPLICE_CHUNK)), w;

		if (!got)
			break;			/* empty again: Linux does not wait for more */
		w = kernel_write_at(out, buf, got, *pos);
		if (w < 0) {
			err = w;
			break;
		}
		*pos += w;
		done += w;
		if (w < got)
			break;			/* the file is full: what did not fit is lost, as on Linux */
	}
	kfree(buf);
	return done ? done : err;
}

/* Bytes from one pipe to another (Linux splice_pipe_to_pipe), or copies of
 * them (Linux link_pipe, for tee: @keep). */
static ssize_t pipe_to_pipe(struct file *in, struct file *out, size_t len, bool nonblock, bool keep)
{
	char *buf = kmalloc(SPLICE_CHUNK, 0);
	ssize_t done = 0, err = 0;

	if (!buf)
		return -ENOMEM;
	while ((size_t)done < len) {
		int data = pipe_wait_data(in, nonblock || done);	/* Linux ipipe_prep, then opipe_prep */
		long room = data > 0 ? pipe_wait_room(out, nonblock || done) : 0;
		ssize_t got;

		if (data <= 0 || room <= 0) {
			err = data <= 0 ? data : room;
			break;
		}
		got = MIN(MIN(len - (size_t)done, (size_t)room), SPLICE_CHUNK);
		got = keep ? pipe_peek(in, buf, done, got) : pipe_take(in, buf, got);
		if (!got)
			break;
		splice_to_pipe(out, buf, got, true);	/* there is a free slot: it cannot wait */
		done += got;
	}
	kfree(buf);
	return done ? done : err;
}

/* A file into a pipe: the file's offset (or *off_in) is where the bytes come from. */
static long splice_in(struct file *in, loff_t __user *off_in, struct file *out, size_t len, unsigned int flags)
{
	bool nonblock = (flags & SPLICE_F_NONBLOCK) || (out->f_flags & O_NONBLOCK);
	loff_t pos;
	ssize_t r;

	if (get_file_offset(off_in, in, &pos))
		return -EFAULT;
	if (pos < 0 || (loff_t)(pos + len) < 0)
		return -EINVAL;			/* Linux rw_verify_area */
	if (!is_pagecache_file(in))
		return -EINVAL;			/* only page-cache files here (Linux: any file with splice_read) */
	r = splice_file_to_pipe(in, out, &pos, len, nonblock);
	if (r > 0 && put_file_offset(off_in, in, pos))
		return -EFAULT;
	return r;
}

/* A pipe into a file: O_APPEND is EINVAL (Linux do_splice). */
static long splice_out(struct file *in, struct file *out, loff_t __user *off_out, size_t len, unsigned int flags)
{
	bool nonblock = (flags & SPLICE_F_NONBLOCK) || (in->f_flags & O_NONBLOCK);
	loff_t pos;
	ssize_t r;

	if (get_file_offset(off_out, out, &pos))
		return -EFAULT;
	if (out->f_flags & O_APPEND)
		return -EINVAL;
	if (pos < 0 || (loff_t)(pos + len) < 0)
		return -EINVAL;
	if (!is_pagecache_file(out))
		return -EINVAL;			/* as splice_in: page-cache files only */
	r = pipe_to_file(in, out, &pos, len, nonblock);
	if (r > 0 && put_file_offset(off_out, out, pos))
		return -EFAULT;
	return r;
}

/* Linux do_splice, in its order. */
static long do_splice(struct file *in, loff_t __user *off_in, struct file *out, loff_t __user *off_out,
		      size_t len, unsigned int flags)
{
	struct pipe_inode_info *ipipe = get_pipe_info(in), *opipe = get_pipe_info(out);

	if ((ipipe && off_in) || (opipe && off_out))
		return -ESPIPE;
	if (!readable(in) || !writable(out))
		return -EBADF;
	if (ipipe && opipe) {
		if (ipipe == opipe)
			return -EINVAL;
		return pipe_to_pipe(in, out, len, (flags & SPLICE_F_NONBLOCK) ||
				    ((in->f_flags | out->f_flags) & O_NONBLOCK), false);
	}
	if (ipipe)
		return splice_out(in, out, off_out, len, flags);
	if (opipe)
		return splice_in(in, off_in, out, len, flags);
	return -EINVAL;
}

SYSCALL_DEFINE6(splice, int, fd_in, loff_t __user *, off_in, int, fd_out, loff_t __user *, off_out,
		size_t, len, unsigned int, flags)
{
	struct file *in, *out;

	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!(in = fget(fd_in)) || !(out = fget(fd_out)))
		return -EBADF;
	return do_splice(in, off_in, out, off_out, MIN(len, MAX_RW_COUNT), flags);
}

/* Linux sys_tee: two different pipes, the first read, the second written. */
SYSCALL_DEFINE4(tee, int, fdin, int, fdout, size_t, len, unsigned int, flags)
{
	struct file *in, *out;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	if (!(in = fget(fdin)) || !(out = fget(fdout)))
		return -EBADF;
	if (!get_pipe_info(in) || !get_pipe_info(out) || get_pipe_info(in) == get_pipe_info(out))
		return -EINVAL;
	if (!readable(in) || !writable(out))
		return -EBADF;
	return pipe_to_pipe(in, out, MIN(len, MAX_RW_COUNT), (flags & SPLICE_F_NONBLOCK) ||
			    ((in->f_flags | out->f_flags) & O_NONBLOCK), true);
}

/*
 * vmsplice (Linux vmsplice_to_pipe / vmsplice_to_user): a pipe's write end
 * waits for one free slot (EAGAIN with SPLICE_F_NONBLOCK), then takes as
 * much of the user's memory as fits without waiting again; its read end
 * gives bytes as readv would (waiting for some unless SPLICE_F_NONBLOCK).
 * The "no more waiting" is O_NONBLOCK, set on the file only while a call
 * runs that therefore never sleeps.  Not a pipe: EBADF.
 */
SYSCALL_DEFINE4(vmsplice, int, fd, const struct iovec __user *, uiov, unsigned long, nr_segs, unsigned int, flags)
{
	struct file *f = fget(fd);
	bool nonblock = flags & SPLICE_F_NONBLOCK;
	u32 saved;
	long r;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!f || !get_pipe_info(f))
		return -EBADF;
	if (writable(f) && (r = pipe_wait_room(f, nonblock || (f->f_flags & O_NONBLOCK))) < 0)
		return r;
	saved = f->f_flags;
	if (nonblock || writable(f))
		f->f_flags |= O_NONBLOCK;
	r = do_readv_writev(fd, uiov, nr_segs, writable(f));
	f->f_flags = saved;
	return r;
}
