/*
 * fs/read_write.c - read, write, their vector forms, pread/pwrite and
 * lseek (Linux: fs/read_write.c). Regular files read through the page
 * cache (generic_file_read in mm/filemap.c).
 * Every user buffer goes through copy_to_user/copy_from_user, so a bad
 * pointer gives -EFAULT (docs/linux-abi.md §2), never an oops.
 */
#include <syscalls.h>
#include <fs.h>
#include <blkdev.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

#define LONG_MAX_ 0x7fffffffffffffffL

ssize_t kernel_read(struct file *f, u64 pos, void *buf, size_t n)
{
	return filemap_read_kernel(f->f_inode, pos, buf, n);
}

/*
 * /proc/PID/io's counts (Linux add_rchar/add_wchar and inc_syscr/inc_syscw
 * in vfs_read, vfs_write and their vector forms): bytes moved, and calls
 * made on a descriptor open in that direction, whatever they returned.
 * A readv or writev is one call, however many segments it has.
 */
static void io_account(bool write, ssize_t r)
{
	struct task_io_accounting *io = &current->ioac;
	u64 moved = r > 0 ? (u64)r : 0;

	if (r == -EBADF)
		return;
	if (write) {
		io->syscw++;
		io->wchar += moved;
	} else {
		io->syscr++;
		io->rchar += moved;
	}
}

static ssize_t do_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	if (!f || (f->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->read(f, buf, MIN(count, MAX_RW_COUNT));
}

static ssize_t do_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	if (!f || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write(f, buf, MIN(count, MAX_RW_COUNT));
}

ssize_t ksys_read(unsigned int fd, char __user *buf, size_t count)
{
	ssize_t r = do_read(fd, buf, count);

	io_account(false, r);
	return r;
}

ssize_t ksys_write(unsigned int fd, const char __user *buf, size_t count)
{
	ssize_t r = do_write(fd, buf, count);

	io_account(true, r);
	return r;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count) { return ksys_read(fd, buf, count); }
SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count) { return ksys_write(fd, buf, count); }

/* Every source byte of a writev must be readable before anything is written:
 * Linux copies the whole vector in one go and fails with EFAULT first. */
static long check_iov(const struct iovec __user *uiov, unsigned long cnt, bool write)
{
	struct iovec iov;
	u64 total = 0;
	u8 probe;
	for (u64 i = 0; i < cnt; i++) {
		if (copy_from_user(&iov, uiov + i, sizeof(iov)))
			return -EFAULT;
		if ((s64)iov.iov_len < 0 || (total += iov.iov_len) > (u64)LONG_MAX_)
			return -EINVAL;              /* Linux: a negative or overflowing length */
		for (u64 off = 0; write && off < iov.iov_len; off = ALIGN_DOWN((u64)iov.iov_base + off, PAGE_SIZE) + PAGE_SIZE - (u64)iov.iov_base)
			if (copy_from_user(&probe, iov.iov_base + off, 1))
				return -EFAULT;
	}
	return 0;
}

