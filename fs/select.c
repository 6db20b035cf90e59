/*
 * fs/select.c - poll() and select() (Linux: fs/select.c).
 *
 * Each file type says what it is ready for through f_op->poll (pipes and the
 * serial ports; regular files and /dev/null are always ready).  Rather than
 * wait queues on every file, a waiting poll re-checks once per timer tick:
 * simple, and plenty for a teaching kernel whose pipes move bytes between
 * processes on one CPU.  A signal ends the wait with EINTR.
 */
#include <syscalls.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>
#include <string.h>
#include <mm.h>

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100
#define FD_SETSIZE 1024

struct pollfd { int fd; short events, revents; };

static unsigned file_ready(int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return POLLNVAL;
	if (f->f_op->poll)
		return f->f_op->poll(f);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

/* Sleep one tick, or until the deadline; -EINTR if a signal is pending.
 * epoll_wait waits the same way (fs/eventpoll.c). */
int poll_schedule_timeout(u64 deadline)
{
	u64 next = ktime_get_ns() + NSEC_PER_SEC / HZ;
	current->wake_at_ns = deadline && deadline < next ? deadline : next;
	return sleep_on(NULL);
}

static int poll_once(struct pollfd *fds, u64 n)
{
	int count = 0;
	for (u64 i = 0; i < n; i++) {
		unsigned r;
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		r = file_ready(fds[i].fd);
		/* POLLERR, POLLHUP and POLLNVAL are reported even if not asked for. */
		fds[i].revents = r & (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
		count += fds[i].revents != 0;
	}
	return count;
}

/*
 * When a wait ends: never (forever), at once (at == 0 and !forever, a zero
 * timeout), or at the time @at in ktime_get_ns() nanoseconds.
 */
struct poll_deadline { bool forever; u64 at; };

static bool deadline_passed(const struct poll_deadline *d)
{
	return !d->forever && ktime_get_ns() >= d->at;
}

/* Linux poll_select_set_timeout: a relative timespec becomes a deadline (NULL: none). */
static int timespec_deadline(const struct timespec __user *uts, struct poll_deadline *d)
{
	struct timespec ts;

	d->forever = !uts;
	d->at = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(ts))
		return -EINVAL;
	d->at = ktime_get_ns() + timespec_to_ns(ts);
	return 0;
}

/* Linux poll_select_finish: ppoll and pselect6 write back the time that was left. */
static long write_time_left(struct timespec __user *uts, const struct poll_deadline *d, long ret)
{
	u64 now = ktime_get_ns();
	struct timespec left = ns_to_timespec(d->at > now ? d->at - now : 0);

	if (!uts || ret == -EFAULT)
		return ret;
	if (copy_to_user(uts, &left, sizeof(left)))
		return ret == -EINTR ? -EINTR : -EFAULT;	/* Linux: the result counts more */
	return ret;
}

/* Linux do_sys_poll: check the fds until one is ready, the deadline passes or a signal comes. */
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, const struct poll_deadline *d)
{
	struct pollfd *fds;
	long count;

	if (nfds > current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;			/* Linux do_sys_poll: at most RLIMIT_NOFILE entries */
	fds = kmalloc(nfds * sizeof(*fds) + 1, 0);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	while (!(count = poll_once(fds, nfds)) && !deadline_passed(d)) {
		if (poll_schedule_timeout(d->forever ? 0 : d->at)) {
			count = -EINTR;
			break;
		}
	}
	if (count >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		count = -EFAULT;
	kfree(fds);
	return count;
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	struct poll_deadline d = { timeout_msecs < 0, 0 };

	if (timeout_msecs > 0)
		d.at = ktime_get_ns() + (u64)timeout_msecs * NSEC_PER_MSEC;
	return do_sys_poll(ufds, nfds, &d);
}

/* poll with a timespec, and a signal mask in force while it waits (Linux: fs/select.c ppoll). */
SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds, struct timespec __user *, tsp,
		const sigset_t __user *, sigmask, size_t, sigsetsize)
{
	struct poll_deadline d;
	long ret = timespec_deadline(tsp, &d);

	if (!ret)
		ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = restore_sigmask_unless_eintr(do_sys_poll(ufds, nfds, &d));
	return write_time_left(tsp, &d, ret);
}

/* ---------------------------------------------------------------- select */
#define FDSET_WORDS (FD_SETSIZE / 64)
struct fdsets { u64 in[FDSET_WORDS], out[FDSET_WORDS], ex[FDSET_WORDS]; };
/* User space's fd_set: FD_SETSIZE bits in 64-bit words (Linux: __kernel_fd_set). */
typedef struct { u64 fds_bits[FDSET_WORDS]; } fd_set;

static bool fd_isset(const u64 *set, int fd) { return (set[fd / 64] >> (fd % 64)) & 1; }
static void fd_set_bit(u64 *set, int fd) { set[fd / 64] |= 1UL << (fd % 64); }

/* One pass: fill res with the ready fds; -EBADF if a selected fd is closed. */
static int select_once(int n, const struct fdsets *want, struct fdsets *res)
{
	int count = 0;
	memset(res, 0, sizeof(*res));
	for (int fd = 0; fd < n; fd++) {
		bool in = fd_isset(want->in, fd), out = fd_isset(want->out, fd), ex = fd_isset(want->ex, fd);
		unsigned r;
		if (!in && !out && !ex)
			continue;
		r = file_ready(fd);
		if (r & POLLNVAL)
			return -EBADF;
		if (in && (r & (POLLIN | POLLHUP | POLLERR))) {
			fd_set_bit(res->in, fd);
			count++;
		}
		if (out && (r & (POLLOUT | POLLERR))) {
			fd_set_bit(res->out, fd);
			count++;
		}
	}
	return count;
}

static int copy_fdset(u64 *dst, const fd_set __user *uset, int n)
{
	size_t bytes = (n + 63) / 64 * 8;
	memset(dst, 0, FDSET_WORDS * 8);
	return uset && copy_from_user(dst, uset, bytes) ? -EFAULT : 0;
}

/* Linux core_sys_select: wait for a ready fd among the sets, then write the sets back. */
static long core_sys_select(int n, fd_set __user *uin, fd_set __user *uout, fd_set __user *uex,
			    const struct poll_deadline *d)
{
	struct fdsets want, res;
	size_t bytes = (n + 63) / 64 * 8;
	int count;

	if (n < 0 || n > FD_SETSIZE)
		return -EINVAL;
	if (copy_fdset(want.in, uin, n) || copy_fdset(want.out, uout, n) || copy_fdset(want.ex, uex, n))
		return -EFAULT;
	while (!(count = select_once(n, &want, &res)) && !deadline_passed(d)) {
		if (poll_schedule_timeout(d->forever ? 0 : d->at))
			return -EINTR;
	}
	if (count < 0)
		return count;
	if ((uin && copy_to_user(uin, res.in, bytes)) || (uout && copy_to_user(uout, res.out, bytes)) ||
	    (uex && copy_to_user(uex, res.ex, bytes)))
		return -EFAULT;
	return count;
}

SYSCALL_DEFINE5(select, int, n, fd_set __user *, uin, fd_set __user *, uout, fd_set __user *, uex,
		struct timeval __user *, utv)
{
	struct poll_deadline d = { !utv, 0 };
	struct timeval tv;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		d.at = ktime_get_ns() + timeval_to_ns(tv);
	}
	ret = core_sys_select(n, uin, uout, uex, &d);
	if (utv && ret >= 0) {	/* Linux writes back the time left */
		u64 now = ktime_get_ns();
		tv = ns_to_timeval(d.at > now ? d.at - now : 0);
		if (copy_to_user(utv, &tv, sizeof(tv)))
			return -EFAULT;
	}
	return ret;
}

/* pselect6's sixth argument: the mask and its size, packed (Linux: struct sigset_argpack). */
struct sigset_argpack { const sigset_t __user *p; size_t size; };

/* select with a timespec and a signal mask (Linux: fs/select.c pselect6). */
SYSCALL_DEFINE6(pselect6, int, n, fd_set __user *, uin, fd_set __user *, uout, fd_set __user *, uex,
		struct timespec __user *, tsp, const struct sigset_argpack __user *, usig)
{
	struct sigset_argpack pack = { NULL, 0 };
	struct poll_deadline d;
	long ret = timespec_deadline(tsp, &d);

	if (!ret && usig && copy_from_user(&pack, usig, sizeof(pack)))
		ret = -EFAULT;
	if (!ret)
		ret = set_user_sigmask(pack.p, pack.size);
	if (ret)
		return ret;
	ret = restore_sigmask_unless_eintr(core_sys_select(n, uin, uout, uex, &d));
	return write_time_left(tsp, &d, ret);
}
