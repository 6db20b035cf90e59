/*
 * fs/locks.c - advisory file locks: flock(2)'s whole-file locks, fcntl's
 * POSIX record locks, its open-file-description (OFD) locks and leases
 * (Linux: fs/locks.c, whose function names are used here).
 *
 * The kinds, and who owns a lock (fl_owner):
 *
 *   flock   LOCK_SH / LOCK_EX on the whole file.  Owner: the open file
 *           description, so dup'ed descriptors and a fork's child share it.
 *           It goes with LOCK_UN or the description's last close.
 *   POSIX   fcntl F_SETLK / F_SETLKW: a byte range, F_RDLCK or F_WRLCK.
 *           Owner: the process's descriptor table (Linux: current->files),
 *           so a fork's child owns none of them, and a close() of ANY
 *           descriptor of the inode drops all the owner's locks on it
 *           (locks_remove_posix), as does exit, which closes them all.
 *   OFD     fcntl F_OFD_SETLK / F_OFD_SETLKW: POSIX's ranges and rules, but
 *           owned by the open file description, like flock.
 *   lease   fcntl F_SETLEASE: the whole file, owned by the description;
 *           other processes' open() calls run into it (see "leases" below).
 *
 * flock and fcntl locks never meet: they live on separate lists, so a file
 * can be flock'ed by one process and record-locked by another (Linux since
 * 2.0 on local file systems).  POSIX and OFD locks share one list and
 * conflict with each other.  A lock conflicts only with another owner's:
 * F_WRLCK with anything that overlaps, F_RDLCK with an overlapping F_WRLCK.
 *
 * An inode's locks hang off its file_lock_context (Linux: inode->i_flctx),
 * made at the first lock and freed with the inode.  One owner's record
 * locks never overlap each other: a new lock replaces the owner's old ones
 * under it, cutting a lock it lands inside in two and merging with
 * same-type locks it overlaps or touches (posix_lock_inode).  The list keeps
 * each owner's locks together, sorted by start, as Linux's does; F_GETLK
 * reports the first conflicting lock in that order.
 *
 * Waiting (F_SETLKW, F_OFD_SETLKW, flock without LOCK_NB): the request, a
 * file_lock on the waiter's kernel stack, records the lock in its way
 * (fl_blocker) and sits on blocked_requests.  Whoever deletes a lock,
 * shrinks it or changes its type wakes the requests it blocks
 * (locks_wake_up_blocks); they try again from the start.  Before a POSIX
 * request sleeps, posix_locks_deadlock follows the chain "the owner of my
 * blocker waits for a lock whose owner waits for ..." and answers EDEADLK if
 * it comes back to the caller.  A signal ends a wait with -ERESTARTSYS, so
 * SA_RESTART restarts it (Linux: wait_event_interruptible in
 * do_lock_file_wait and flock_lock_inode_wait).
 *
 * faultline has one CPU and the kernel is not preemptible, so no spinlock
 * guards these lists: they change only between sleeps.
 */
#include <syscalls.h>
#include <fs.h>
#include <sched.h>
#include <list.h>
#include <uaccess.h>
#include <cred.h>
#include <errno.h>
#include "uapi/asm-generic/fcntl.h"

#define OFFSET_MAX ((loff_t)0x7fffffffffffffffLL)	/* Linux: INT_LIMIT(loff_t), "to the end" */
#define MAX_DEADLK_ITERATIONS 10			/* Linux: posix_locks_deadlock gives up after this */
#define FILE_LOCK_DEFERRED 1				/* Linux: the request waits, see fl_blocker */

/* fl_flags, Linux's bits (include/linux/filelock.h) */
#define FL_POSIX 1
#define FL_FLOCK 2
#define FL_LEASE 32		/* F_SETLEASE's */
#define FL_OFDLCK 1024		/* a POSIX-rule lock owned by the open file description */
#define FL_SLEEP 128		/* the request may wait */

struct file_lock_context {
	struct list_head flc_flock;	/* flock(2)'s locks */
	struct list_head flc_lease;	/* F_SETLEASE's leases */
	struct list_head flc_posix;	/* POSIX and OFD: owners together, each sorted by start */
};

