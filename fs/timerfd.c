/*
 * fs/timerfd.c - timerfd_create, timerfd_settime, timerfd_gettime: a timer
 * read through a file descriptor (Linux: fs/timerfd.c).
 *
 * A read returns, as a u64, how many times the timer expired since the
 * last read (or settime), blocking (or EAGAIN) while that is 0; poll says
 * POLLIN while it is not 0.
 *
 * No tick hook: the count is worked out when someone looks, in Linux's
 * two steps. Whoever looks first after the expiry plays the hrtimer
 * callback (timerfd_update): one tick, and the timer is "expired" and
 * stays where it was, so fdinfo shows it_value 0 and ticks 1 however
 * many intervals pass. A read or gettime then moves a periodic timer past
 * now (timerfd_forward, Linux hrtimer_forward_now) and counts the whole
 * intervals it skipped as ticks too. A blocked reader sleeps on the timer
 * with the expiry as its deadline (the tick wakes it then, as it wakes
 * nanosleep), and settime wakes it to look again.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>
#include <proc_fs.h>
#include <uapi/asm-generic/poll.h>

#define CLOCK_REALTIME 0		/* Linux uapi/linux/time.h */
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define TFD_TIMER_ABSTIME 1		/* Linux uapi/linux/timerfd.h */
#define TFD_TIMER_CANCEL_ON_SET 2	/* accepted, not honoured: a clock_settime does not cancel the timer (not yet) */
#define TFD_CLOEXEC O_CLOEXEC
#define TFD_NONBLOCK O_NONBLOCK
#define TFD_CREATE_FLAGS (TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_SETTIME_FLAGS (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)

struct itimerspec_k { struct timespec it_interval, it_value; };

struct timerfd_ctx {
	int clockid;
	int settime_flags;		/* the last settime's TFD_SETTIME_FLAGS, shown in fdinfo */
	u64 expires;			/* next expiry on the timer's clock, in ns; 0: disarmed */
	u64 interval;			/* 0: one-shot */
	u64 ticks;			/* expirations not yet read */
	bool expired;			/* fired, not yet moved on by a read or gettime (Linux ctx->expired) */
	u64 fires;			/* Linux's hrtimer callbacks: wake-ups, for EPOLLET */
};

static const struct file_operations timerfd_fops;

/* Boot time does not stop while "suspended" here: there is no suspend, so it is the monotonic clock. */
static u64 timerfd_now(const struct timerfd_ctx *ctx)
{
	return ctx->clockid == CLOCK_REALTIME ? ktime_get_real_ns() : ktime_get_ns();
}

/* The expiry, if it is due and has not fired yet (Linux timerfd_tmrproc): one tick, then the
 * timer rests, a periodic one at its old expiry, a one-shot one disarmed. */
static void timerfd_update(struct timerfd_ctx *ctx)
{
	if (!ctx->expires || ctx->expired || ctx->expires > timerfd_now(ctx))
		return;
	ctx->fires++;
	ctx->ticks++;
	ctx->expired = true;
	if (!ctx->interval)
		ctx->expires = 0;
}

/* Linux hrtimer_forward_now: a fired periodic timer moves to its first expiry after now;
 * the intervals skipped on the way (the overruns, but the one already counted) are ticks. */
static void timerfd_forward(struct timerfd_ctx *ctx)
{
	u64 now = timerfd_now(ctx), n;

	if (ctx->expired && ctx->interval) {
		n = 1 + (now - ctx->expires) / ctx->interval;
		ctx->ticks += n - 1;
		ctx->expires += n * ctx->interval;
	}
	ctx->expired = false;
}

/* Sleep until the next expiry (or a settime); -ERESTARTSYS on a signal. */
static int timerfd_wait(struct timerfd_ctx *ctx)
{
	u64 now = timerfd_now(ctx);

	if (ctx->expires)	/* the tick wakes deadlines on the monotonic clock */
		current->wake_at_ns = ktime_get_ns() + (ctx->expires > now ? ctx->expires - now : 0);
	return sleep_on(ctx) ? -ERESTARTSYS : 0;
}

static ssize_t timerfd_read(struct file *f, char *ubuf, size_t n)
{
	struct timerfd_ctx *ctx = f->private_data;
	u64 ticks;
	int err;

	if (n < sizeof(ticks))
		return -EINVAL;
	for (timerfd_update(ctx); !ctx->ticks; timerfd_update(ctx)) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if ((err = timerfd_wait(ctx)))
			return err;
	}
	timerfd_forward(ctx);
	ticks = ctx->ticks;
	if (copy_to_user(ubuf, &ticks, sizeof(ticks)))
		return -EFAULT;
	ctx->ticks = 0;
	return sizeof(ticks);
}

