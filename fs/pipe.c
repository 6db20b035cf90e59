/*
 * fs/pipe.c - pipes: a ring buffer shared by a read end and a write end
 * (Linux: fs/pipe.c).  A reader sleeps while the pipe is empty and a writer
 * exists; with no writer left it reads end-of-file.  A writer with no reader
 * gets SIGPIPE and -EPIPE.
 *
 * Packet mode (pipe2 O_DIRECT, Linux 3.4): each write by an O_DIRECT end is
 * one packet per page (a longer write is split into page-sized packets), and
 * a read returns at most one packet; a read shorter than the packet takes
 * what fits and the rest of the packet is thrown away. Linux keeps each
 * packet in a pipe_buffer of its own, so a pipe holds at most size/PAGE_SIZE
 * packets (16 by default), however small; here a small ring of packet
 * starts and lengths beside the bytes says the same.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <uapi/asm-generic/poll.h>
#include <proc_fs.h>
#include <cred.h>
#include <init.h>

#define PIPE_SIZE 65536           /* Linux's default pipe capacity */
#define PIPE_PACKET_MAX PAGE_SIZE /* Linux: one pipe_buffer, one page */
#define PIPE_BUF 4096             /* POSIX: writes up to this size are atomic */

struct pipe_packet { u64 start, len; };	/* where in the byte stream (head/tail counts) */

struct pipe_inode_info {
	u8 *buf;
	u64 size;                     /* capacity: PIPE_SIZE, or what F_SETPIPE_SZ set */
	u64 head, tail;               /* bytes written / read so far */
	int readers, writers;
	u64 r_counter, w_counter;     /* opens of each end so far (a FIFO waits for the other to change) */
	u64 hangups;                  /* ends closed so far: a wake-up for EPOLLET */
	struct pipe_packet *pkt;      /* packet mode: a ring of size / PAGE_SIZE packets (NULL: none yet) */
	u64 pkt_head, pkt_tail;       /* packets written / read so far */
	struct fasync_struct *fasync_readers, *fasync_writers;	/* O_ASYNC ends: SIGIO (fs/fcntl.c) */
};

static u64 pipe_used(struct pipe_inode_info *p) { return p->head - p->tail; }
static u64 pipe_slots(struct pipe_inode_info *p) { return p->size / PAGE_SIZE; }
static bool is_packetized(struct file *f) { return f->f_flags & O_DIRECT; }

/* The packet the next read starts with, or NULL if the next bytes are plain ones. */
static struct pipe_packet *next_packet(struct pipe_inode_info *p)
{
	struct pipe_packet *pk = p->pkt_head != p->pkt_tail ? &p->pkt[p->pkt_tail % pipe_slots(p)] : NULL;

	return pk && pk->start == p->tail ? pk : NULL;
}

/* Plain bytes a read may take before the next packet starts. */
static u64 bytes_before_packet(struct pipe_inode_info *p)
{
	if (p->pkt_head == p->pkt_tail)
		return pipe_used(p);
	return p->pkt[p->pkt_tail % pipe_slots(p)].start - p->tail;
}

/* Copy @n bytes out of the ring at the read position, without consuming them. */
static int pipe_copy_out(struct pipe_inode_info *p, char *ubuf, size_t n)
{
	for (size_t done = 0; done < n;) {
		u64 off = (p->tail + done) % p->size;
		size_t chunk = MIN(n - done, p->size - off);

		if (copy_to_user(ubuf + done, p->buf + off, chunk))
			return -EFAULT;
		done += chunk;
	}
	return 0;
}