struct file_lock {
	struct list_head fl_list;	/* in the context's flc_flock or flc_posix */
	struct list_head fl_blocked;	/* a waiting request: in blocked_requests */
	struct file_lock *fl_blocker;	/* a waiting request: the lock in its way */
	void *fl_owner;			/* files_struct (POSIX) or struct file (OFD, flock) */
	struct file *fl_file;		/* flock: the description that took it */
	int fl_pid;			/* the tgid that took it, F_GETLK's l_pid */
	unsigned int fl_flags;		/* FL_POSIX, FL_FLOCK, FL_OFDLCK, FL_SLEEP */
	int fl_type;			/* F_RDLCK, F_WRLCK, F_UNLCK */
	loff_t fl_start, fl_end;	/* bytes fl_start..fl_end, both included */
};

static LIST_HEAD(blocked_requests);	/* Linux: blocked_hash, the waiters of every inode */

/* ---------------------------------------------------------------- the context */

/* Linux locks_get_lock_context: the inode's lock lists, made on first use. */
static struct file_lock_context *locks_get_lock_context(struct inode *inode)
{
	struct file_lock_context *ctx = inode->i_flctx;

	if (ctx)
		return ctx;
	if (!(ctx = kmalloc(sizeof(*ctx), 0)))
		return NULL;
	INIT_LIST_HEAD(&ctx->flc_flock);
	INIT_LIST_HEAD(&ctx->flc_lease);
	INIT_LIST_HEAD(&ctx->flc_posix);
	inode->i_flctx = ctx;
	return ctx;
}

/* fs/inode.c, as the inode goes: every lock went with the last close before. */
void locks_free_lock_context(struct inode *inode)
{
	kfree(inode->i_flctx);
	inode->i_flctx = NULL;
}

static struct file_lock *locks_alloc_lock(void)
{
	struct file_lock *fl = kzalloc(sizeof(*fl));

	if (fl) {
		INIT_LIST_HEAD(&fl->fl_list);
		INIT_LIST_HEAD(&fl->fl_blocked);
	}
	return fl;
}

/* ---------------------------------------------------------------- waiting */

/* The requests that wait for @blocker try again (Linux: locks_wake_up_blocks). */
static void locks_wake_up_blocks(struct file_lock *blocker)
{
	struct list_head *p, *n;

	list_for_each_safe(p, n, &blocked_requests) {
		struct file_lock *waiter = list_entry(p, struct file_lock, fl_blocked);

		if (waiter->fl_blocker != blocker)
			continue;
		waiter->fl_blocker = NULL;
		list_del(&waiter->fl_blocked);
		wake_up(waiter);
	}
}

/* A lock leaves its list for good: its waiters look again, then it is freed. */
static void locks_delete_lock(struct file_lock *fl)
{
	list_del(&fl->fl_list);
	locks_wake_up_blocks(fl);
	kfree(fl);
}

static void locks_insert_block(struct file_lock *blocker, struct file_lock *waiter)
{
	waiter->fl_blocker = blocker;
	list_add_tail(&waiter->fl_blocked, &blocked_requests);
}

/* The request stops waiting, woken or not (Linux: locks_delete_block). */
static void locks_delete_block(struct file_lock *waiter)
{
	waiter->fl_blocker = NULL;
	list_del(&waiter->fl_blocked);
}

/*
 * Sleep until the blocker is gone or changed; 0, or -ERESTARTSYS for a
 * signal (Linux: wait_event_interruptible(fl_wait, !fl_blocker)).
 */
static int locks_wait_unblocked(struct file_lock *waiter)
{
	while (waiter->fl_blocker)
		if (sleep_on(waiter))
			return -ERESTARTSYS;
	return 0;
}

/* ---------------------------------------------------------------- conflicts */

static bool locks_overlap(const struct file_lock *a, const struct file_lock *b)
{
	return a->fl_end >= b->fl_start && b->fl_end >= a->fl_start;
}

