/*
 * fs/eventfd.c - eventfd(2): a 64-bit counter behind a file descriptor,
 * the wake-up primitive of event loops (Linux: fs/eventfd.c).
 *
 *   write(8 bytes v)  count += v; blocks (or EAGAIN) while that would pass
 *                     EVENTFD_MAX; v == ~0 is EINVAL
 *   read(8 bytes)     blocks (or EAGAIN) while count is 0; then returns
 *                     count and sets it to 0, or with EFD_SEMAPHORE
 *                     returns 1 and takes 1
 *   poll              POLLIN while count > 0, POLLOUT while one more can
 *                     be added, POLLERR at the (unreachable) ~0
 *
 * Fewer than 8 bytes is EINVAL either way; more than 8 moves 8. Readers
 * and writers sleep on the context and wake each other.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>
#include <proc_fs.h>
#include <uapi/asm-generic/poll.h>

#define EFD_SEMAPHORE 1			/* Linux uapi/linux/eventfd.h */
#define EFD_CLOEXEC O_CLOEXEC
#define EFD_NONBLOCK O_NONBLOCK
#define EFD_FLAGS_SET (EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)
#define EVENTFD_MAX (~0ULL - 1)		/* Linux: ULLONG_MAX is never reached, so POLLERR marks overflow */

struct eventfd_ctx {
	u64 count;
	u32 flags;			/* EFD_SEMAPHORE */
	int id;				/* fdinfo's eventfd-id: the lowest free when made (Linux ida_alloc) */
	u64 writes, reads;		/* wake-ups so far, for EPOLLET (fs/eventpoll.c) */
};

static struct eventfd_ctx *eventfd_ctx(struct file *f) { return f->private_data; }

static ssize_t eventfd_read(struct file *f, char *ubuf, size_t n)
{
	struct eventfd_ctx *ctx = eventfd_ctx(f);
	u64 v;

	if (n < sizeof(v))
		return -EINVAL;
	while (!ctx->count) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(ctx))
			return -ERESTARTSYS;
	}
	v = (ctx->flags & EFD_SEMAPHORE) ? 1 : ctx->count;
	if (copy_to_user(ubuf, &v, sizeof(v)))
		return -EFAULT;		/* Linux copies after taking it; nothing is lost here */
	ctx->count -= v;
	ctx->reads++;
	wake_up(ctx);			/* writers waiting for room */
	return sizeof(v);
}

static ssize_t eventfd_write(struct file *f, const char *ubuf, size_t n)
{
	struct eventfd_ctx *ctx = eventfd_ctx(f);
	u64 v;

	if (n < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, ubuf, sizeof(v)))
		return -EFAULT;
	if (v == ~0ULL)
		return -EINVAL;
	while (EVENTFD_MAX - ctx->count < v) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(ctx))
			return -ERESTARTSYS;
	}
	ctx->count += v;
	ctx->writes++;
	wake_up(ctx);			/* readers waiting for a count */
	return sizeof(v);
}

static unsigned eventfd_poll(struct file *f)
{
	struct eventfd_ctx *ctx = eventfd_ctx(f);
	unsigned mask = 0;

	if (ctx->count > 0)
		mask |= POLLIN;
	if (ctx->count == ~0ULL)
		mask |= POLLERR;
	if (ctx->count < EVENTFD_MAX)
		mask |= POLLOUT;
	return mask;
}

/* Linux wakes its one queue with EPOLLIN on a write, EPOLLOUT on a read. */
static u64 eventfd_poll_seq(struct file *f, unsigned events)
{
	struct eventfd_ctx *ctx = eventfd_ctx(f);

	return (events & POLLIN ? ctx->writes : 0) + (events & POLLOUT ? ctx->reads : 0);
}

/* Linux eventfd_ida: the ids in use, each mapped to its context. */
static DEFINE_XARRAY(eventfd_ids);

static int eventfd_id_alloc(struct eventfd_ctx *ctx)
{
	int id = 0;

	while (xa_load(&eventfd_ids, id))
		id++;
	if (xa_store(&eventfd_ids, id, ctx))
		return -ENOMEM;
	ctx->id = id;
	return 0;
}

static void eventfd_release(struct file *f)
{
	struct eventfd_ctx *ctx = eventfd_ctx(f);

	xa_erase(&eventfd_ids, ctx->id);
	kfree(ctx);
}

/* Linux eventfd_show_fdinfo: the count in hex, space-padded to 16. */
static void eventfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct eventfd_ctx *ctx = eventfd_ctx(f);

	seq_printf(m, "eventfd-count: %16lx\neventfd-id: %d\neventfd-semaphore: %d\n", ctx->count, ctx->id,
		   !!(ctx->flags & EFD_SEMAPHORE));
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read, .write = eventfd_write, .poll = eventfd_poll,
	.poll_seq = eventfd_poll_seq, .release = eventfd_release, .show_fdinfo = eventfd_show_fdinfo,
};

/* Linux do_eventfd: unknown flags are EINVAL; the file is O_RDWR plus O_NONBLOCK. */
static long do_eventfd(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~EFD_FLAGS_SET)
		return -EINVAL;
	if (!(ctx = kzalloc(sizeof(*ctx))))
		return -ENOMEM;
	ctx->count = count;
	ctx->flags = flags & EFD_SEMAPHORE;
	if (eventfd_id_alloc(ctx)) {
		kfree(ctx);
		return -ENOMEM;
	}
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx, O_RDWR | (flags & (O_NONBLOCK | O_CLOEXEC)));
	if (fd < 0) {
		xa_erase(&eventfd_ids, ctx->id);
		kfree(ctx);
	}
	return fd;
}

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags) { return do_eventfd(count, flags); }
SYSCALL_DEFINE1(eventfd, unsigned int, count) { return do_eventfd(count, 0); }
