/*
 * include/rwsem.h - reader-writer semaphores (Linux: include/linux/rwsem.h,
 * kernel/locking/rwsem.c): any number of readers, or one writer; a task
 * that cannot have it sleeps until it is released.
 */
#ifndef _FAULTLINE_RWSEM_H
#define _FAULTLINE_RWSEM_H
#include "types.h"

struct task_struct;

struct rw_semaphore {
	long count;			/* readers holding it, or RWSEM_WRITER_LOCKED */
	struct task_struct *owner;	/* the writer, for the recursion check */
	int waiters;			/* tasks asleep on it: only then does a release wake */
};

#define RWSEM_WRITER_LOCKED (-1L)

void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

/* Does t hold sem for writing?  (A read attempt by t would never return.) */
static inline bool rwsem_write_owned_by(const struct rw_semaphore *sem, const struct task_struct *t)
{
	return sem->count == RWSEM_WRITER_LOCKED && sem->owner == t;
}

#endif
