/*
 * fs/eventpoll.c - epoll: a set of watched files kept in the kernel, asked
 * "what is ready?" with one call (Linux: fs/eventpoll.c).
 *
 * An epoll file holds one epitem per (file, fd) added with EPOLL_CTL_ADD:
 * the events wanted and the user's 64-bit data. epoll_wait asks each
 * item's file f_op->poll, as poll() does (fs/select.c), and waits the way
 * poll() waits: it looks again once per tick until something is ready, the
 * timeout passes or a signal comes (EINTR, never restarted: Linux).
 *
 * How an item is reported:
 *   level-triggered  every epoll_wait while the file is ready
 *   EPOLLET          once per wake-up: Linux's file wakes its wait queue
 *                    (a write to a pipe, to an eventfd, a timer expiry) and
 *                    epoll reports it once. Here a file's ->poll_seq counts
 *                    those wake-ups; an item is due when the count moved
 *                    or a ready bit appeared since it was last reported
 *   EPOLLONESHOT     reported once, then silent until EPOLL_CTL_MOD
 *   EPOLLEXCLUSIVE   a wake-up of the file is reported by one set that
 *                    is waiting, not by all (see ep_excl_due)
 * Items are reported in the order they became ready, and a reported
 * level-triggered item goes to the back, so a small maxevents still serves
 * every ready file in turn (Linux's ready list, ep_scan_ready).
 *
 * Items do not hold their file: when the last reference to a file goes,
 * fput() calls eventpoll_release() and every item watching it goes too
 * (Linux __fput). An epoll file can watch other epoll files (it is ready
 * when one of its items is due), but not itself (EINVAL), not a set that
 * leads back to it, and not deeper than EP_MAX_NESTS (ELOOP).
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>
#include <proc_fs.h>
#include <uapi/linux/eventpoll.h>

#define EP_MAX_NESTS 4			/* Linux: epoll files inside epoll files, at most */
#define EP_MAX_EVENTS (0x7fffffff / sizeof(struct epoll_event))	/* Linux: INT_MAX / sizeof */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
#define MSEC_NS 1000000UL

struct epoll_event {			/* Linux uapi: packed on x86-64, 12 bytes */
	u32 events;
	u64 data;
} __packed;

struct eventpoll {
	struct list_head items;		/* every epitem, least recently reported first */
	u64 changes;			/* ctl calls: for an outer epoll's EPOLLET */
	int waiters;			/* threads asleep in epoll_wait (Linux: waitqueue_active(&ep->wq)) */
};

struct epitem {
	struct list_head link;		/* in ep->items */
	struct eventpoll *ep;
	struct file *file;		/* watched, not held: eventpoll_release() drops us first */
	int fd;
	struct epitem *fnext;		/* the next item watching the same file (file->f_ep) */
	u32 events;			/* wanted, plus EPOLLERR | EPOLLHUP; 0 once a ONESHOT fired */
	u64 data;
	u64 seq_seen;			/* EPOLLET: the file's wake-up count when last reported */
	unsigned mask_seen;		/* EPOLLET: the ready bits last reported (still ready) */
	bool on_rdl;			/* on Linux's ready list: ready when last looked at */
	unsigned ready;			/* the events due at the last scan */
	bool excl_queued;		/* EPOLLEXCLUSIVE: holds a wake-up to report */
};

static const struct file_operations eventpoll_fops;
static int poll_depth;			/* epoll files being polled inside each other right now */

static bool is_file_epoll(struct file *f) { return f->f_op == &eventpoll_fops; }

/* What of the wanted events the file has now (Linux ep_item_poll). */
static unsigned ep_item_poll(struct epitem *epi)
{
	return epi->file->f_op->poll(epi->file) & epi->events;
}

static u64 ep_item_seq(struct epitem *epi)
{
	const struct file_operations *op = epi->file->f_op;

	return op->poll_seq ? op->poll_seq(epi->file, epi->events) : 0;
}

/*
 * EPOLLEXCLUSIVE (Linux 4.5, ep_poll_callback): a wake-up of a file walks
 * its exclusive items in the order they were added.  An item whose set
 * has no thread waiting just keeps the wake-up (the set's next epoll_wait
 * reports it); the first whose set has a waiter takes it and ends the
 * walk, so the items after it never see that wake-up, not even when the
 * file stays ready (level-triggered).
 * Here epoll_wait looks once per tick, so the walk is done by whichever
 * set looks first: an item takes a wake-up it has not seen unless an
 * earlier item whose set is waiting has not seen it either (that set
 * takes it when it looks); a waiting set that takes it marks it seen for
 * the items added after its own.  Wake-ups within one tick count as one.
 */
