/*
 * kernel/locking/rwsem.c - reader-writer semaphores, in their simplest
 * correct form for one CPU and a kernel that is not preempted (Linux:
 * kernel/locking/rwsem.c, without its optimistic spinning and handoff).
 *
 * Nothing can run between the test and the update below except an
 * interrupt handler, and no interrupt handler takes these locks, so the
 * count needs no atomic operation; a task that must wait sleeps on the
 * semaphore and is woken by the release.  Taking a lock the caller
 * already holds for writing would sleep forever (as on Linux): that is a
 * kernel bug, reported as one.
 */
#include <rwsem.h>
#include <sched.h>
#include <printk.h>

static void check_recursion(struct rw_semaphore *sem, const char *how)
{
	if (rwsem_write_owned_by(sem, current))
		panic("BUG: %s of a rw_semaphore %s[%d] already holds for writing (deadlock)",
		      how, current->comm, current->pid);
}

/* Sleep until a release; counted, so an uncontended release wakes no one
 * (Linux keeps a wait list and wakes only when it is not empty). */
static void rwsem_wait(struct rw_semaphore *sem)
{
	sem->waiters++;
	sleep_on_uninterruptible(sem);
	sem->waiters--;
}

static void rwsem_wake(struct rw_semaphore *sem)
{
	if (sem->waiters)
		wake_up(sem);
}

void down_read(struct rw_semaphore *sem)
{
	if (sem->count == RWSEM_WRITER_LOCKED) {	/* the fault path almost never gets here */
		check_recursion(sem, "down_read");
		while (sem->count == RWSEM_WRITER_LOCKED)
			rwsem_wait(sem);
	}
	sem->count++;
}

void up_read(struct rw_semaphore *sem)
{
	if (--sem->count == 0)
		rwsem_wake(sem);		/* a writer may be waiting */
}

void down_write(struct rw_semaphore *sem)
{
	if (sem->count != 0) {
		check_recursion(sem, "down_write");
		while (sem->count != 0)
			rwsem_wait(sem);
	}
	sem->count = RWSEM_WRITER_LOCKED;
	sem->owner = current;
}

void up_write(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->owner = NULL;
	rwsem_wake(sem);
}