/* Linux locks_conflict: a write lock shares with no one, read locks with each other. */
static bool locks_conflict(const struct file_lock *caller, const struct file_lock *sys)
{
	return caller->fl_type == F_WRLCK || sys->fl_type == F_WRLCK;
}

/* Linux posix_locks_conflict: an owner's own locks never block it. */
static bool posix_locks_conflict(const struct file_lock *caller, const struct file_lock *sys)
{
	return caller->fl_owner != sys->fl_owner && locks_overlap(caller, sys) && locks_conflict(caller, sys);
}

/* Linux flock_locks_conflict: two flocks of one description never conflict. */
static bool flock_locks_conflict(const struct file_lock *caller, const struct file_lock *sys)
{
	return caller->fl_file != sys->fl_file && locks_conflict(caller, sys);
}

/*
 * Linux what_owner_is_waiting_for: the lock that a request of @owner waits
 * for, if one does.  Only POSIX waiters count: an OFD lock's owner is a
 * description, not something that waits.
 */
static struct file_lock *what_owner_is_waiting_for(void *owner)
{
	struct file_lock *waiter;

	list_for_each_entry(waiter, &blocked_requests, fl_blocked)
		if ((waiter->fl_flags & (FL_POSIX | FL_OFDLCK)) == FL_POSIX && waiter->fl_owner == owner)
			return waiter->fl_blocker;
	return NULL;
}

/*
 * Linux posix_locks_deadlock: would @caller, waiting for @block, close a
 * circle of waiters?  Every waiter waits for one lock, so the chain is a
 * path; threads sharing a descriptor table can bend it, hence the cap.
 */
static bool posix_locks_deadlock(const struct file_lock *caller, struct file_lock *block)
{
	int i = 0;

	if (caller->fl_flags & FL_OFDLCK)
		return false;		/* Linux: not detected for OFD locks */
	while ((block = what_owner_is_waiting_for(block->fl_owner))) {
		if (i++ > MAX_DEADLK_ITERATIONS)
			return false;
		if (block->fl_owner == caller->fl_owner)
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- flock(2) */

/* Linux OPEN_FMODE: O_ACCMODE 3 is neither readable nor writable. */
static bool file_readable(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) == O_RDONLY || (f->f_flags & O_ACCMODE) == O_RDWR;
}

static bool file_writable(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) == O_WRONLY || (f->f_flags & O_ACCMODE) == O_RDWR;
}


/*
 * Linux flock_lock_inode: take, change or drop @f's flock.  A change drops
 * the old lock first and wakes its waiters, so it is not atomic (Linux
 * too).  FILE_LOCK_DEFERRED: @request now waits for the lock in its way.
 */
static int flock_lock_inode(struct file_lock_context *ctx, struct file_lock *request)
{
	struct file_lock *fl, *new;

	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (fl->fl_file != request->fl_file)
			continue;
		if (fl->fl_type == request->fl_type)
			return 0;
		locks_delete_lock(fl);
		break;
	}
	if (request->fl_type == F_UNLCK)
		return 0;
	list_for_each_entry(fl, &ctx->flc_flock, fl_list) {
		if (!flock_locks_conflict(request, fl))
			continue;
		if (!(request->fl_flags & FL_SLEEP))
			return -EAGAIN;		/* EWOULDBLOCK: the same number */
		locks_insert_block(fl, request);
		return FILE_LOCK_DEFERRED;
	}
	if (!(new = locks_alloc_lock()))
		return -ENOMEM;
	*new = *request;
	INIT_LIST_HEAD(&new->fl_blocked);
	list_add_tail(&new->fl_list, &ctx->flc_flock);
	return 0;
}

/* Linux flock_lock_inode_wait: until it is taken, refused, or a signal comes. */
static int flock_lock_inode_wait(struct file_lock_context *ctx, struct file_lock *request)
{
	int err;

	while ((err = flock_lock_inode(ctx, request)) == FILE_LOCK_DEFERRED)
		if ((err = locks_wait_unblocked(request)))
			break;
	locks_delete_block(request);
	return err;
}

