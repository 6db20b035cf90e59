/*
 * fs/locks.c - flock(2), BSD's whole-file locks (Linux: fs/locks.c,
 * flock_lock_inode).
 *
 * A lock belongs to an open file description, not to a process: dup'ed
 * descriptors and a fork's child share it, a second open() of the same
 * file is someone else.  LOCK_SH may be held by many descriptions at once,
 * LOCK_EX by one alone; asking again changes the kind (not atomically:
 * the old lock goes first, as in Linux).  LOCK_NB gets EWOULDBLOCK instead
 * of a wait; a signal ends the wait (restarted under SA_RESTART).  The
 * lock goes with LOCK_UN or the description's last close.
 *
 * Linux hangs each inode's locks off inode->i_flctx; here one short list
 * holds every flock in the system, which is enough for a teaching kernel
 * and keeps struct inode as it is.  POSIX record locks (fcntl F_SETLK) are
 * another kind and are not here.
 */
#include <syscalls.h>
#include <fs.h>
#include <sched.h>
#include <list.h>
#include <errno.h>
#include "uapi/asm-generic/fcntl.h"

struct file_lock {
	struct list_head list;
	struct file *file;		/* the open file description that holds it */
	struct inode *inode;
	int type;			/* LOCK_SH or LOCK_EX */
};

static LIST_HEAD(flocks);
static int flock_waitq;			/* sleepers wait on its address */

static struct file_lock *lock_of(struct file *f)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &flocks, list)
		if (fl->file == f)
			return fl;
	return NULL;
}

/* Another description holds a lock on the inode that @type cannot share. */
static bool conflicts(struct file *f, int type)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &flocks, list)
		if (fl->inode == f->f_inode && fl->file != f && (type == LOCK_EX || fl->type == LOCK_EX))
			return true;
	return false;
}

/* Let @f's lock go, and wake whoever waits for one. */
static void flock_unlock(struct file *f)
{
	struct file_lock *fl = lock_of(f);

	if (!fl)
		return;
	list_del(&fl->list);
	kfree(fl);
	wake_up(&flock_waitq);
}

/* The last close of a description drops its lock (Linux: locks_remove_flock). */
void locks_remove_flock(struct file *f)
{
	if (!list_empty(&flocks))
		flock_unlock(f);
}

static int flock_lock(struct file *f, int type, bool nonblock)
{
	struct file_lock *fl = lock_of(f);

	if (fl && fl->type == type)
		return 0;
	if (fl)
		flock_unlock(f);		/* a conversion: Linux drops the old lock first too */
	while (conflicts(f, type)) {
		if (nonblock)
			return -EAGAIN;		/* EWOULDBLOCK: the same number */
		if (sleep_on(&flock_waitq))
			return -ERESTARTSYS;
	}
	if (!(fl = kmalloc(sizeof(*fl), 0)))
		return -ENOMEM;
	*fl = (struct file_lock){ .file = f, .inode = f->f_inode, .type = type };
	list_add_tail(&fl->list, &flocks);
	return 0;
}

SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *f = fget(fd);
	int type = cmd & ~LOCK_NB;

	if (!f)
		return -EBADF;
	if (type == LOCK_UN) {
		flock_unlock(f);
		return 0;
	}
	if (type != LOCK_SH && type != LOCK_EX)
		return -EINVAL;
	return flock_lock(f, type, cmd & LOCK_NB);
}