static bool ep_excl_unseen(struct epitem *epi)
{
	return (epi->events & EPOLLEXCLUSIVE) && ep_item_seq(epi) != epi->seq_seen && ep_item_poll(epi);
}

/* An item added before @epi (file->f_ep is newest first), in a set that is waiting, wants the wake-up. */
static bool ep_excl_waiter_before(struct epitem *epi)
{
	for (struct epitem *e = epi->fnext; e; e = e->fnext)
		if (e->ep != epi->ep && e->ep->waiters && ep_excl_unseen(e))
			return true;
	return false;
}

/* @epi's waiting set took the wake-up: the walk ends, the items added later pass it by. */
static void ep_excl_walk_ends(struct epitem *epi)
{
	for (struct epitem *e = epi->file->f_ep; e != epi; e = e->fnext)
		if (e->events & EPOLLEXCLUSIVE)
			e->seq_seen = ep_item_seq(e);
}

/* @epi takes the file's latest wake-up: its set will report it. */
static void ep_excl_take(struct epitem *epi)
{
	epi->seq_seen = ep_item_seq(epi);
	epi->excl_queued = true;
	if (epi->ep->waiters)
		ep_excl_walk_ends(epi);
}

static unsigned ep_excl_due(struct epitem *epi, unsigned revents)
{
	if (!revents)
		epi->excl_queued = false;	/* Linux ep_send_events drops an item that is not ready */
	else if (ep_item_seq(epi) != epi->seq_seen && !ep_excl_waiter_before(epi))
		ep_excl_take(epi);
	return epi->excl_queued ? revents : 0;
}

/* The events to report for @epi now, 0 if none (for EPOLLET: only what is new). */
static unsigned ep_item_due(struct epitem *epi)
{
	unsigned revents = ep_item_poll(epi);

	if (epi->events & EPOLLEXCLUSIVE)
		return ep_excl_due(epi, revents);
	if (!(epi->events & EPOLLET))
		return revents;
	epi->mask_seen &= revents;	/* a bit that went away may come back as an edge */
	if (!revents || (ep_item_seq(epi) == epi->seq_seen && !(revents & ~epi->mask_seen)))
		return 0;
	return revents;
}

/* @epi was handed to user space with @revents. */
static void ep_item_reported(struct epitem *epi, unsigned revents)
{
	epi->seq_seen = ep_item_seq(epi);
	epi->mask_seen = revents;
	epi->excl_queued = !(epi->events & EPOLLET);	/* Linux: a level-triggered item stays queued */
	if (epi->events & EPOLLONESHOT)
		epi->events &= EP_PRIVATE_BITS;	/* Linux: silent until EPOLL_CTL_MOD */
}

/* ---------------------------------------------------------------- the epoll file */

/* Ready for reading when an item is due; nested too deep, nothing is (Linux ep_eventpoll_poll). */
static unsigned ep_eventpoll_poll(struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct list_head *p;
	unsigned mask = 0;

	if (poll_depth >= EP_MAX_NESTS)
		return 0;
	poll_depth++;
	list_for_each(p, &ep->items)
		if (ep_item_due(list_entry(p, struct epitem, link))) {
			mask = EPOLLIN | EPOLLRDNORM;
			break;
		}
	poll_depth--;
	return mask;
}

/* An inner item's wake-up wakes the outer epoll too (Linux ep_poll_callback -> ep->poll_wait). */
static u64 ep_eventpoll_seq(struct file *f, unsigned events)
{
	struct eventpoll *ep = f->private_data;
	struct list_head *p;
	u64 seq = ep->changes;

	if (!(events & EPOLLIN) || poll_depth >= EP_MAX_NESTS)
		return 0;
	poll_depth++;
	list_for_each(p, &ep->items)
		seq += ep_item_seq(list_entry(p, struct epitem, link));
	poll_depth--;
	return seq;
}

/* Unhook @epi from the file it watches and free it (Linux ep_remove). */
static void ep_remove(struct epitem *epi)
{
	struct epitem **pp = &epi->file->f_ep;

	while (*pp != epi)
		pp = &(*pp)->fnext;
	*pp = epi->fnext;
	list_del(&epi->link);
	epi->ep->changes++;
	kfree(epi);
}

static void ep_eventpoll_release(struct file *f)
{
	struct eventpoll *ep = f->private_data;

	while (!list_empty(&ep->items))
		ep_remove(list_first_entry(&ep->items, struct epitem, link));
	kfree(ep);
}