/* Linux pipe_read with PIPE_BUF_FLAG_PACKET: one packet, its excess dropped. */
static ssize_t pipe_read_packet(struct pipe_inode_info *p, struct pipe_packet *pk, char *ubuf, size_t n)
{
	size_t chunk = MIN(n, pk->len);

	if (pipe_copy_out(p, ubuf, chunk))
		return -EFAULT;
	p->tail += pk->len;
	p->pkt_tail++;
	wake_up(p);
	return chunk;
}

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
	if (next_packet(p))
		return n ? pipe_read_packet(p, next_packet(p), ubuf, n) : 0;
	while (done < n && bytes_before_packet(p)) {
		u64 off = p->tail % p->size;
		size_t chunk = MIN(MIN(n - done, bytes_before_packet(p)), p->size - off);
		if (copy_to_user(ubuf + done, p->buf + off, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->tail += chunk;
		done += chunk;
	}
	wake_up(p);
	kill_fasync(&p->fasync_writers, POLL_OUT);	/* Linux pipe_read */
	return done;
}

/* Copy into the ring at the write position (not yet published): how many bytes made it. */
static u64 pipe_copy_in(struct pipe_inode_info *p, const char *src, u64 n, bool user)
{
	u64 done = 0;

	while (done < n) {
		u64 off = (p->head + done) % p->size, chunk = MIN(n - done, p->size - off), left = 0;

		if (user)
			left = copy_from_user(p->buf + off, src + done, chunk);
		else
			memcpy(p->buf + off, src + done, chunk);
		done += chunk - left;
		if (left)
			break;
	}
	return done;
}

/* Room for one more packet of @len bytes: a free slot and the bytes. */
static bool packet_fits(struct pipe_inode_info *p, u64 len)
{
	return p->pkt_head - p->pkt_tail < pipe_slots(p) && p->size - pipe_used(p) >= len;
}

static int alloc_packet_ring(struct pipe_inode_info *p)
{
	if (!p->pkt && !(p->pkt = kzalloc(pipe_slots(p) * sizeof(*p->pkt))))
		return -ENOMEM;
	return 0;
}

/* Put one packet of @len bytes in, the room checked already. */
static int pipe_put_packet(struct pipe_inode_info *p, const char *ubuf, u64 len)
{
	if (pipe_copy_in(p, ubuf, len, true) != len)
		return -EFAULT;
	p->pkt[p->pkt_head++ % pipe_slots(p)] = (struct pipe_packet){ p->head, len };
	p->head += len;
	wake_up(p);
	return 0;
}

/* An O_DIRECT writer: page-sized packets, each whole or not at all. */
static ssize_t pipe_write_packets(struct file *f, const char *ubuf, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;
	int err = alloc_packet_ring(p);

	while (!err && done < n) {
		u64 len = MIN(n - done, PIPE_PACKET_MAX);

		if (!p->readers) {
			send_signal_thread(current, SIGPIPE, NULL);	/* Linux send_sig: to the writing thread */
			err = -EPIPE;
		} else if (!packet_fits(p, len)) {
			err = (f->f_flags & O_NONBLOCK) ? -EAGAIN : sleep_on(p) ? -ERESTARTSYS : 0;
		} else if (!(err = pipe_put_packet(p, ubuf + done, len))) {
			done += len;
		}
	}
	return done ? (ssize_t)done : err;
}

/*
 * Linux pipe_write: a write of at most PIPE_BUF bytes goes in whole or
 * waits (O_NONBLOCK: EAGAIN) - POSIX's atomic writes; a longer one goes in
 * as room appears and may end short. @user: @src is user memory (write),
 * else kernel memory (sendfile's splice).
 */
static ssize_t pipe_write_from(struct file *f, const char *src, size_t n, bool user, bool nonblock)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;
	while (done < n) {
		u64 room = p->size - pipe_used(p), chunk, copied;
		if (!p->readers) {
			send_signal_thread(current, SIGPIPE, NULL);	/* Linux send_sig: to the writing thread */
			return done ? (ssize_t)done : -EPIPE;
		}
		if (!room || (n <= PIPE_BUF && room < n)) {
			wake_up(p);
			if (nonblock)
				return done ? (ssize_t)done : -EAGAIN;
			if (sleep_on(p))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		chunk = MIN(n - done, room);
		copied = pipe_copy_in(p, src + done, chunk, user);
		p->head += copied;
		done += copied;
		if (copied < chunk) {
			wake_up(p);
			return done ? (ssize_t)done : -EFAULT;
		}
	}
	wake_up(p);
	kill_fasync(&p->fasync_readers, POLL_IN);	/* Linux pipe_write */
	return done;
}

static ssize_t pipe_write(struct file *f, const char *ubuf, size_t n)
{
	if (is_packetized(f))
		return pipe_write_packets(f, ubuf, n);
	return pipe_write_from(f, ubuf, n, true, f->f_flags & O_NONBLOCK);
}

static void free_pipe_info(struct pipe_inode_info *p)
{
	kfree(p->pkt);
	kfree(p->buf);
	kfree(p);
}

/* Linux pipe_fasync: a reading end goes on the readers' list, a writing end on the writers'. */
static int pipe_fasync(int fd, struct file *f, bool on)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	u32 acc = f->f_flags & O_ACCMODE;
	int err = 0;

	if (acc != O_WRONLY)
		err = fasync_helper(fd, f, on, &p->fasync_readers);
	if (!err && acc != O_RDONLY)
		err = fasync_helper(fd, f, on, &p->fasync_writers);
	return err;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	u32 acc = f->f_flags & O_ACCMODE;
	if (acc != O_WRONLY)
		p->readers--;
	if (acc != O_RDONLY)
		p->writers--;
	p->hangups++;
	wake_up(p);
	if (!p->readers && !p->writers) {
		free_pipe_info(p);
		f->f_inode->i_pipe = NULL;
	}
}

/* Read end: data, or hang-up when no writer is left; write end: room, or
 * an error when no reader is left (Linux: pipe_poll, with its RDNORM and
 * WRNORM twins). A FIFO opened O_RDWR is both. */
