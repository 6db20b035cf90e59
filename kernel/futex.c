/*
 * kernel/futex.c - fast user-space mutexes: the kernel half of every
 * pthread mutex, condition variable, join and barrier (Linux:
 * kernel/futex/{core,waitwake,requeue}.c; futex(2)).
 *
 * User space does the locking in a 32-bit word; the kernel only queues the
 * threads that must sleep.  A waiter sleeps on a key naming the word:
 *   - a private futex (FUTEX_PRIVATE_FLAG, or a word in private memory) is
 *     (mm, address): only threads of one address space meet there;
 *   - a word in a MAP_SHARED file or shmem mapping is (inode, byte offset
 *     in the file), so two processes that map the same file at different
 *     addresses wait on the same futex (Linux: get_futex_key).
 * FUTEX_WAIT checks the word and queues in one step, with nothing able to
 * run in between (one CPU, a kernel that is not preempted), which is what
 * Linux's hash-bucket lock guarantees: no wakeup is lost.
 *
 * Robust futexes: a thread registers a list of the locks it holds; when it
 * dies, each word it still owns gets FUTEX_OWNER_DIED and one waiter is
 * woken, so the next locker sees EOWNERDEAD (Linux: exit_robust_list).
 *
 * futex_waitv(2), many words at once, is in futex_waitv.c; it queues its
 * entries here, so every wake below finds them too.
 */
#include <syscalls.h>
#include <sched.h>
#include <cred.h>
#include <mm_types.h>
#include <fs.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>
#include "futex_internal.h"

/* futex_op commands and flags (Linux: include/uapi/linux/futex.h) */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* FUTEX_WAKE_OP's encoded operation: op(4) cmp(4) oparg(12) cmparg(12) */
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_OPARG_SHIFT 8		/* oparg is a shift count: use 1 << oparg */
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

/* The lock word of a robust futex (Linux: FUTEX_WAITERS, FUTEX_OWNER_DIED, FUTEX_TID_MASK) */
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu
#define ROBUST_LIST_LIMIT 2048		/* Linux: a circular list cannot keep exit busy */

/* Every sleeping futex_q, oldest first: FUTEX_WAKE wakes in that order. */
static LIST_HEAD(futex_waiters);

/* ---------------------------------------------------------------- keys */
static bool key_shared_file(struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_SHARED) && vma->vm_file;
}

/* A shared key needs the page itself: Linux get_futex_key pins it with
 * get_user_pages_fast, so an unmapped or PROT_NONE word, or one past the
 * end of a truncated file (SIGBUS), is EFAULT even for FUTEX_WAKE. */
static bool futex_word_readable(u32 __user *uaddr)
{
	u32 val;

	return get_user(val, uaddr) == 0;
}

/* Linux get_futex_key, the two cases faultline has: a word in a shared file
 * mapping is named by its inode and offset, anything else by (mm, address). */
