/*
 * fs/pipe.c - pipes: a ring of page slots shared by a read end and a write
 * end (Linux: fs/pipe.c).  A reader sleeps while the pipe is empty and a
 * writer exists; with no writer left it reads end-of-file.  A writer with
 * no reader gets SIGPIPE and -EPIPE.
 *
 * The ring (Linux: pipe->bufs, struct pipe_buffer): ring_size slots, 16 by
 * default, each one page holding the unread bytes page[offset, offset+len).
 * Capacity is counted in slots, as Linux counts it:
 *   write   a pipe that is not empty first takes the write's part beyond
 *           whole pages (n % PAGE_SIZE) into the last slot's page, if it
 *           fits there whole and the slot may be merged into; the rest
 *           goes a page per free slot.  So a write of at most PIPE_BUF
 *           bytes goes in whole or waits (POSIX's atomic writes)
 *   read    takes bytes from the oldest slot; a slot is free again only
 *           when all of its bytes are read
 *   poll    writable while a slot is free, whatever room the last page has
 * F_GETPIPE_SZ is slots * PAGE_SIZE; FIONREAD counts bytes.  The pages are
 * one kmalloc block taken when the pipe is made (Linux allocates a page
 * per slot as data comes).
 *
 * Packet mode (pipe2 O_DIRECT, Linux 3.4): a write by an O_DIRECT end puts
 * each page of it in a slot marked PIPE_BUF_FLAG_PACKET, never merged into;
 * a read that reaches a packet slot ends there, and takes the packet
 * whole: what does not fit in the reader's buffer is thrown away.
 *
 * EPOLLET (fs/eventpoll.c) sees Linux's wake-ups: readers are woken after
 * every write, writers only when a read frees a slot of a full pipe.
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

#define PIPE_DEF_BUFFERS 16	/* Linux: a new pipe has 16 slots, 64 KiB */
#define PIPE_BUF 4096		/* POSIX: writes up to this size are atomic; one slot */

/* struct pipe_buffer's flags (Linux include/linux/pipe_fs_i.h) */
#define PIPE_BUF_FLAG_PACKET 0x08	/* read as one packet (O_DIRECT) */
#define PIPE_BUF_FLAG_CAN_MERGE 0x10	/* a later write may add to the page */

/* One slot of the ring (Linux: struct pipe_buffer); its page is the pipe's
 * slot-th page, the unread bytes page[offset, offset + len). */
struct pipe_buffer {
	u32 offset, len;
	u32 flags;
};

struct pipe_inode_info {
	u8 *pages;                    /* ring_size pages in one block */
	struct pipe_buffer *bufs;     /* ring_size slots */
	u64 ring_size;                /* slots, a power of two: PIPE_DEF_BUFFERS or F_SETPIPE_SZ's */
	u64 head, tail;               /* slots filled / emptied so far: head - tail in use */
	int readers, writers;
	u64 r_counter, w_counter;     /* opens of each end so far (a FIFO waits for the other to change) */
	u64 rd_wakeups, wr_wakeups;   /* Linux's wake-ups of readers and of writers: for EPOLLET */
	u64 hangups;                  /* ends closed so far: a wake-up for EPOLLET too */
	struct fasync_struct *fasync_readers, *fasync_writers;	/* O_ASYNC ends: SIGIO (fs/fcntl.c) */
};

static bool pipe_empty(struct pipe_inode_info *p) { return p->head == p->tail; }
static bool pipe_full(struct pipe_inode_info *p) { return p->head - p->tail >= p->ring_size; }
static bool is_packetized(struct file *f) { return f->f_flags & O_DIRECT; }

/* Slot @n (a head or tail count) and its page. */
static struct pipe_buffer *pipe_buf(struct pipe_inode_info *p, u64 n)
{
	return &p->bufs[n & (p->ring_size - 1)];
}

static u8 *pipe_page(struct pipe_inode_info *p, u64 n)
{
	return p->pages + (n & (p->ring_size - 1)) * PAGE_SIZE;
}

/* The unread bytes (FIONREAD). */
static u64 pipe_bytes(struct pipe_inode_info *p)
{
	u64 n = 0;

	for (u64 i = p->tail; i != p->head; i++)
		n += pipe_buf(p, i)->len;
	return n;
}

/* Take up to @n bytes from the oldest slot (Linux pipe_read's loop body);
 * a packet slot is emptied whatever was taken.  The bytes, or -EFAULT. */