/* Linux flock_translate_cmd: LOCK_SH, LOCK_EX, LOCK_UN as lock types. */
static int flock_translate_cmd(unsigned int op)
{
	switch (op) {
	case LOCK_SH:
		return F_RDLCK;
	case LOCK_EX:
		return F_WRLCK;
	case LOCK_UN:
		return F_UNLCK;
	}
	return -EINVAL;
}

/* Linux SYSCALL_DEFINE2(flock): the operation is checked before the descriptor. */
SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	int type = flock_translate_cmd(cmd & ~LOCK_NB);
	struct file_lock_context *ctx;
	struct file *f;

	if (cmd & LOCK_MAND)
		return 0;		/* Linux 5.15+: mandatory flocks are gone, the call does nothing */
	if (type < 0)
		return type;
	if (!(f = fget(fd)))
		return -EBADF;
	if (type != F_UNLCK && !file_readable(f) && !file_writable(f))
		return -EBADF;
	if (!(ctx = locks_get_lock_context(f->f_inode)))
		return -ENOMEM;
	struct file_lock request = {
		.fl_list = LIST_HEAD_INIT(request.fl_list), .fl_blocked = LIST_HEAD_INIT(request.fl_blocked),
		.fl_file = f, .fl_owner = f, .fl_pid = current->tgid, .fl_type = type,
		.fl_flags = FL_FLOCK | (cmd & LOCK_NB ? 0 : FL_SLEEP), .fl_start = 0, .fl_end = OFFSET_MAX,
	};
	return flock_lock_inode_wait(ctx, &request);
}

/* ---------------------------------------------------------------- POSIX and OFD locks */

/*
 * Linux posix_test_lock: the first lock in @request's way (F_GETLK).  An
 * F_UNLCK request (F_OFD_GETLK only) asks for the caller's own lock over
 * the range instead.  NULL if there is none.
 */
static struct file_lock *posix_test_lock(struct inode *inode, const struct file_lock *request)
{
	struct file_lock *fl;

	if (!inode->i_flctx)
		return NULL;
	list_for_each_entry(fl, &inode->i_flctx->flc_posix, fl_list) {
		if (request->fl_type == F_UNLCK ? fl->fl_owner == request->fl_owner && locks_overlap(request, fl)
						: posix_locks_conflict(request, fl))
			return fl;
	}
	return NULL;
}

static struct file_lock *posix_first_conflict(struct file_lock_context *ctx, const struct file_lock *request)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_posix, fl_list)
		if (posix_locks_conflict(request, fl))
			return fl;
	return NULL;
}

/* Where a lock from @start goes: before the owner's first lock beyond it, after its last, or at the end. */
static struct list_head *posix_insert_point(struct file_lock_context *ctx, void *owner, loff_t start)
{
	struct file_lock *fl;
	struct list_head *after_last = NULL;

	list_for_each_entry(fl, &ctx->flc_posix, fl_list) {
		if (fl->fl_owner != owner)
			continue;
		if (fl->fl_start > start)
			return &fl->fl_list;
		after_last = fl->fl_list.next;
	}
	return after_last ? after_last : &ctx->flc_posix;
}

/*
 * A piece of @old that the new range cuts off: its left part stays in @old,
 * the right part goes to @right (a spare), just after @old.
 */
static void posix_split(struct file_lock *old, struct file_lock *right, loff_t start, loff_t end)
{
	*right = *old;
	INIT_LIST_HEAD(&right->fl_blocked);
	right->fl_start = end + 1;
	old->fl_end = start - 1;
	list_add(&right->fl_list, &old->fl_list);
	locks_wake_up_blocks(old);
}

/*
 * Linux posix_lock_inode, once no other owner is in the way: make the
 * owner's locks over [fl_start, fl_end] be @request's type (none for
 * F_UNLCK).  Walk the owner's locks:
 *   - same type, overlapping or touching: merged into one; the first one
 *     met is kept, grown, and stands for the result (@keep);
 *   - another type, overlapping: cut back to the part outside the range,
 *     or, if wholly inside, turned into the result or deleted; one that
 *     holds the range strictly inside is split in two (@split).
 * @spare holds two free locks: the result if nothing could be reused, and
 * the right half of a split.  Waiters of every lock that shrinks, goes or
 * changes type are woken; a lock that only grows blocks no one new.
 */