static unsigned timerfd_poll(struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;

	timerfd_update(ctx);
	return ctx->ticks ? POLLIN : 0;
}

static u64 timerfd_poll_seq(struct file *f, unsigned events)
{
	struct timerfd_ctx *ctx = f->private_data;

	timerfd_update(ctx);
	return events & POLLIN ? ctx->fires : 0;
}

static void timerfd_release(struct file *f) { kfree(f->private_data); }

static void timerfd_show_fdinfo(struct seq_file *m, struct file *f);

static const struct file_operations timerfd_fops = {
	.read = timerfd_read, .poll = timerfd_poll, .poll_seq = timerfd_poll_seq, .release = timerfd_release,
	.show_fdinfo = timerfd_show_fdinfo,
};

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	/* Linux also takes the _ALARM clocks (with CAP_WAKE_ALARM); there is no RTC alarm here. */
	if ((flags & ~TFD_CREATE_FLAGS) ||
	    (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC && clockid != CLOCK_BOOTTIME))
		return -EINVAL;
	if (!(ctx = kzalloc(sizeof(*ctx))))
		return -ENOMEM;
	ctx->clockid = clockid;
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx, O_RDWR | flags);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* Linux timerfd_fget: EBADF for no file, EINVAL for a file that is not a timerfd. */
static struct timerfd_ctx *timerfd_fget(int fd, int *err)
{
	struct file *f = fget(fd);

	*err = !f ? -EBADF : f->f_op != &timerfd_fops ? -EINVAL : 0;
	return *err ? NULL : f->private_data;
}

/* What is left: an expiry due now or disarmed reads 0 (Linux timerfd_get_remaining). */
static struct itimerspec_k timerfd_remaining(struct timerfd_ctx *ctx)
{
	u64 now = timerfd_now(ctx);
	struct itimerspec_k v = { ns_to_timespec(ctx->interval), ns_to_timespec(0) };

	if (ctx->expires > now)
		v.it_value = ns_to_timespec(ctx->expires - now);
	return v;
}

/* Linux timerfd_show: the expirations not yet read, the settime flags in octal, the time left. */
static void timerfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;
	struct itimerspec_k t;

	timerfd_update(ctx);
	t = timerfd_remaining(ctx);
	seq_printf(m, "clockid: %d\nticks: %lu\nsettime flags: 0%o\n", ctx->clockid, ctx->ticks, ctx->settime_flags);
	seq_printf(m, "it_value: (%lu, %lu)\nit_interval: (%lu, %lu)\n", (u64)t.it_value.tv_sec,
		   (u64)t.it_value.tv_nsec, (u64)t.it_interval.tv_sec, (u64)t.it_interval.tv_nsec);
}

/* Linux timerfd_setup: a new setting forgets the old expirations; a zero it_value disarms. */
static void timerfd_setup(struct timerfd_ctx *ctx, int flags, const struct itimerspec_k *nv)
{
	u64 value = timespec_to_ns(nv->it_value);

	ctx->ticks = 0;
	ctx->expired = false;
	ctx->settime_flags = flags & TFD_SETTIME_FLAGS;
	ctx->interval = timespec_to_ns(nv->it_interval);
	ctx->expires = !value ? 0 : (flags & TFD_TIMER_ABSTIME) ? value : timerfd_now(ctx) + value;
	wake_up(ctx);			/* a blocked reader sleeps until the old expiry */
}

/* Linux's order: the new value is copied (EFAULT), then flags and value (EINVAL), then the fd. */
SYSCALL_DEFINE4(timerfd_settime, int, ufd, int, flags, const struct itimerspec_k __user *, utmr,
		struct itimerspec_k __user *, otmr)
{
	struct itimerspec_k nv, old;
	struct timerfd_ctx *ctx;
	int err;

	if (copy_from_user(&nv, utmr, sizeof(nv)))
		return -EFAULT;
	if ((flags & ~TFD_SETTIME_FLAGS) || !timespec_valid(nv.it_value) || !timespec_valid(nv.it_interval))
		return -EINVAL;
	if (!(ctx = timerfd_fget(ufd, &err)))
		return err;
	timerfd_update(ctx);
	timerfd_forward(ctx);		/* Linux: so the old value is the next expiry, not 0 */
	old = timerfd_remaining(ctx);
	timerfd_setup(ctx, flags, &nv);
	if (otmr && copy_to_user(otmr, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, ufd, struct itimerspec_k __user *, otmr)
{
	struct itimerspec_k v;
	struct timerfd_ctx *ctx;
	int err;

	if (!(ctx = timerfd_fget(ufd, &err)))
		return err;
	timerfd_update(ctx);
	timerfd_forward(ctx);
	v = timerfd_remaining(ctx);
	return copy_to_user(otmr, &v, sizeof(v)) ? -EFAULT : 0;
}