static ssize_t pipe_read_slot(struct pipe_inode_info *p, char *ubuf, size_t n, bool user)
{
	struct pipe_buffer *buf = pipe_buf(p, p->tail);
	size_t chars = MIN(n, buf->len);
	const u8 *src = pipe_page(p, p->tail) + buf->offset;

	if (!user)
		memcpy(ubuf, src, chars);	/* splice's kernel buffer */
	else if (copy_to_user(ubuf, src, chars))
		return -EFAULT;
	buf->offset += chars;
	buf->len -= chars;
	if (buf->flags & PIPE_BUF_FLAG_PACKET)
		buf->len = 0;
	if (!buf->len) {
		if (pipe_full(p))
			p->wr_wakeups++;	/* Linux: wake_writer, only for a full pipe */
		p->tail++;
	}
	return chars;
}

static ssize_t pipe_read(struct file *f, char *ubuf, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	ssize_t done = 0;

	if (!n)
		return 0;		/* Linux: a null read succeeds at once */
	while (pipe_empty(p)) {
		if (!p->writers)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(p))
			return -ERESTARTSYS;
	}
	while ((size_t)done < n && !pipe_empty(p)) {
		bool packet = pipe_buf(p, p->tail)->flags & PIPE_BUF_FLAG_PACKET;
		ssize_t got = pipe_read_slot(p, ubuf + done, n - done, true);

		if (got < 0) {
			done = done ? done : got;
			break;
		}
		done += got;
		if (packet)
			break;		/* Linux: a packet ends the read */
	}
	wake_up(p);
	kill_fasync(&p->fasync_writers, POLL_OUT);	/* Linux pipe_read */
	return done;
}

/* Copy @len bytes into slot @n's page at @off: how many made it. @user:
 * @src is user memory (write), else kernel memory (sendfile's splice). */
static u64 pipe_copy_in(struct pipe_inode_info *p, u64 n, u32 off, const char *src, u64 len, bool user)
{
	u8 *dst = pipe_page(p, n) + off;

	if (!user) {
		memcpy(dst, src, len);
		return len;
	}
	return len - copy_from_user(dst, src, len);
}

/* Linux pipe_write's first step: in a pipe that is not empty, @chars bytes
 * (the write's part beyond whole pages) join the last slot if they fit
 * there whole.  The bytes put in (0: they did not fit), or -EFAULT. */
static ssize_t pipe_top_up(struct pipe_inode_info *p, const char *ubuf, u64 chars)
{
	struct pipe_buffer *buf;
	u32 end;

	if (!chars || pipe_empty(p))
		return 0;
	buf = pipe_buf(p, p->head - 1);
	end = buf->offset + buf->len;
	if (!(buf->flags & PIPE_BUF_FLAG_CAN_MERGE) || end + chars > PAGE_SIZE)
		return 0;
	if (pipe_copy_in(p, p->head - 1, end, ubuf, chars, true) != chars)
		return -EFAULT;
	buf->len += chars;
	return chars;
}

/* Put up to a page of @src in the next free slot: the bytes put in, or -EFAULT if none. */
static ssize_t pipe_fill_slot(struct pipe_inode_info *p, const char *src, u64 len, u32 flags, bool user)
{
	u64 copied = pipe_copy_in(p, p->head, 0, src, MIN(len, PAGE_SIZE), user);

	if (!copied)
		return -EFAULT;
	*pipe_buf(p, p->head++) = (struct pipe_buffer){ 0, copied, flags };
	return copied;
}

/* The ring is full: wake the readers if the pipe was empty when the writer
 * began or last woke (Linux), and sleep until a read frees a slot. */
static int pipe_wait_writable(struct pipe_inode_info *p, bool was_empty)
{
	if (was_empty) {
		p->rd_wakeups++;
		wake_up(p);
	}
	kill_fasync(&p->fasync_readers, POLL_IN);
	return sleep_on(p) ? -ERESTARTSYS : 0;
}

/* The writer is done: wake the readers (Linux does after every write, as
 * epoll asks it to), and the next writer if this one waited and a slot is free. */
static void pipe_write_done(struct pipe_inode_info *p, bool waited)
{
	p->rd_wakeups++;
	if (waited && !pipe_full(p))
		p->wr_wakeups++;	/* Linux: wake_next_writer */
	wake_up(p);
	kill_fasync(&p->fasync_readers, POLL_IN);	/* Linux pipe_write */
}