int get_futex_key(u32 __user *uaddr, bool shared, union futex_key *key)
{
	u64 addr = (u64)uaddr;
	struct vm_area_struct *vma;
	if (addr % sizeof(u32))
		return -EINVAL;
	if (!range_in_user(addr, sizeof(u32)))
		return -EFAULT;
	if (!shared) {
		*key = (union futex_key){ { (u64)current->mm, addr } };
		return 0;
	}
	if (!futex_word_readable(uaddr))
		return -EFAULT;
	vma = find_vma(current->mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (key_shared_file(vma)) {
		u64 off = (vma->vm_pgoff << PAGE_SHIFT) + (addr - vma->vm_start);
		*key = (union futex_key){ { (u64)vma->vm_file->f_inode, off } };
	} else {
		*key = (union futex_key){ { (u64)current->mm, addr } };
	}
	return 0;
}

static bool match_key(const union futex_key *a, const union futex_key *b)
{
	return a->object == b->object && a->offset == b->offset;
}

/* ---------------------------------------------------------------- wait and wake */
void futex_queue(struct futex_q *q)
{
	q->woken = false;
	list_add_tail(&q->list, &futex_waiters);
}

bool futex_unqueue(struct futex_q *q)
{
	if (q->woken)
		return false;
	list_del(&q->list);
	return true;
}

static void wake_q(struct futex_q *q)
{
	list_del(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

/* Wake up to nr waiters on key whose bitset meets bitset. */
static int wake_key(const union futex_key *key, int nr, u32 bitset)
{
	struct list_head *p, *n;
	int woken = 0;
	list_for_each_safe(p, n, &futex_waiters) {
		struct futex_q *q = list_entry(p, struct futex_q, list);
		if (woken >= nr)
			break;
		if (!match_key(&q->key, key) || !(q->bitset & bitset))
			continue;
		wake_q(q);
		woken++;
	}
	return woken;
}

int futex_wake(u32 __user *uaddr, bool shared, int nr, u32 bitset)
{
	union futex_key key;
	int err;
	if (!bitset)
		return -EINVAL;
	if ((err = get_futex_key(uaddr, shared, &key)))
		return err;
	return wake_key(&key, nr, bitset);
}

/*
 * Sleep while *uaddr == val, until woken, the deadline (0: none, else
 * ktime_get_ns() time), or a signal (Linux: futex_wait).
 */
static int futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = { .bitset = bitset, .task = current };
	u32 cur;
	int err;
	if (!bitset)
		return -EINVAL;
	if ((err = get_futex_key(uaddr, shared, &q.key)))
		return err;
	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	futex_queue(&q);
	for (;;) {
		if (q.woken)
			return 0;
		if (deadline && ktime_get_ns() >= deadline)
			break;
		if (signal_pending())
			break;
		current->wake_at_ns = deadline;
		sleep_on(&q);
	}
	if (!futex_unqueue(&q))
		return 0;
	if (!signal_pending())
		return -ETIMEDOUT;
	/* Linux: without a timeout the call restarts after a handler; with one it
	 * would restart with the time left, reported here as EINTR. */
	return deadline ? -EINTR : -ERESTARTSYS;
}

/* Wake nr_wake waiters of uaddr, move up to nr_requeue others to uaddr2
 * (Linux: futex_requeue; the CMP form first checks *uaddr == cmpval). */
static int futex_requeue(u32 __user *uaddr, bool shared, u32 __user *uaddr2, int nr_wake,
			 int nr_requeue, const u32 *cmpval)
{
	union futex_key k1, k2;
	struct list_head *p, *n;
	int woken = 0, moved = 0, err;
	u32 cur;
	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if ((err = get_futex_key(uaddr, shared, &k1)) || (err = get_futex_key(uaddr2, shared, &k2)))
		return err;
	if (cmpval) {
		if (get_user(cur, uaddr))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	list_for_each_safe(p, n, &futex_waiters) {
		struct futex_q *q = list_entry(p, struct futex_q, list);
		if (!match_key(&q->key, &k1))
			continue;
		if (woken < nr_wake) {
			wake_q(q);
			woken++;
		} else if (moved < nr_requeue) {
			q->key = k2;
			moved++;
		} else {
			break;
		}
	}
	return woken + moved;
}

static s32 sign_extend12(u32 v) { return (s32)(v << 20) >> 20; }

/* FUTEX_WAKE_OP's arithmetic on the old value; false for an unknown op. */
static bool wake_op_apply(u32 op, u32 oparg, u32 old, u32 *new)
{
	switch (op) {
	case FUTEX_OP_SET: *new = oparg; return true;
	case FUTEX_OP_ADD: *new = old + oparg; return true;
	case FUTEX_OP_OR: *new = old | oparg; return true;
	case FUTEX_OP_ANDN: *new = old & ~oparg; return true;
	case FUTEX_OP_XOR: *new = old ^ oparg; return true;
	default: return false;
	}
}

static int wake_op_compare(u32 cmp, s32 old, s32 cmparg)
{
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return old == cmparg;
	case FUTEX_OP_CMP_NE: return old != cmparg;
	case FUTEX_OP_CMP_LT: return old < cmparg;
	case FUTEX_OP_CMP_LE: return old <= cmparg;
	case FUTEX_OP_CMP_GT: return old > cmparg;
	case FUTEX_OP_CMP_GE: return old >= cmparg;
	default: return -ENOSYS;
	}
}

/* Change *uaddr2 by the encoded op, wake nr_wake on uaddr, and nr_wake2 on
 * uaddr2 if the old value passes the encoded test (Linux: futex_wake_op;
 * glibc's condition variables once used it). */
static int futex_wake_op(u32 __user *uaddr, bool shared, u32 __user *uaddr2, int nr_wake, int nr_wake2,
			 u32 encoded)
{
	u32 op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	u32 oparg = sign_extend12(encoded >> 12), old, new;
	union futex_key k1, k2;
	int ret, hit, err;
	if ((err = get_futex_key(uaddr, shared, &k1)) || (err = get_futex_key(uaddr2, shared, &k2)))
		return err;
	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1u << (oparg & 31);	/* Linux warns of a shift above 31, then masks it */
	if (get_user(old, uaddr2))
		return -EFAULT;
	if (!wake_op_apply(op, oparg, old, &new))
		return -ENOSYS;
	hit = wake_op_compare(cmp, (s32)old, sign_extend12(encoded));
	if (hit < 0)
		return hit;
	if (put_user(new, uaddr2))
		return -EFAULT;
	ret = wake_key(&k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (hit)
		ret += wake_key(&k2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	return ret;
}

/* ---------------------------------------------------------------- the call */
/* The deadline of a wait on the monotonic clock: FUTEX_WAIT's timeout is
 * relative, FUTEX_WAIT_BITSET's and futex_waitv's absolute (on
 * CLOCK_REALTIME if asked: converted once, so a later clock_settime does
 * not move it, unlike Linux's hrtimer). */
int futex_deadline(const struct timespec __user *utime, bool relative, bool realtime, u64 *deadline)
{
	struct timespec ts;
	u64 ns, now;
	*deadline = 0;
	if (!utime)
		return 0;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(ts))
		return -EINVAL;
	ns = timespec_to_ns(ts);
	now = ktime_get_ns();
	if (relative)
		*deadline = now + ns;
	else if (realtime)
		*deadline = now + (ns > ktime_get_real_ns() ? ns - ktime_get_real_ns() : 0);
	else
		*deadline = ns;
	if (!*deadline)
		*deadline = 1;		/* an absolute time of 0 has passed: not "no timeout" */
	return 0;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, futex_op, u32, val, const struct timespec __user *, utime,
		u32 __user *, uaddr2, u32, val3)
{
	int cmd = futex_op & FUTEX_CMD_MASK;
	bool shared = !(futex_op & FUTEX_PRIVATE_FLAG);
	bool realtime = futex_op & FUTEX_CLOCK_REALTIME;
	int val2 = (int)(u64)utime;	/* REQUEUE and WAKE_OP pass a count in the timeout slot */
	u64 deadline;
	int err;
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if ((err = futex_deadline(utime, cmd == FUTEX_WAIT, realtime, &deadline)))
			return err;
		return futex_wait(uaddr, shared, val, deadline, cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, uaddr2, (int)val, val2, val3);
	default:
		return -ENOSYS;		/* FUTEX_FD (gone since 2.6.26) and the PI operations */
	}
}

/* ---------------------------------------------------------------- robust lists */
struct robust_list_head {
	u64 list;			/* the first entry; the head itself ends the list */
	s64 futex_offset;		/* from an entry to its lock word */
	u64 list_op_pending;		/* a lock being taken or released right now */
};

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = (u64)head;
	return 0;
}

SYSCALL_DEFINE3(get_robust_list, int, pid, u64 __user *, head_ptr, size_t __user *, len_ptr)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	if (!t)
		return -ESRCH;
	if (!ptrace_may_access(t))
		return -EPERM;		/* Linux: PTRACE_MODE_READ_REALCREDS on the target */
	if (put_user(sizeof(struct robust_list_head), len_ptr))
		return -EFAULT;
	return put_user(t->robust_list, head_ptr) ? -EFAULT : 0;
}