static void posix_apply(struct file_lock_context *ctx, struct file_lock *request, struct file_lock *spare[2])
{
	struct list_head *p, *n;
	struct file_lock *keep = NULL, *split = NULL;
	loff_t start = request->fl_start, end = request->fl_end;
	int type = request->fl_type;

	list_for_each_safe(p, n, &ctx->flc_posix) {
		struct file_lock *fl = list_entry(p, struct file_lock, fl_list);

		if (fl->fl_owner != request->fl_owner)
			continue;
		if (fl->fl_type == type) {
			/* "start - 1", not "end + 1": end may be OFFSET_MAX (Linux's note) */
			if (fl->fl_end < start - 1 || fl->fl_start - 1 > end)
				continue;
			start = MIN(start, fl->fl_start);
			end = MAX(end, fl->fl_end);
			if (!keep)
				keep = fl;
			else
				locks_delete_lock(fl);
			continue;
		}
		if (fl->fl_end < start || fl->fl_start > end)
			continue;
		if (fl->fl_start < start && fl->fl_end > end) {
			split = fl;		/* the only lock that can touch the range */
		} else if (fl->fl_start < start) {
			fl->fl_end = start - 1;
			locks_wake_up_blocks(fl);
		} else if (fl->fl_end > end) {
			fl->fl_start = end + 1;
			locks_wake_up_blocks(fl);
		} else if (type != F_UNLCK && !keep) {
			locks_wake_up_blocks(fl);	/* a new type: its waiters may pass now */
			fl->fl_type = type;
			keep = fl;
		} else {
			locks_delete_lock(fl);
		}
	}
	if (split) {			/* first, so that the result goes between the halves */
		posix_split(split, spare[1], start, end);
		spare[1] = NULL;
	}
	if (type != F_UNLCK && !keep) {
		keep = spare[0];
		spare[0] = NULL;
		*keep = *request;
		INIT_LIST_HEAD(&keep->fl_blocked);
		list_add_tail(&keep->fl_list, posix_insert_point(ctx, request->fl_owner, start));
	}
	if (keep) {
		keep->fl_start = start;
		keep->fl_end = end;
	}
}

/*
 * Linux posix_lock_inode: set, change or drop one owner's lock on a range.
 * 0; -EAGAIN if another owner is in the way and @request may not wait;
 * -EDEADLK if waiting would never end; FILE_LOCK_DEFERRED if @request now
 * waits; -ENOLCK if there is no memory for the pieces.
 */
static int posix_lock_inode(struct inode *inode, struct file_lock *request)
{
	struct file_lock_context *ctx = inode->i_flctx;
	struct file_lock *block, *spare[2] = { NULL, NULL };
	bool whole_unlock = request->fl_type == F_UNLCK && request->fl_start == 0 && request->fl_end == OFFSET_MAX;

	if (request->fl_type == F_UNLCK && !ctx)
		return 0;
	if (!ctx && !(ctx = locks_get_lock_context(inode)))
		return -ENOLCK;
	if (request->fl_type != F_UNLCK && (block = posix_first_conflict(ctx, request))) {
		if (!(request->fl_flags & FL_SLEEP))
			return -EAGAIN;
		if (posix_locks_deadlock(request, block))
			return -EDEADLK;
		locks_insert_block(block, request);
		return FILE_LOCK_DEFERRED;
	}
	/* Both spares first, so that a failure leaves the locks as they were
	 * (an unlock of everything needs none: it only deletes). */
	if (!whole_unlock && (!(spare[0] = locks_alloc_lock()) || !(spare[1] = locks_alloc_lock()))) {
		kfree(spare[0]);
		return -ENOLCK;
	}
	posix_apply(ctx, request, spare);
	kfree(spare[0]);
	kfree(spare[1]);
	return 0;
}