/*
 * Linux pipe_write: the top-up, then a page per free slot, waiting for one
 * when the ring is full (O_NONBLOCK: EAGAIN) - so a write of at most
 * PIPE_BUF bytes goes in whole or not at all, and a longer one may end
 * short.  An O_DIRECT end writes packets: slots that are never merged into.
 */
static ssize_t pipe_write(struct file *f, const char *ubuf, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	u32 flags = is_packetized(f) ? PIPE_BUF_FLAG_PACKET : PIPE_BUF_FLAG_CAN_MERGE;
	bool was_empty = pipe_empty(p), waited = false;
	ssize_t done = 0, err = 0, got;

	if (!n)
		return 0;		/* Linux: a null write succeeds at once */
	got = p->readers ? pipe_top_up(p, ubuf, n % PAGE_SIZE) : 0;
	if (got < 0)
		err = got;
	else
		done = got;
	while (!err && (size_t)done < n) {
		if (!p->readers) {
			send_signal_thread(current, SIGPIPE, NULL);	/* Linux send_sig: to the writing thread */
			err = -EPIPE;
		} else if (!pipe_full(p)) {
			if ((got = pipe_fill_slot(p, ubuf + done, n - done, flags, true)) < 0)
				err = got;
			else if ((done += got) < (ssize_t)n && got < (ssize_t)PAGE_SIZE)
				err = -EFAULT;	/* the user's buffer ended early */
		} else if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
		} else {
			err = pipe_wait_writable(p, was_empty);
			was_empty = pipe_empty(p);
			waited = true;
		}
	}
	pipe_write_done(p, waited);
	return done ? done : err;
}

static void free_pipe_info(struct pipe_inode_info *p)
{
	kfree(p->bufs);
	kfree(p->pages);
	kfree(p);
}

