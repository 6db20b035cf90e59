/*
 * mm/process_vm_access.c - process_vm_readv and process_vm_writev (Linux:
 * the file of the same name): copy between the caller's buffers and
 * another process's memory in one call, without ptrace.
 *
 * The remote pages come from mm/gup.c, faulted in for the other process if
 * need be; the local side is the caller's own memory, reached with the
 * ordinary checked copies.  One page at a time goes through a kernel
 * buffer.  The call returns how many bytes it moved; it stops at the first
 * remote address it cannot reach, and is EFAULT only if that was the first.
 */
#include <syscalls.h>
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <cred.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

/* A vector copied in (Linux import_iovec's checks): EINVAL past IOV_MAX or for a negative length. */
static int import_iov(const struct iovec __user *uvec, unsigned long cnt, struct iovec **out)
{
	struct iovec *v;

	*out = NULL;
	if (cnt > IOV_MAX)
		return -EINVAL;
	if (!cnt)
		return 0;
	if (!(v = kmalloc(cnt * sizeof(*v), 0)))
		return -ENOMEM;
	if (copy_from_user(v, uvec, cnt * sizeof(*v))) {
		kfree(v);
		return -EFAULT;
	}
	for (unsigned long i = 0; i < cnt; i++)
		if ((s64)v[i].iov_len < 0) {
			kfree(v);
			return -EINVAL;
		}
	*out = v;
	return 0;
}

/* Where the local side is: vector entry and offset in it. */
struct iov_cursor { struct iovec *v; unsigned long cnt, i; u64 off; };

/* The next piece of local buffer (at most @max bytes), or 0 at the end. */
static u64 cursor_next(struct iov_cursor *c, u64 max, char __user **where)
{
	while (c->i < c->cnt && c->off == c->v[c->i].iov_len) {
		c->i++;
		c->off = 0;
	}
	if (c->i == c->cnt)
		return 0;
	*where = c->v[c->i].iov_base + c->off;
	return MIN(max, c->v[c->i].iov_len - c->off);
}

/* One remote range; -EFAULT when a remote or local page fails, with *moved counting what went. */
static int rw_one_range(struct mm_struct *mm, struct iovec *r, struct iov_cursor *local, u8 *kbuf, bool write,
			long *moved)
{
	u64 done = 0;

	while (done < r->iov_len) {
		u64 addr = (u64)r->iov_base + done;
		char __user *lp;
		u64 n = cursor_next(local, MIN(r->iov_len - done, PAGE_SIZE - (addr & (PAGE_SIZE - 1))), &lp);

		if (!n)
			return 0;			/* the local buffers are full */
		if (write && copy_from_user(kbuf, lp, n))
			return -EFAULT;
		if (access_remote_vm(mm, addr, kbuf, n, write ? FOLL_WRITE : 0) != n)
			return -EFAULT;
		if (!write && copy_to_user(lp, kbuf, n))
			return -EFAULT;
		local->off += n;
		done += n;
		*moved += n;
	}
	return 0;
}

/* Linux mm_access: the target's mm, if current may reach it (EPERM) and it has one (ESRCH). */
static struct mm_struct *target_mm(int pid, long *err)
{
	struct task_struct *t = find_task(pid);

	*err = -ESRCH;
	if (!t || !t->mm)
		return NULL;
	*err = -EPERM;
	if (!ptrace_may_access(t))
		return NULL;
	t->mm->users++;
	*err = 0;
	return t->mm;
}

static long process_vm_rw(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			  const struct iovec __user *rvec, unsigned long riovcnt, unsigned long flags, bool write)
{
	struct iovec *lv = NULL, *rv = NULL;
	struct mm_struct *mm = NULL;
	long moved = 0, err;
	u8 *kbuf = NULL;

	if (flags)
		return -EINVAL;
	if (!(err = import_iov(lvec, liovcnt, &lv)))
		err = import_iov(rvec, riovcnt, &rv);
	if (!err && liovcnt && riovcnt && (mm = target_mm(pid, &err)) && !(kbuf = kmalloc(PAGE_SIZE, 0)))
		err = -ENOMEM;
	if (!err && mm) {
		struct iov_cursor local = { lv, liovcnt, 0, 0 };

		for (unsigned long i = 0; i < riovcnt && !err; i++)
			err = rw_one_range(mm, &rv[i], &local, kbuf, write, &moved);
	}
	if (mm)
		mmput(mm);
	kfree(kbuf);
	kfree(lv);
	kfree(rv);
	return moved ? moved : err;
}

SYSCALL_DEFINE6(process_vm_readv, int, pid, const struct iovec __user *, lvec, unsigned long, liovcnt,
		const struct iovec __user *, rvec, unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

SYSCALL_DEFINE6(process_vm_writev, int, pid, const struct iovec __user *, lvec, unsigned long, liovcnt,
		const struct iovec __user *, rvec, unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