/* Linux ep_show_fdinfo: one line per watched file (Linux orders them by struct file address). */
static void ep_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct list_head *p;

	list_for_each(p, &ep->items) {
		struct epitem *epi = list_entry(p, struct epitem, link);
		struct inode *inode = epi->file->f_inode;

		seq_printf(m, "tfd: %8d events: %8x data: %16lx  pos:%ld ino:%lx sdev:%lx\n", epi->fd, epi->events,
			   epi->data, (long)epi->file->f_pos, (u64)inode->i_ino, inode_dev(inode));
	}
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll, .poll_seq = ep_eventpoll_seq, .release = ep_eventpoll_release,
	.show_fdinfo = ep_show_fdinfo,
};

/* The last reference to @f is going: no epoll set may keep pointing at it. */
void eventpoll_release(struct file *f)
{
	while (f->f_ep)
		ep_remove(f->f_ep);
}

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	if (!(ep = kzalloc(sizeof(*ep))))
		return -ENOMEM;
	INIT_LIST_HEAD(&ep->items);
	fd = anon_inode_getfd("[eventpoll]", &eventpoll_fops, ep, O_RDWR | (flags & O_CLOEXEC));
	if (fd < 0)
		kfree(ep);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags) { return do_epoll_create(flags); }

/* The size is a hint Linux ignores, but it must be positive. */
SYSCALL_DEFINE1(epoll_create, int, size) { return size <= 0 ? -EINVAL : do_epoll_create(0); }

/* ---------------------------------------------------------------- epoll_ctl */

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	for (struct epitem *epi = f->f_ep; epi; epi = epi->fnext)
		if (epi->ep == ep && epi->fd == fd)
			return epi;
	return NULL;
}

/* Would watching @to from @ep close a loop, or nest deeper than EP_MAX_NESTS? (Linux ep_loop_check) */
static bool ep_loop_check(struct eventpoll *ep, struct eventpoll *to, int depth)
{
	struct list_head *p;

	if (to == ep || depth > EP_MAX_NESTS)
		return true;
	list_for_each(p, &to->items) {
		struct epitem *epi = list_entry(p, struct epitem, link);

		if (is_file_epoll(epi->file) && ep_loop_check(ep, epi->file->private_data, depth + 1))
			return true;
	}
	return false;
}

static int ep_insert(struct eventpoll *ep, const struct epoll_event *ev, struct file *tf, int fd)
{
	struct epitem *epi;

	if (is_file_epoll(tf) && ep_loop_check(ep, tf->private_data, 1))
		return -ELOOP;
	if (!(epi = kzalloc(sizeof(*epi))))
		return -ENOMEM;
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->events = ev->events | EPOLLERR | EPOLLHUP;
	epi->data = ev->data;
	epi->seq_seen = ep_item_seq(epi);	/* a file ready now is reported once, by its ready bits */
	epi->excl_queued = ep_item_poll(epi) != 0;	/* Linux ep_insert queues a ready file */
	epi->fnext = tf->f_ep;
	tf->f_ep = epi;
	list_add_tail(&epi->link, &ep->items);
	ep->changes++;
	return 0;
}

/* Linux ep_modify: new events and data; a file ready now is reported again (ONESHOT's re-arm). */
static void ep_modify(struct epitem *epi, const struct epoll_event *ev)
{
	epi->events = ev->events | EPOLLERR | EPOLLHUP;
	epi->data = ev->data;
	epi->mask_seen = 0;
	epi->ep->changes++;
}

/* Linux do_epoll_ctl's checks, in its order: EBADF, EPERM (a file that cannot be polled), EINVAL. */
static int ep_ctl_check(struct file *f, struct file *tf, int op, const struct epoll_event *ev)
{
	if (!f || !tf)
		return -EBADF;
	if (!tf->f_op->poll)
		return -EPERM;			/* regular files, directories, /dev/null */
	if (f == tf || !is_file_epoll(f))
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && (ev->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD && (is_file_epoll(tf) || (ev->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	return 0;
}

static int do_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *ev)
{
	struct file *f = fget(epfd), *tf = fget(fd);
	struct eventpoll *ep;
	struct epitem *epi;
	int err = ep_ctl_check(f, tf, op, ev);

	if (err)
		return err;
	ep = f->private_data;
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		return epi ? -EEXIST : ep_insert(ep, ev, tf, fd);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (!(epi->events & EPOLLEXCLUSIVE))
			ep_modify(epi, ev);
		return 0;
	default:
		return -EINVAL;
	}
}

/* The event is read first for every op but DEL (EFAULT before anything else, as Linux). */
SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event __user *, event)
{
	struct epoll_event ev = { 0 };

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, event, sizeof(ev)))
		return -EFAULT;
	return do_epoll_ctl(epfd, op, fd, &ev);
}

/* ---------------------------------------------------------------- epoll_wait */