/* Linux do_lock_file_wait: until it is taken, refused, or a signal comes. */
static int posix_lock_inode_wait(struct inode *inode, struct file_lock *request)
{
	int err;

	while ((err = posix_lock_inode(inode, request)) == FILE_LOCK_DEFERRED)
		if ((err = locks_wait_unblocked(request)))
			break;
	locks_delete_block(request);
	return err;
}

/* ---------------------------------------------------------------- fcntl's struct flock */

/*
 * Linux flock64_to_posix_lock: struct flock's range as [fl_start, fl_end].
 * l_whence picks the origin; l_len 0 is "to the end, however far it
 * grows", a negative l_len the bytes before l_start (POSIX-2001).  A range
 * past the largest offset is EOVERFLOW, one starting before 0 EINVAL.  The
 * owner is the process; F_OFD_* change it to the description afterwards.
 */
static int flock_to_posix_lock(struct file *f, struct file_lock *fl, const struct flock *l)
{
	loff_t origin;

	switch (l->l_whence) {
	case SEEK_SET:
		origin = 0;
		break;
	case SEEK_CUR:
		origin = f->f_pos;
		break;
	case SEEK_END:
		origin = f->f_inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > OFFSET_MAX - origin)
		return -EOVERFLOW;
	fl->fl_start = origin + l->l_start;
	if (fl->fl_start < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - fl->fl_start)
			return -EOVERFLOW;
		fl->fl_end = fl->fl_start + l->l_len - 1;
	} else if (l->l_len < 0) {
		if (fl->fl_start + l->l_len < 0)
			return -EINVAL;
		fl->fl_end = fl->fl_start - 1;
		fl->fl_start += l->l_len;
	} else {
		fl->fl_end = OFFSET_MAX;
	}
	INIT_LIST_HEAD(&fl->fl_list);
	INIT_LIST_HEAD(&fl->fl_blocked);
	fl->fl_owner = current->files;
	fl->fl_pid = current->tgid;
	fl->fl_flags = FL_POSIX;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK && l->l_type != F_UNLCK)
		return -EINVAL;		/* Linux assign_type, after the range */
	fl->fl_type = l->l_type;
	return 0;
}

/* Linux posix_lock_to_flock: F_GETLK's answer; an OFD lock's l_pid is -1 (locks_translate_pid). */
static void posix_lock_to_flock(struct flock *l, const struct file_lock *fl)
{
	l->l_pid = fl->fl_flags & FL_OFDLCK ? -1 : fl->fl_pid;
	l->l_start = fl->fl_start;
	l->l_len = fl->fl_end == OFFSET_MAX ? 0 : fl->fl_end - fl->fl_start + 1;
	l->l_whence = SEEK_SET;
	l->l_type = fl->fl_type;
}

/*
 * Linux fcntl_getlk: F_GETLK / F_OFD_GETLK.  The first lock that would
 * refuse this one, or l_type F_UNLCK and the rest as it came.  F_OFD_GETLK
 * takes l_pid 0 only, and also F_UNLCK: "which of my own locks is there".
 */
static long fcntl_getlk(struct file *f, unsigned int cmd, struct flock *l)
{
	struct file_lock request, *fl;
	int err;

	if (cmd != F_OFD_GETLK && l->l_type != F_RDLCK && l->l_type != F_WRLCK)
		return -EINVAL;
	if ((err = flock_to_posix_lock(f, &request, l)))
		return err;
	if (cmd == F_OFD_GETLK) {
		if (l->l_pid != 0)
			return -EINVAL;
		request.fl_flags |= FL_OFDLCK;
		request.fl_owner = f;
	}
	if ((fl = posix_test_lock(f->f_inode, &request)))
		posix_lock_to_flock(l, fl);
	else
		l->l_type = F_UNLCK;
	return 0;
}

/*
 * Linux fcntl_setlk: F_SETLK, F_SETLKW and the F_OFD_ ones.  A read lock
 * needs a descriptor open for reading, a write lock one open for writing
 * (EBADF, Linux check_fmode_for_setlk).
 */