/* Linux vfs_readv/vfs_writev check the file before the vector: EBADF, then EINVAL. */
static long iov_file_ok(unsigned int fd, bool write)
{
	struct file *f = fget(fd);
	if (!f || (f->f_flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	if (!(write ? (void *)f->f_op->write : (void *)f->f_op->read))
		return -EINVAL;
	return 0;
}

/* The count is an unsigned int, as Linux's import_iovec takes it: the upper
 * half of the syscall's 64-bit argument is ignored. */
static long readv_writev(unsigned int fd, const struct iovec __user *uiov, unsigned int cnt, bool write);

long do_readv_writev(unsigned int fd, const struct iovec __user *uiov, unsigned int cnt, bool write)
{
	long r = readv_writev(fd, uiov, cnt, write);

	io_account(write, r);
	return r;
}

static long readv_writev(unsigned int fd, const struct iovec __user *uiov, unsigned int cnt, bool write)
{
	struct iovec iov;
	long total = 0, err;
	if ((err = iov_file_ok(fd, write)))
		return err;
	if (cnt > IOV_MAX)
		return -EINVAL;
	if ((err = check_iov(uiov, cnt, write)))
		return err;
	for (u64 i = 0; i < cnt; i++) {
		long r;
		if (copy_from_user(&iov, uiov + i, sizeof(iov)))
			return total ? total : -EFAULT;
		if (!iov.iov_len)
			continue;
		r = write ? do_write(fd, iov.iov_base, iov.iov_len) : do_read(fd, iov.iov_base, iov.iov_len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((u64)r < iov.iov_len)
			break;
	}
	return total;
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_readv_writev(fd, vec, (unsigned int)vlen, true);
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_readv_writev(fd, vec, (unsigned int)vlen, false);
}

/*
 * preadv/pwritev (Linux do_preadv): readv/writev at a given offset, the file
 * position untouched.  A negative offset is EINVAL before the fd is looked
 * at; a pipe or a terminal is ESPIPE.  On x86-64 the offset is all in pos_l.
 */
static long do_piov(unsigned long fd, const struct iovec __user *vec, unsigned long vlen, loff_t pos, bool write)
{
	struct file *f;
	u64 saved;
	long r;
	if (pos < 0)
		return -EINVAL;
	if (!(f = fget(fd)))
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	saved = f->f_pos;
	f->f_pos = pos;
	r = do_readv_writev(fd, vec, (unsigned int)vlen, write);
	f->f_pos = saved;
	return r;
}

SYSCALL_DEFINE5(preadv, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	return do_piov(fd, vec, vlen, pos_l, false);
}

SYSCALL_DEFINE5(pwritev, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	return do_piov(fd, vec, vlen, pos_l, true);
}

/* preadv2/pwritev2: offset -1 means the file position (plain readv/writev).
 * Of the RWF_ flags only the hints that change nothing here are taken;
 * RWF_NOWAIT and RWF_APPEND are EOPNOTSUPP (not written yet). */
#define RWF_HIPRI 0x1
#define RWF_DSYNC 0x2
#define RWF_SYNC 0x4
#define RWF_NOWAIT 0x8
#define RWF_APPEND 0x10
#define RWF_SUPPORTED (RWF_HIPRI | RWF_DSYNC | RWF_SYNC)

static long do_piov2(unsigned long fd, const struct iovec __user *vec, unsigned long vlen, loff_t pos,
		     int flags, bool write)
{
	if (flags & (RWF_NOWAIT | RWF_APPEND))		/* Linux has these; faultline not yet */
		return syscall_unsupported("RWF flags", flags & (RWF_NOWAIT | RWF_APPEND), -EOPNOTSUPP);
	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	if (pos == -1)
		return do_readv_writev(fd, vec, (unsigned int)vlen, write);
	return do_piov(fd, vec, vlen, pos, write);
}

SYSCALL_DEFINE6(preadv2, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h, int, flags)
{
	return do_piov2(fd, vec, vlen, pos_l, flags, false);
}

SYSCALL_DEFINE6(pwritev2, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h, int, flags)
{
	return do_piov2(fd, vec, vlen, pos_l, flags, true);
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
	struct file *f = fget(fd);
	u64 saved;
	long r;
	if (!f)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	if (pos < 0)
		return -EINVAL;
	saved = f->f_pos;
	f->f_pos = pos;
	r = ksys_read(fd, buf, count);
	f->f_pos = saved;
	return r;
}

/* A pipe or a terminal has no offset; the file's own offset does not move.
 * (On an O_APPEND file Linux appends anyway, and so does this.) */
SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count, loff_t, pos)
{
	struct file *f = fget(fd);
	u64 saved;
	long r;
	if (!f)
		return -EBADF;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	if (pos < 0)
		return -EINVAL;
	saved = f->f_pos;
	f->f_pos = pos;
	r = ksys_write(fd, buf, count);
	f->f_pos = saved;
	return r;
}

/*
 * SEEK_DATA / SEEK_HOLE as Linux's generic_file_llseek_size, which ext2
 * uses: the whole file is data, with a virtual hole at its end.  So data
 * is at any offset inside the file, the next hole is i_size, and an offset
 * at or past the end (or negative) is ENXIO.  (ext4 and tmpfs find the
 * real holes of a sparse file; ext2 on Linux does not either.)
 */
static s64 seek_data_hole(struct file *f, off_t offset, unsigned int whence)
{
	u64 eof = f->f_inode->i_size;

	if ((u64)offset >= eof)
		return -ENXIO;
	f->f_pos = whence == SEEK_HOLE ? (s64)eof : offset;
	return f->f_pos;
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, off_t, offset, unsigned int, whence)
{
	struct file *f = fget(fd);
	s64 base;
	if (!f)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = S_ISBLK(f->f_inode->i_mode) ? (s64)blkdev_size(f) : (s64)f->f_inode->i_size; break;
	case SEEK_DATA:
	case SEEK_HOLE: return seek_data_hole(f, offset, whence);
	default: return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}


/*
 * sendfile(out, in, offset, count) (Linux do_sendfile): copy from a file
 * in the page cache to a pipe or to another such file, inside the kernel.
 * With @offset the input's position is *offset (updated), and the file's
 * own offset stays; without it the file's offset is used and moves. The
 * output's offset always moves (O_APPEND output: EINVAL, as Linux's
 * do_splice_direct). Into a pipe it moves what fits once some room is
 * there (Linux splice_file_to_pipe), so the count may be short.
 * Linux can also send to a terminal or /dev/null (anything with
 * write_iter); here only pipes and page-cache files take it (EINVAL).
 */
#define SENDFILE_CHUNK PAGE_SIZE

bool is_pagecache_file(struct file *f)
{
	return S_ISREG(f->f_inode->i_mode) && f->f_op->read == generic_file_read;
}

/* One chunk to the output: -EAGAIN from a pipe after the first chunk means "full, stop". */
static ssize_t sendfile_write(struct file *out, const void *buf, size_t n, bool first, bool nonblock)
{
	if (get_pipe_info(out))
		return splice_to_pipe(out, buf, n, !first || nonblock || (out->f_flags & O_NONBLOCK));
	return generic_file_write_kernel(out, buf, n);
}

static ssize_t sendfile_copy(struct file *out, struct file *in, loff_t *pos, size_t count, bool nonblock)
{
	char *buf = kmalloc(SENDFILE_CHUNK, 0);
	size_t done = 0;
	ssize_t err = 0;

	if (!buf)
		return -ENOMEM;
	while (done < count) {
		/* One page of the input at a time: a pipe gets a slot per page, as from Linux's splice. */
		size_t chunk = MIN(count - done, SENDFILE_CHUNK - (u64)*pos % SENDFILE_CHUNK);
		ssize_t r = kernel_read(in, *pos, buf, chunk), w;

		if (r <= 0) {
			err = r;
			break;
		}
		w = sendfile_write(out, buf, r, !done, nonblock);
		if (w <= 0) {
			err = w == -EAGAIN && done ? 0 : w;
			break;
		}
		*pos += w;
		done += w;
		if (w < r)
			break;		/* the pipe is full */
	}
	kfree(buf);
	return done ? (ssize_t)done : err;
}

/* splice(2) from a file into a pipe (fs/splice.c): what sendfile does, SPLICE_F_NONBLOCK too. */
ssize_t splice_file_to_pipe(struct file *in, struct file *out, loff_t *pos, size_t len, bool nonblock)
{
	return sendfile_copy(out, in, pos, MIN(len, MAX_RW_COUNT), nonblock);
}

/* Linux's order: the input (EBADF, ESPIPE, EINVAL), then the output (EBADF), then what splice can do. */
static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in = fget(in_fd), *out;
	loff_t pos;
	ssize_t r;

	if (!in || (in->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (ppos && !in->f_op->seekable)
		return -ESPIPE;
	pos = ppos ? *ppos : (loff_t)in->f_pos;
	if (pos < 0 || (loff_t)(pos + count) < 0)
		return -EINVAL;
	count = MIN(count, MAX_RW_COUNT);
	if (!(out = fget(out_fd)) || (out->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!is_pagecache_file(in) || (!get_pipe_info(out) && !is_pagecache_file(out)))
		return -EINVAL;
	if (!get_pipe_info(out) && (out->f_flags & O_APPEND))
		return -EINVAL;
	if (!count)
		return 0;
	r = sendfile_copy(out, in, &pos, count, false);
	if (r > 0) {
		if (ppos)
			*ppos = pos;
		else
			in->f_pos = pos;
	}
	return r;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, loff_t __user *, offset, size_t, count)
{
	loff_t pos;
	long r;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	r = do_sendfile(out_fd, in_fd, &pos, count);
	if (r >= 0 && put_user(pos, offset))
		return -EFAULT;
	return r;
}

/*
 * copy_file_range(fd_in, off_in, fd_out, off_out, len, flags) (Linux
 * vfs_copy_file_range with generic_copy_file_checks): copy bytes between
 * two regular files of one file system inside the kernel, through the page
 * cache.  Linux's checks, in its order (as 6.18 answers): flags must be 0
 * (EINVAL); a directory is EISDIR and anything else not regular EINVAL;
 * the input must be readable and the output writable and not O_APPEND
 * (EBADF); files on different file systems are EXDEV; a range that wraps is EOVERFLOW and a
 * negative offset EINVAL; the copy stops at the input's end; a range that
 * overlaps itself in one file is EINVAL; the output obeys RLIMIT_FSIZE
 * (SIGXFSZ, EFBIG).  With an offset pointer that offset is used and
 * updated, without it the file's own offset moves.
 */
static long copy_range_checks(struct file *in, loff_t pin, struct file *out, loff_t pout, size_t *len)
{
	struct inode *ii = in->f_inode, *io = out->f_inode;
	u64 size = ii->i_size, n = *len;

	if (S_ISDIR(ii->i_mode) || S_ISDIR(io->i_mode))
		return -EISDIR;
	if (!S_ISREG(ii->i_mode) || !S_ISREG(io->i_mode))
		return -EINVAL;
	if ((in->f_flags & O_ACCMODE) == O_WRONLY || (out->f_flags & O_ACCMODE) == O_RDONLY ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (ii->i_sb != io->i_sb || !ii->i_sb)
		return -EXDEV;
	if ((u64)pin + n < (u64)pin || (u64)pout + n < (u64)pout)
		return -EOVERFLOW;
	if (pin < 0 || pout < 0 || (loff_t)(pin + n) < 0 || (loff_t)(pout + n) < 0)
		return -EINVAL;		/* Linux rw_verify_area */
	n = (u64)pin >= size ? 0 : MIN(n, size - (u64)pin);
	if (ii == io && (u64)pout + n > (u64)pin && (u64)pout < (u64)pin + n)
		return -EINVAL;
	*len = MIN(n, MAX_RW_COUNT);
	return 0;
}

/* Chunk by chunk through a kernel buffer. */
static ssize_t copy_range(struct file *in, loff_t pin, struct file *out, loff_t pout, size_t len)
{
	char *buf = len ? kmalloc(SENDFILE_CHUNK, 0) : NULL;
	size_t done = 0;
	ssize_t err = 0;

	if (len && !buf)
		return -ENOMEM;
	while (done < len) {
		ssize_t r = kernel_read(in, pin + done, buf, MIN(len - done, SENDFILE_CHUNK)), w;

		if (r <= 0) {
			err = r;
			break;
		}
		w = kernel_write_at(out, buf, r, pout + done);
		if (w <= 0) {
			err = w;
			break;
		}
		done += w;
		if (w < r)
			break;
	}
	kfree(buf);
	return done ? (ssize_t)done : err;
}

/* An offset a call may be given (copy_file_range, splice): *uoff, or the file's own. */
long get_file_offset(loff_t __user *uoff, struct file *f, loff_t *pos)
{
	if (!uoff) {
		*pos = (loff_t)f->f_pos;
		return 0;
	}
	return copy_from_user(pos, uoff, sizeof(*pos)) ? -EFAULT : 0;
}

/* ... and where it ends: back to *uoff, or the file's own offset moves. */
long put_file_offset(loff_t __user *uoff, struct file *f, loff_t pos)
{
	if (!uoff) {
		f->f_pos = pos;
		return 0;
	}
	return put_user(pos, uoff) ? -EFAULT : 0;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, loff_t __user *, off_in, int, fd_out, loff_t __user *, off_out,
		size_t, len, unsigned int, flags)
{
	struct file *in = fget(fd_in), *out = fget(fd_out);
	loff_t pin, pout;
	ssize_t r;

	if (!in || !out)
		return -EBADF;
	if (get_file_offset(off_in, in, &pin) || get_file_offset(off_out, out, &pout))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	if ((r = copy_range_checks(in, pin, out, pout, &len)) || !len)
		return r;
	r = copy_range(in, pin, out, pout, len);
	if (r > 0 && (put_file_offset(off_in, in, pin + r) || put_file_offset(off_out, out, pout + r)))
		return -EFAULT;
	return r;
}
