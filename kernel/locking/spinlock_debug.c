/*
 * kernel/locking/spinlock_debug.c - what include/spinlock.h reports
 * (Linux: kernel/locking/spinlock_debug.c, spin_dump and spin_bug).
 *
 * A broken locking rule is a kernel bug: the report names it in Linux's
 * words, with the task, and the machine stops with a backtrace, so a test
 * boot fails at the line that broke the rule.
 */
#include <spinlock.h>
#include <sched.h>
#include <printk.h>

int spinlock_depth;

__noreturn void spin_bug(const spinlock_t *lock, const char *msg)
{
	panic("BUG: %s on CPU#0, %s/%d, lock %p", msg, current ? current->comm : "swapper",
	      current ? current->pid : 0, lock);
}