static long fcntl_setlk(unsigned int fd, struct file *f, unsigned int cmd, const struct flock *l)
{
	struct file_lock request;
	int err;

	if ((err = flock_to_posix_lock(f, &request, l)))
		return err;
	if ((request.fl_type == F_RDLCK && !file_readable(f)) || (request.fl_type == F_WRLCK && !file_writable(f)))
		return -EBADF;
	if (cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW) {
		if (l->l_pid != 0)
			return -EINVAL;
		request.fl_flags |= FL_OFDLCK;
		request.fl_owner = f;
	}
	if (cmd == F_SETLKW || cmd == F_OFD_SETLKW)
		request.fl_flags |= FL_SLEEP;
	err = posix_lock_inode_wait(f->f_inode, &request);
	/*
	 * While F_SETLKW slept another thread may have closed the descriptor,
	 * and that close dropped the process's locks; the one just taken must
	 * not outlive it (Linux: the close/fcntl race check in fcntl_setlk).
	 */
	if (!err && request.fl_type != F_UNLCK && !(request.fl_flags & FL_OFDLCK) &&
	    ((int)fd >= current->files->max_fds || current->files->fd[fd] != f)) {
		locks_remove_posix(f, current->files);
		err = -EBADF;
	}
	return err;
}

/* Linux do_fcntl's lock commands: struct flock in, and for F_GETLK out again. */
long fcntl_lock(unsigned int fd, struct file *f, unsigned int cmd, struct flock __user *arg)
{
	struct flock l;
	long err;

	if (copy_from_user(&l, arg, sizeof(l)))
		return -EFAULT;
	if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW)
		return fcntl_setlk(fd, f, cmd, &l);
	if (!(err = fcntl_getlk(f, cmd, &l)) && copy_to_user(arg, &l, sizeof(l)))
		err = -EFAULT;
	return err;
}

/* ---------------------------------------------------------------- leases */

/*
 * A lease (F_SETLEASE) is a whole-file lock of one open file description
 * that other opens run into: F_RDLCK, kept while nobody has the file open
 * for writing, and F_WRLCK, kept while nobody else has it open at all.
 * Linux tells the holder of a lease that a conflicting open() came (SIGIO)
 * and makes the open wait until the holder lets go, at most
 * /proc/sys/fs/lease-break-time seconds.  faultline has no SIGIO: the open
 * breaks the lease at once (break_lease), and with O_NONBLOCK fails with
 * EWOULDBLOCK as Linux's does.
 */

/* The lock @f holds on @list (a flock or a lease: one per description). */
static struct file_lock *flock_of(struct list_head *list, struct file *f)
{
	struct file_lock *fl;

	list_for_each_entry(fl, list, fl_list)
		if (fl->fl_file == f)
			return fl;
	return NULL;
}

/*
 * Linux check_conflicting_open: a read lease needs nobody to have the file
 * open for writing; a write lease needs the caller's own open to be the
 * only one, reading or writing (a running program counts as a writer).
 */
static int check_conflicting_open(struct file *f, int type)
{
	struct inode *inode = f->f_inode;
	int self_w = file_writable(f), self_r = !self_w && file_readable(f);

	if (type == F_RDLCK)
		return inode->i_writecount > 0 ? -EAGAIN : 0;
	return inode->i_writecount != self_w || inode->i_readcount != self_r ? -EAGAIN : 0;
}

/* Linux generic_add_lease: take or change @f's lease; a write lease must be the only one. */
static int generic_add_lease(struct file *f, int type)
{
	struct file_lock_context *ctx = locks_get_lock_context(f->f_inode);
	struct file_lock *fl, *mine = NULL;
	int err;

	if (!ctx)
		return -ENOMEM;
	if ((err = check_conflicting_open(f, type)))
		return err;
	list_for_each_entry(fl, &ctx->flc_lease, fl_list) {
		if (fl->fl_file == f)
			mine = fl;
		else if (type == F_WRLCK)
			return -EAGAIN;
	}
	if (mine) {
		mine->fl_type = type;	/* Linux lease_modify */
		return 0;
	}
	if (!(fl = locks_alloc_lock()))
		return -ENOMEM;
	fl->fl_file = f;
	fl->fl_owner = f;
	fl->fl_pid = current->tgid;
	fl->fl_flags = FL_LEASE;
	fl->fl_type = type;
	fl->fl_end = OFFSET_MAX;
	list_add_tail(&fl->fl_list, &ctx->flc_lease);
	return 0;
}