/* A pipe of PIPE_DEF_BUFFERS empty slots, pages and all (Linux alloc_pipe_info). */
static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->ring_size = PIPE_DEF_BUFFERS;
	p->pages = kmalloc(PIPE_DEF_BUFFERS * PAGE_SIZE, 0);
	p->bufs = kzalloc(PIPE_DEF_BUFFERS * sizeof(*p->bufs));
	if (!p->pages || !p->bufs) {
		free_pipe_info(p);
		return NULL;
	}
	return p;
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
		if (!pipe_empty(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (acc != O_RDONLY) {
		if (!pipe_full(p))
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

/* The wake-ups Linux sends each side: readers (POLLIN) after every write,
 * writers (POLLOUT) when a slot of a full pipe is freed, both at a close. */
static u64 pipe_poll_seq(struct file *f, unsigned events)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;

	return (events & POLLIN ? p->rd_wakeups : 0) + (events & POLLOUT ? p->wr_wakeups : 0) + p->hangups;
}

#define FIONREAD 0x541b

/* FIONREAD: how many bytes a read would find now. */
static long pipe_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	int n = (int)pipe_bytes(f->f_inode->i_pipe);
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
	struct pipe_inode_info *p = alloc_pipe_info();
	if (!inode || !p)
		goto nomem;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_fop = &pipe_fops;
	inode->i_pipe = p;
	p->readers = p->writers = 1;
	*rd = file_open_inode(inode, O_RDONLY);
	*wr = file_open_inode(inode, O_WRONLY);
	iput(inode);                   /* the two files hold it now */
	if (*rd && *wr)
		return 0;
	return -ENOMEM;               /* (leaks on this path are bounded: boot-time OOM only) */
nomem:
	kfree(inode);
	if (p)
		free_pipe_info(p);
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
 * Linux fifo_open: a named pipe on a file system (mkfifo), or a pipe opened
 * again through /proc/PID/fd/N (Linux: pipefs inodes use it too). The pipe lives
 * while someone has it open. A reader waits for a writer and a writer for a
 * reader, unless O_NONBLOCK: then a reader opens at once and a writer with
 * no reader gets ENXIO. O_RDWR never waits (Linux allows it).
 */
int fifo_open(struct file *f)
{
	struct inode *inode = f->f_inode;
	struct pipe_inode_info *p = inode->i_pipe;
	u32 acc = f->f_flags & O_ACCMODE;
	bool nonblock = f->f_flags & O_NONBLOCK, counted = false;
	bool named = inode->i_sb;	/* a FIFO; an anonymous pipe never waits (Linux: !is_pipe) */
	int err = 0;

	if (!p) {
		if (!(p = alloc_pipe_info()))
			return -ENOMEM;
		inode->i_pipe = p;
	}
	if (named && acc == O_WRONLY && nonblock && !p->readers)
		err = -ENXIO;
	if (!err) {
		p->readers += acc != O_WRONLY;
		p->writers += acc != O_RDONLY;
		p->r_counter += acc != O_WRONLY;
		p->w_counter += acc != O_RDONLY;
		f->f_op = &pipe_fops;
		counted = true;
		wake_up(p);
	}
	if (!err && named && acc == O_RDONLY && !nonblock)
		err = wait_for_partner(p, &p->writers, &p->w_counter);
	else if (!err && named && acc == O_WRONLY)
		err = wait_for_partner(p, &p->readers, &p->r_counter);
	if (err && counted) {
		pipe_release(f);	/* undo our count; frees the pipe if we were alone */
		f->f_op = NULL;
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
 * fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (Linux: pipe_fcntl, pipe_set_size,
 * pipe_resize_ring).  The capacity is a power-of-two number of slots, at
 * least one; the slots in use move to the new ring in order.  Fewer slots
 * than are in use is EBUSY, even if their bytes would fit.  More than 2 GiB
 * is EINVAL; growing past /proc/sys/fs/pipe-max-size (1 MiB) needs
 * CAP_SYS_RESOURCE, else EPERM.  The pages are one kmalloc block here, so
 * even root gets ENOMEM past PIPE_SIZE_LIMIT.  (Linux also caps a user's
 * pipe pages with /proc/sys/fs/pipe-user-pages-soft/hard; the files are
 * here, the per-user count is not: root, who may pass both, is all that
 * runs here.)
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

/* Move the slots in use to a ring of @slots, oldest first (Linux pipe_resize_ring). */
static long pipe_resize_ring(struct pipe_inode_info *p, u64 slots)
{
	u64 used = p->head - p->tail;
	u8 *pages = kmalloc(slots * PAGE_SIZE, 0);
	struct pipe_buffer *bufs = kzalloc(slots * sizeof(*bufs));

	if (!pages || !bufs) {
		kfree(pages);
		kfree(bufs);
		return -ENOMEM;
	}
	for (u64 i = 0; i < used; i++) {
		struct pipe_buffer *buf = pipe_buf(p, p->tail + i);

		memcpy(pages + i * PAGE_SIZE + buf->offset, pipe_page(p, p->tail + i) + buf->offset, buf->len);
		bufs[i] = *buf;
	}
	kfree(p->pages);
	kfree(p->bufs);
	p->pages = pages;
	p->bufs = bufs;
	p->ring_size = slots;
	p->tail = 0;
	p->head = used;
	p->wr_wakeups++;		/* Linux: "this might have made more room for writers" */
	wake_up(p);
	return 0;
}

static long pipe_set_size(struct pipe_inode_info *p, unsigned long arg)
{
	u64 size = round_pipe_size(arg), slots = size / PAGE_SIZE;
	long err;
	if (!size)
		return -EINVAL;
	if (slots > p->ring_size && size > pipe_max_size && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (size > PIPE_SIZE_LIMIT)
		return -ENOMEM;
	if (slots < p->head - p->tail)
		return -EBUSY;
	if (slots != p->ring_size && (err = pipe_resize_ring(p, slots)))
		return err;
	return size;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = f->f_op == &pipe_fops ? f->f_inode->i_pipe : NULL;
	if (!p)
		return -EBADF;		/* Linux: not a pipe */
	return cmd == F_GETPIPE_SZ ? (long)(p->ring_size * PAGE_SIZE) : pipe_set_size(p, arg);
}

/* Linux get_pipe_info: the pipe behind @f, or NULL if it is no pipe (or a FIFO not open as one). */
struct pipe_inode_info *get_pipe_info(struct file *f)
{
	return f->f_op == &pipe_fops ? f->f_inode->i_pipe : NULL;
}

/*
 * sendfile into a pipe (Linux splice_file_to_pipe, splice_folio_into_pipe):
 * @buf is (part of) one page of the file, and takes one slot of its own,
 * never merged into, as Linux's page-cache pipe_buffers.  Wait for a free
 * slot (EAGAIN if @nonblock).  A pipe with no reader is SIGPIPE and EPIPE,
 * as for write().
 */
ssize_t splice_to_pipe(struct file *f, const void *buf, size_t n, bool nonblock)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	long room = pipe_wait_room(f, nonblock);

	if (room < 0)
		return room;
	n = pipe_fill_slot(p, buf, n, 0, false);
	pipe_write_done(p, false);
	return n;
}

/*
 * What splice and tee (fs/splice.c) need of a pipe, in Linux's words
 * (fs/splice.c splice_from_pipe_next, wait_for_space, ipipe_prep and
 * opipe_prep, all of which wait as pipe_read and pipe_write do).
 */

/* Wait for bytes to read: 1 when there are some, 0 at EOF (no writer
 * left), -EAGAIN if @nonblock, -ERESTARTSYS on a signal. */
int pipe_wait_data(struct file *f, bool nonblock)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;

	while (pipe_empty(p)) {
		if (!p->writers)
			return 0;
		if (nonblock)
			return -EAGAIN;
		if (sleep_on(p))
			return -ERESTARTSYS;
	}
	return 1;
}

/* Wait for a free slot: the bytes the free slots hold, -EPIPE (and
 * SIGPIPE) with no reader left, -EAGAIN if @nonblock, -ERESTARTSYS. */
long pipe_wait_room(struct file *f, bool nonblock)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;

	while (p->readers && pipe_full(p)) {
		if (nonblock)
			return -EAGAIN;
		if (sleep_on(p))
			return -ERESTARTSYS;
	}
	if (!p->readers) {
		send_signal_thread(current, SIGPIPE, NULL);
		return -EPIPE;
	}
	return (long)((p->ring_size - (p->head - p->tail)) * PAGE_SIZE);
}

/* Take up to @n bytes that are there now into @buf (a packet ends it); wakes the writers. */
ssize_t pipe_take(struct file *f, void *buf, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;

	while (done < n && !pipe_empty(p)) {
		bool packet = pipe_buf(p, p->tail)->flags & PIPE_BUF_FLAG_PACKET;

		done += pipe_read_slot(p, (char *)buf + done, n - done, false);
		if (packet)
			break;
	}
	wake_up(p);
	kill_fasync(&p->fasync_writers, POLL_OUT);
	return done;
}

/* Copy up to @n bytes that are there now, after the first @skip, leaving them in the pipe (tee). */
ssize_t pipe_peek(struct file *f, void *buf, size_t skip, size_t n)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;

	for (u64 i = p->tail; i != p->head && done < n; i++) {
		struct pipe_buffer *b = pipe_buf(p, i);
		size_t from = MIN(skip, (size_t)b->len), chars = MIN(n - done, b->len - from);

		skip -= from;
		memcpy((char *)buf + done, pipe_page(p, i) + b->offset + from, chars);
		done += chars;
	}
	return done;
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

/*
 * /proc/sys/fs/pipe-user-pages-soft and -hard: how many pipe pages one
 * unprivileged user may hold before new pipes get PIPE_MIN_DEF_BUFFERS
 * slots (soft) or none (hard); 0 is no limit.  Linux: fs/pipe.c
 * pipe_user_pages_soft/hard, proc_doulongvec_minmax, so any unsigned long.
 */
#define PIPE_USER_PAGES_SOFT (PIPE_DEF_BUFFERS * 1024)	/* Linux: PIPE_DEF_BUFFERS * INR_OPEN_CUR */
static unsigned long pipe_user_pages_soft = PIPE_USER_PAGES_SOFT;
static unsigned long pipe_user_pages_hard;

static void pipe_user_pages_soft_show(struct seq_file *m) { seq_printf(m, "%lu\n", pipe_user_pages_soft); }
static void pipe_user_pages_hard_show(struct seq_file *m) { seq_printf(m, "%lu\n", pipe_user_pages_hard); }

static int pipe_user_pages_soft_write(const char *buf, size_t n)
{
	(void)n;
	return proc_parse_ulong(buf, 0, ~0UL, &pipe_user_pages_soft);
}

static int pipe_user_pages_hard_write(const char *buf, size_t n)
{
	(void)n;
	return proc_parse_ulong(buf, 0, ~0UL, &pipe_user_pages_hard);
}

static int pipe_sysctl_init(void)
{
	return proc_create_rw("sys/fs/pipe-max-size", pipe_max_size_show, pipe_max_size_write) ||
	       proc_create_rw("sys/fs/pipe-user-pages-soft", pipe_user_pages_soft_show, pipe_user_pages_soft_write) ||
	       proc_create_rw("sys/fs/pipe-user-pages-hard", pipe_user_pages_hard_show, pipe_user_pages_hard_write);
}
fs_initcall(pipe_sysctl_init);
