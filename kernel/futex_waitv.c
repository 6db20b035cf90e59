/*
 * kernel/futex_waitv.c - futex_waitv(2): one thread waits on up to 128
 * futex words at once and is told which one was woken (Linux 5.16:
 * kernel/futex/syscalls.c sys_futex_waitv, waitwake.c futex_wait_multiple;
 * Wine and Proton use it for WaitForMultipleObjects).
 *
 * Each entry of the user's array becomes one futex_q of the caller, queued
 * on futex.c's queue as a FUTEX_WAIT's would be, so an ordinary FUTEX_WAKE
 * on any of the words finds it.  The call goes through Linux's steps, and
 * each can end it:
 *   1. the arguments, the timeout and every entry are checked (EINVAL,
 *      EFAULT) before anything else happens           futex_parse_waitv
 *   2. every word gets its key; a shared word needs its page (EFAULT)
 *   3. the entries are queued in order, each word read as it is queued:
 *      one that no longer holds its value (EAGAIN) or cannot be read
 *      (EFAULT) takes them all off again       futex_wait_multiple_setup
 *   4. sleep until a wake takes one of them off the queue (the call returns
 *      its index), the absolute deadline passes (ETIMEDOUT) or a signal
 *      comes (ERESTARTSYS: the deadline is absolute, so a restarted call
 *      waits for the same moment)                    futex_wait_multiple
 * Only 32-bit words exist, as in Linux.  Linux 6.16's FUTEX2_NUMA and
 * FUTEX2_MPOL (a node number beside the word) are refused here: EINVAL.
 */
#include <syscalls.h>
#include <sched.h>
#include <mm.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>
#include "futex_internal.h"

/* include/uapi/linux/futex.h */
#define FUTEX_WAITV_MAX 128
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_SIZE_MASK 0x03
#define FUTEX2_PRIVATE FUTEX_PRIVATE_FLAG
#define FUTEX2_VALID_MASK (FUTEX2_SIZE_MASK | FUTEX2_PRIVATE)	/* here: no NUMA, no MPOL */

#define CLOCK_REALTIME 0		/* Linux uapi/linux/time.h */
#define CLOCK_MONOTONIC 1

struct futex_waitv {			/* the user's entry, 24 bytes */
	u64 val;
	u64 uaddr;
	u32 flags;
	u32 __reserved;
};

/* One entry and its place in the queue (Linux: struct futex_vector). */
struct futex_vector {
	struct futex_waitv w;
	struct futex_q q;
};

/* Copy and check every entry (Linux futex_parse_waitv, futex_flags_valid,
 * futex_validate_input): only FUTEX2_SIZE_U32, optionally private, a
 * reserved field of 0 and a value that fits in the word. */
static int futex_parse_waitv(struct futex_vector *vs, const struct futex_waitv __user *uwaitv, unsigned nr)
{
	for (unsigned i = 0; i < nr; i++) {
		struct futex_waitv *w = &vs[i].w;

		if (copy_from_user(w, &uwaitv[i], sizeof(*w)))
			return -EFAULT;
		if ((w->flags & ~FUTEX2_VALID_MASK) || w->__reserved)
			return -EINVAL;
		if ((w->flags & FUTEX2_SIZE_MASK) != FUTEX2_SIZE_U32 || (w->val >> 32))
			return -EINVAL;
		vs[i].q.task = current;
		vs[i].q.bitset = ~0u;	/* any FUTEX_WAKE_BITSET matches, as Linux's FUTEX_BITSET_MATCH_ANY */
	}
	return 0;
}

static int futex_get_keys(struct futex_vector *vs, unsigned nr)
{
	for (unsigned i = 0; i < nr; i++) {
		bool shared = !(vs[i].w.flags & FUTEX2_PRIVATE);
		int err = get_futex_key((u32 __user *)vs[i].w.uaddr, shared, &vs[i].q.key);

		if (err)
			return err;
	}
	return 0;
}

/* Take the first @nr entries off the queue: the index of the last one a
 * waker had taken already, or -1 (Linux futex_unqueue_multiple). */
static int futex_unqueue_multiple(struct futex_vector *vs, unsigned nr)
{
	int woken = -1;

	for (unsigned i = 0; i < nr; i++)
		if (!futex_unqueue(&vs[i].q))
			woken = i;
	return woken;
}

/* Step 3: queue each entry whose word still holds its value. 0 with all
 * queued; else -EAGAIN or -EFAULT with none queued - unless a wake already
 * took one of them while a word was being read: then that index. */
static int futex_wait_multiple_setup(struct futex_vector *vs, unsigned nr)
{
	for (unsigned i = 0; i < nr; i++) {
		u32 cur;
		int err = 0, woken;

		futex_queue(&vs[i].q);
		if (get_user(cur, (u32 __user *)vs[i].w.uaddr))
			err = -EFAULT;
		else if (cur != (u32)vs[i].w.val)
			err = -EAGAIN;
		if (!err)
			continue;
		woken = futex_unqueue_multiple(vs, i + 1);
		return woken >= 0 ? woken : err;
	}
	return 0;
}

static bool any_woken(struct futex_vector *vs, unsigned nr)
{
	for (unsigned i = 0; i < nr; i++)
		if (vs[i].q.woken)
			return true;
	return false;
}

/* Steps 3 and 4: the woken entry's index, or -EAGAIN, -EFAULT, -ETIMEDOUT, -ERESTARTSYS. */
static int futex_wait_multiple(struct futex_vector *vs, unsigned nr, u64 deadline)
{
	int ret = futex_wait_multiple_setup(vs, nr), woken;

	if (ret)
		return ret;
	for (;;) {
		if (any_woken(vs, nr))
			break;
		if (deadline && ktime_get_ns() >= deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		if (signal_pending()) {
			ret = -ERESTARTSYS;
			break;
		}
		current->wake_at_ns = deadline;
		sleep_on(vs);
	}
	woken = futex_unqueue_multiple(vs, nr);
	return woken >= 0 ? woken : ret;
}

/* The clock is looked at only with a timeout (Linux: CLOCK_MONOTONIC or CLOCK_REALTIME). */
static int waitv_deadline(const struct timespec __user *timeout, int clockid, u64 *deadline)
{
	*deadline = 0;
	if (!timeout)
		return 0;
	if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
		return -EINVAL;
	return futex_deadline(timeout, false, clockid == CLOCK_REALTIME, deadline);
}

SYSCALL_DEFINE5(futex_waitv, struct futex_waitv __user *, waiters, unsigned int, nr_futexes,
		unsigned int, flags, struct timespec __user *, timeout, int, clockid)
{
	struct futex_vector *vs;
	u64 deadline;
	int ret;

	if (flags)
		return -EINVAL;		/* none defined yet */
	if (!nr_futexes || nr_futexes > FUTEX_WAITV_MAX || !waiters)
		return -EINVAL;
	if ((ret = waitv_deadline(timeout, clockid, &deadline)))
		return ret;
	if (!(vs = kzalloc(nr_futexes * sizeof(*vs))))
		return -ENOMEM;
	ret = futex_parse_waitv(vs, waiters, nr_futexes);
	if (!ret)
		ret = futex_get_keys(vs, nr_futexes);
	if (!ret)
		ret = futex_wait_multiple(vs, nr_futexes, deadline);
	kfree(vs);
	return ret;
}
