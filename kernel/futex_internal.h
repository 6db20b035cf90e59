/*
 * kernel/futex_internal.h - what futex.c shares with futex_waitv.c: the
 * key that names a futex word, the queue entry of one sleeping thread, and
 * the queue itself (Linux: kernel/futex/futex.h).
 */
#ifndef _KERNEL_FUTEX_INTERNAL_H
#define _KERNEL_FUTEX_INTERNAL_H
#include <types.h>
#include <list.h>
#include <time.h>

struct task_struct;

#define FUTEX_PRIVATE_FLAG 128

/* (mm, address) for a private word, (inode, offset) for one in a shared file mapping. */
union futex_key { struct { u64 object, offset; }; };

/* One sleeping thread on one word (Linux: struct futex_q). It lives with
 * the waiter (its stack, or futex_waitv's array) while it is queued. */
struct futex_q {
	struct list_head list;
	union futex_key key;
	u32 bitset;
	struct task_struct *task;
	bool woken;			/* a waker took it off the queue */
};

/* The key of @uaddr: -EINVAL if misaligned, -EFAULT if not user memory
 * (or, for a shared word, not readable: the key needs the page). */
int get_futex_key(u32 __user *uaddr, bool shared, union futex_key *key);
void futex_queue(struct futex_q *q);
/* Take @q off the queue: true if it was still there, false if a waker took it (Linux futex_unqueue). */
bool futex_unqueue(struct futex_q *q);
/* A wait's deadline on the monotonic clock from a user timespec, relative
 * or absolute (on CLOCK_REALTIME if @realtime); 0 and no deadline for NULL. */
int futex_deadline(const struct timespec __user *utime, bool relative, bool realtime, u64 *deadline);

#endif
