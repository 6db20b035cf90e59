/*
 * include/spinlock.h - spinlocks, as a kernel for one CPU has them (Linux:
 * include/linux/spinlock.h built without CONFIG_SMP, with
 * CONFIG_DEBUG_SPINLOCK and CONFIG_DEBUG_ATOMIC_SLEEP on).
 *
 * A spinlock guards data that SMP CPUs would touch at the same time and
 * that is changed without sleeping: the page tables of an mm
 * (mm->page_table_lock), the page-cache tree of a file
 * (mapping->tree_lock).  On one CPU, with a kernel that is not preempted
 * and no interrupt handler that takes these locks, nobody else can run
 * between lock and unlock, so here the lock waits for nothing.  What it
 * does is mark the critical sections where Linux has them and check the
 * rules an SMP kernel depends on (kernel/locking/spinlock_debug.c):
 *   - taking a lock the CPU already holds: "BUG: spinlock recursion"
 *     (on SMP, a deadlock);
 *   - releasing one nobody holds: "BUG: spinlock already unlocked";
 *   - sleeping while holding one: "BUG: scheduling while atomic"
 *     (kernel/sched.c schedule(); on SMP another CPU would spin forever).
 * An SMP port makes lock/unlock real (an atomic exchange and a pause loop)
 * at the same call sites.
 */
#ifndef _FAULTLINE_SPINLOCK_H
#define _FAULTLINE_SPINLOCK_H
#include "types.h"

typedef struct {
	bool locked;
} spinlock_t;			/* all zero: unlocked (kzalloc'd structures need no init) */

#define __SPIN_LOCK_UNLOCKED { .locked = false }

extern int spinlock_depth;	/* locks held now (Linux: preempt_count's lock part) */
__noreturn void spin_bug(const spinlock_t *lock, const char *msg);

static inline void spin_lock_init(spinlock_t *lock) { lock->locked = false; }

static inline void spin_lock(spinlock_t *lock)
{
	if (lock->locked)
		spin_bug(lock, "spinlock recursion");
	lock->locked = true;
	spinlock_depth++;
}

static inline void spin_unlock(spinlock_t *lock)
{
	if (!lock->locked)
		spin_bug(lock, "spinlock already unlocked");
	lock->locked = false;
	spinlock_depth--;
}

/* Sleeping is allowed only with no spinlock held (Linux: in_atomic()). */
static inline bool in_atomic(void) { return spinlock_depth != 0; }

#endif