static unsigned pipe_poll(struct file *f)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	u32 acc = f->f_flags & O_ACCMODE;
	unsigned mask = 0;
	if (acc != O_WRONLY) {
		if (pipe_used(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (acc != O_RDONLY) {
		if (pipe_used(p) < p->size && (!p->pkt || p->pkt_head - p->pkt_tail < pipe_slots(p)))
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

/* Linux wakes readers (POLLIN) on every write and a writer's close, writers
 * (POLLOUT) on every read and a reader's close: count those here. */
static u64 pipe_poll_seq(struct file *f, unsigned events)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;

	return (events & POLLIN ? p->head : 0) + (events & POLLOUT ? p->tail : 0) + p->hangups;
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
	.read = pipe_read, .write = pipe_write, .release = pipe_release, .poll = pipe_poll, .fasync = pipe_fasync,
	.poll_seq = pipe_poll_seq, .ioctl = pipe_ioctl,
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
		free_pipe_info(p);
		inode->i_pipe = NULL;
	}
	return err;
}

/* Linux do_pipe2 (create_pipe_files): O_CLOEXEC for both descriptors, O_NONBLOCK for both files,
 * O_DIRECT (packets) for the write end only: packets are made by writers. */
#define PIPE2_FLAGS (O_CLOEXEC | O_NONBLOCK | O_DIRECT)

static int do_pipe2(int __user *fildes, int flags)
{
	struct file *rd, *wr;
	int fds[2], err;
	if (flags & ~PIPE2_FLAGS)
		return -EINVAL;
	if ((err = do_pipe(&rd, &wr)))
		return err;
	rd->f_flags |= flags & O_NONBLOCK;
	wr->f_flags |= flags & (O_NONBLOCK | O_DIRECT);
	fds[0] = install_cloexec(rd, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE : install_cloexec(wr, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			close_fd(fds[0]);
		else
			fput(rd);
		fput(wr);
		return -EMFILE;
	}
	if (copy_to_user(fildes, fds, sizeof(fds))) {
		close_fd(fds[0]);
		close_fd(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags) { return do_pipe2(fildes, flags); }
SYSCALL_DEFINE1(pipe, int __user *, fildes) { return do_pipe2(fildes, 0); }

/*
 * fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (Linux: pipe_fcntl, pipe_set_size).
 * The capacity is a power-of-two number of pages, at least one; the bytes
 * in the pipe move to the new buffer in order.  Shrinking below what the
 * pipe holds is EBUSY.  More than 2 GiB is EINVAL; growing past
 * /proc/sys/fs/pipe-max-size (1 MiB) needs CAP_SYS_RESOURCE, else EPERM.
 * The buffer is one kmalloc block here, so even root gets ENOMEM past
 * PIPE_SIZE_LIMIT.  (Linux also caps a user's pipe pages with
 * pipe-user-pages-soft/hard; not here.)
 */
#define PIPE_SIZE_LIMIT (16UL << 20)
#define PIPE_ROUND_MAX (1UL << 31)	/* Linux round_pipe_size: larger is no size */

static unsigned long pipe_max_size = 1UL << 20;	/* Linux: /proc/sys/fs/pipe-max-size */

/* Linux round_pipe_size: pages, a power of two; 0 for more than 2 GiB. */
static u64 round_pipe_size(unsigned long size)
{
	u64 r = PAGE_SIZE;
	if (size > PIPE_ROUND_MAX)
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
		return -EINVAL;
	if (size > p->size && size > pipe_max_size && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (size > PIPE_SIZE_LIMIT)
		return -ENOMEM;
	if (size < used || (p->pkt && p->pkt_head != p->pkt_tail))
		return -EBUSY;		/* (queued packets are not moved: a simplification) */
	if (size == p->size)
		return size;
	kfree(p->pkt);			/* the next packet write sizes it again */
	p->pkt = NULL;
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

/* Linux get_pipe_info: the pipe behind @f, or NULL if it is no pipe (or a FIFO not open as one). */
struct pipe_inode_info *get_pipe_info(struct file *f)
{
	return f->f_op == &pipe_fops ? f->f_inode->i_pipe : NULL;
}

/*
 * sendfile into a pipe (Linux splice_file_to_pipe): wait for some room
 * (EAGAIN if @nonblock), then put in what fits now, no more. A pipe with
 * no reader is SIGPIPE and EPIPE, as for write().
 */
ssize_t splice_to_pipe(struct file *f, const void *buf, size_t n, bool nonblock)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;

	while (p->readers && pipe_used(p) == p->size) {
		if (nonblock)
			return -EAGAIN;
		if (sleep_on(p))
			return -ERESTARTSYS;
	}
	return pipe_write_from(f, buf, MIN(n, p->size - pipe_used(p)), false, true);
}

/* /proc/sys/fs/pipe-max-size: read and set as Linux's proc_dopipe_max_size,
 * a value rounded up as F_SETPIPE_SZ rounds it (EINVAL past 2 GiB). */
static void pipe_max_size_show(struct seq_file *m)
{
	seq_printf(m, "%lu\n", pipe_max_size);
}

static int pipe_max_size_write(const char *buf, size_t n)
{
	unsigned long v = 0;
	const char *c = buf;
	(void)n;
	for (; *c >= '0' && *c <= '9' && v <= PIPE_ROUND_MAX; c++)
		v = v * 10 + (*c - '0');
	if (c == buf || (*c && *c != '\n') || !round_pipe_size(v))
		return -EINVAL;
	pipe_max_size = round_pipe_size(v);
	return 0;
}

static int pipe_sysctl_init(void)
{
	return proc_create_rw("sys/fs/pipe-max-size", pipe_max_size_show, pipe_max_size_write);
}
fs_initcall(pipe_sysctl_init);