/*
 * Linux fcntl_setlease / vfs_setlease, in their order: the lease type
 * (EINVAL), then only the file's owner or CAP_LEASE (EACCES), only a
 * regular file (EINVAL).  F_UNLCK without a lease is EAGAIN
 * (generic_delete_lease).
 */
long fcntl_setlease(struct file *f, long arg)
{
	struct inode *inode = f->f_inode;
	struct file_lock *fl;

	if (arg != F_RDLCK && arg != F_WRLCK && arg != F_UNLCK)
		return -EINVAL;
	if (current_fsuid() != inode->i_uid && !capable(CAP_LEASE))
		return -EACCES;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (arg != F_UNLCK)
		return generic_add_lease(f, arg);
	if (!inode->i_flctx || !(fl = flock_of(&inode->i_flctx->flc_lease, f)))
		return -EAGAIN;
	locks_delete_lock(fl);
	return 0;
}

/* Linux fcntl_getlease: the type of @f's lease, F_UNLCK if none. */
long fcntl_getlease(struct file *f)
{
	struct file_lock *fl;

	if (!f->f_inode->i_flctx || !(fl = flock_of(&f->f_inode->i_flctx->flc_lease, f)))
		return F_UNLCK;
	return fl->fl_type;
}

/*
 * Linux break_lease, from open(): an open for writing conflicts with every
 * lease, one for reading with a write lease.  O_NONBLOCK: EWOULDBLOCK.
 * Otherwise the leases in the way go (a write lease against a reader
 * becomes a read lease), at once: see the note above.
 */
int break_lease(struct inode *inode, u32 flags)
{
	struct list_head *p, *n;
	bool want_write = (flags & O_ACCMODE) != O_RDONLY;

	if (!inode->i_flctx)
		return 0;
	list_for_each_safe(p, n, &inode->i_flctx->flc_lease) {
		struct file_lock *fl = list_entry(p, struct file_lock, fl_list);

		if (!want_write && fl->fl_type == F_RDLCK)
			continue;
		if (flags & O_NONBLOCK)
			return -EWOULDBLOCK;
		if (want_write)
			locks_delete_lock(fl);
		else
			fl->fl_type = F_RDLCK;
	}
	return 0;
}

/* ---------------------------------------------------------------- closing */

/*
 * Linux locks_remove_posix: a close() of any descriptor drops all of
 * @owner's record locks on the file's inode (POSIX's rule, however
 * surprising: the lock belongs to the process, not the descriptor).  Also
 * the OFD locks of a description, with @owner the description itself.
 */
void locks_remove_posix(struct file *f, void *owner)
{
	struct file_lock request = {
		.fl_owner = owner, .fl_flags = FL_POSIX, .fl_type = F_UNLCK,
		.fl_start = 0, .fl_end = OFFSET_MAX,
	};

	if (f->f_inode->i_flctx && !list_empty(&f->f_inode->i_flctx->flc_posix))
		posix_lock_inode(f->f_inode, &request);
}

/* Linux locks_remove_file: the description's last close takes its OFD locks, its flock and its lease. */
void locks_remove_file(struct file *f)
{
	struct file_lock_context *ctx = f->f_inode->i_flctx;
	struct file_lock *fl;

	if (!ctx)
		return;
	locks_remove_posix(f, f);
	if ((fl = flock_of(&ctx->flc_flock, f)))
		locks_delete_lock(fl);
	if ((fl = flock_of(&ctx->flc_lease, f)))
		locks_delete_lock(fl);
}