/* The owner died holding the lock at uaddr: mark it, wake one waiter
 * (Linux: handle_futex_death). */
static void handle_futex_death(u32 __user *uaddr, struct task_struct *t)
{
	u32 uval;
	if ((u64)uaddr % sizeof(u32) || get_user(uval, uaddr))
		return;
	if ((uval & FUTEX_TID_MASK) != (u32)t->pid)
		return;
	if (put_user((uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED, uaddr))
		return;
	if (uval & FUTEX_WAITERS)
		futex_wake(uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
}

/* Bit 0 of an entry pointer marks a PI futex (Linux: fetch_robust_entry). */
static int fetch_entry(u64 __user *from, u64 *entry)
{
	u64 v;
	if (get_user(v, from))
		return -EFAULT;
	*entry = v & ~1UL;
	return 0;
}

/* At exit and exec: release every robust lock t still holds (Linux: exit_robust_list). */
void exit_robust_list(struct task_struct *t)
{
	struct robust_list_head head;
	u64 entry, pending, next, head_addr = t->robust_list;
	int limit = ROBUST_LIST_LIMIT;
	if (!head_addr || !t->mm)
		return;
	if (copy_from_user(&head, (void __user *)t->robust_list, sizeof(head)))
		return;
	entry = head.list & ~1UL;
	pending = head.list_op_pending & ~1UL;
	t->robust_list = 0;
	while (entry && entry != head_addr && limit--) {
		if (fetch_entry((u64 __user *)entry, &next))
			break;
		if (entry != pending)
			handle_futex_death((u32 __user *)(entry + head.futex_offset), t);
		entry = next;
	}
	if (pending)
		handle_futex_death((u32 __user *)(pending + head.futex_offset), t);
}