/*
 * Linux's ready list, kept in ep->items' order: a file that becomes ready
 * joins at the tail, behind those ready before it (Linux ep_poll_callback
 * appends on the wake-up). Each item's due events are noted in ->ready.
 */
static void ep_scan_ready(struct eventpoll *ep)
{
	struct list_head *p, *n, fresh;

	INIT_LIST_HEAD(&fresh);
	list_for_each_safe(p, n, &ep->items) {
		struct epitem *epi = list_entry(p, struct epitem, link);

		epi->ready = ep_item_due(epi);
		if (epi->ready && !epi->on_rdl)
			list_move_tail(&epi->link, &fresh);
		epi->on_rdl = epi->ready != 0;
	}
	while (!list_empty(&fresh))
		list_move_tail(fresh.next, &ep->items);
}

/* Hand out up to @max due items, oldest ready first; a level-triggered one goes back to the
 * tail (Linux ep_send_events), the others leave the ready list. The count, or -EFAULT. */
static int ep_send_events(struct eventpoll *ep, struct epoll_event __user *uevents, int max)
{
	struct list_head *p, *n, sent;
	int count = 0;

	ep_scan_ready(ep);
	INIT_LIST_HEAD(&sent);
	list_for_each_safe(p, n, &ep->items) {
		struct epitem *epi = list_entry(p, struct epitem, link);
		struct epoll_event ev = { .events = epi->ready, .data = epi->data };

		if (!ev.events)
			continue;
		if (copy_to_user(&uevents[count], &ev, sizeof(ev))) {
			if (!count)
				count = -EFAULT;
			break;
		}
		ep_item_reported(epi, ev.events);
		epi->on_rdl = !(epi->events & (EPOLLET | EPOLLONESHOT));
		list_move_tail(&epi->link, &sent);
		if (++count == max)
			break;
	}
	while (!list_empty(&sent))
		list_move_tail(sent.next, &ep->items);
	return count;
}

/* Linux do_epoll_wait: maxevents (EINVAL), the buffer (EFAULT), the fd (EBADF), an epoll file (EINVAL).
 * @deadline: ns on the monotonic clock; 0 with @forever false means "do not wait". */
static long do_epoll_wait(int epfd, struct epoll_event __user *uevents, int max, u64 deadline, bool forever)
{
	struct eventpoll *ep;
	struct file *f;
	bool waiting = false;
	int count;

	if (max <= 0 || (u64)max > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(uevents, (u64)max * sizeof(struct epoll_event)))
		return -EFAULT;
	if (!(f = fget(epfd)))
		return -EBADF;
	if (!is_file_epoll(f))
		return -EINVAL;
	ep = f->private_data;
	while (!(count = ep_send_events(ep, uevents, max))) {
		if (!forever && ktime_get_ns() >= deadline)
			break;
		if (!waiting) {
			waiting = true;	/* from the first sleep to the return, for EPOLLEXCLUSIVE */
			ep->waiters++;
		}
		if (poll_schedule_timeout(forever ? 0 : deadline)) {
			count = -EINTR;
			break;
		}
	}
	if (waiting)
		ep->waiters--;
	return count;
}

/* A timeout in ms: negative waits for ever, 0 only looks. */
static long epoll_wait_ms(int epfd, struct epoll_event __user *uevents, int max, int timeout)
{
	u64 deadline = timeout > 0 ? ktime_get_ns() + (u64)timeout * MSEC_NS : 0;

	return do_epoll_wait(epfd, uevents, max, deadline, timeout < 0);
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event __user *, events, int, maxevents, int, timeout)
{
	return epoll_wait_ms(epfd, events, maxevents, timeout);
}

/* epoll_pwait's mask is in force while it waits (kernel/signal.c set_user_sigmask). */
SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event __user *, events, int, maxevents, int, timeout,
		const sigset_t __user *, sigmask, size_t, sigsetsize)
{
	int err = set_user_sigmask(sigmask, sigsetsize);

	if (err)
		return err;
	return restore_sigmask_unless_eintr(epoll_wait_ms(epfd, events, maxevents, timeout));
}

/* epoll_pwait2: the timeout is a timespec (NULL: for ever), checked before the mask. */
SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event __user *, events, int, maxevents,
		const struct timespec __user *, timeout, const sigset_t __user *, sigmask, size_t, sigsetsize)
{
	struct timespec ts;
	u64 deadline = 0;
	int err;

	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (!timespec_valid(ts))
			return -EINVAL;
		deadline = ktime_get_ns() + timespec_to_ns(ts);
	}
	if ((err = set_user_sigmask(sigmask, sigsetsize)))
		return err;
	return restore_sigmask_unless_eintr(do_epoll_wait(epfd, events, maxevents, deadline, !timeout));
}
