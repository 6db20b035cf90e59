/*
 * mm/mlock.c - mlock, mlock2, munlock, mlockall, munlockall (Linux:
 * mm/mlock.c).
 *
 * Locking keeps a range's pages in memory.  faultline has no swap, so
 * every page already stays; what is left of mlock is its bookkeeping, which
 * programs can see: VM_LOCKED on the VMAs (msync(MS_INVALIDATE) is then
 * EBUSY), the pages faulted in at once (unless MLOCK_ONFAULT), a hole in the
 * range ends it with ENOMEM (what came before stays locked), locks not inherited across fork, and
 * mlockall(MCL_FUTURE) locking every later mapping (mm->def_flags), and
 * RLIMIT_MEMLOCK for a caller without CAP_IPC_LOCK (a zero limit is EPERM,
 * going over it ENOMEM).
 */
#include <mmap_lock.h>
#include <syscalls.h>
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <errno.h>
#include <cred.h>

#define LOCK_FLAGS (VM_LOCKED | VM_LOCKONFAULT)

/* Give the VMA's part [start, end) the lock flags newflags (split off first). */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *v, u64 start, u64 end, u64 newflags)
{
	if ((v->vm_flags & LOCK_FLAGS) == newflags)
		return 0;
	if (split_vma_to(mm, v, start, end))
		return -ENOMEM;
	v->vm_flags = (v->vm_flags & ~LOCK_FLAGS) | newflags;
	return 0;
}

/* Linux __mm_populate, once the whole range is locked: fault its pages in. */
static void populate_range(struct mm_struct *mm, u64 start, u64 end)
{
	for (u64 a = start; a < end;) {
		struct vm_area_struct *v = find_vma(mm, a);
		if (!v || v->vm_start >= end)
			return;
		a = MAX(a, v->vm_start);
		/* A write fault for private writable memory, so its pages are its
		 * own; PROT_NONE stays empty (errors ignored, as Linux's mlock
		 * ignores a page that cannot be faulted). */
		if ((v->vm_flags & VM_LOCKED) && !(v->vm_flags & VM_LOCKONFAULT))
			populate_vma_page_range(v, a, MIN(end, v->vm_end),
						(v->vm_flags & VM_WRITE) && !(v->vm_flags & VM_SHARED));
		a = v->vm_end;
	}
}

/* Linux apply_vma_lock_flags: VMA by VMA from start; a hole stops the walk
 * with ENOMEM, and what came before it stays changed. */
static long __apply_lock(u64 start, u64 len, u64 newflags)
{
	struct mm_struct *mm = current->mm;
	u64 end;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (u64 a = start; a < end;) {
		struct vm_area_struct *v = find_vma(mm, a);
		int err;
		if (!v || v->vm_start > a)
			return -ENOMEM;
		err = mlock_fixup(mm, v, a, MIN(end, v->vm_end), newflags);
		if (err)
			return err;
		a = find_vma(mm, a)->vm_end;
	}
	populate_range(mm, start, end);
	return 0;
}

static u64 memlock_limit(void)
{
	return current->signal->rlim[RLIMIT_MEMLOCK].rlim_cur;
}

/* Linux can_do_mlock: CAP_IPC_LOCK, or a nonzero RLIMIT_MEMLOCK. */
static bool can_do_mlock(void)
{
	return capable(CAP_IPC_LOCK) || memlock_limit() != 0;
}

/* Bytes of locked VMAs outside [start, end) (Linux: mm->locked_vm minus
 * count_mm_mlocked_page_nr of the range, which is locked again). */
static u64 locked_outside(struct mm_struct *mm, u64 start, u64 end)
{
	u64 n = 0;
	for (struct vm_area_struct *v = find_vma(mm, 0); v; v = find_vma(mm, v->vm_end)) {
		if (!(v->vm_flags & VM_LOCKED))
			continue;
		n += v->vm_end - v->vm_start;
		if (v->vm_end > start && v->vm_start < end)
			n -= MIN(end, v->vm_end) - MAX(start, v->vm_start);
	}
	return n;
}

/* Linux do_mlock: locking past RLIMIT_MEMLOCK without CAP_IPC_LOCK is ENOMEM. */
static long lock_within_limit(u64 start, u64 len, u64 newflags)
{
	struct mm_struct *mm = current->mm;
	u64 end = PAGE_ALIGN(start + len), s = start & PAGE_MASK;
	long r;
	if (!can_do_mlock())
		return -EPERM;
	mmap_write_lock(mm);
	if (end >= s && !capable(CAP_IPC_LOCK) &&
	    locked_outside(mm, s, end) + (end - s) > memlock_limit())
		r = -ENOMEM;
	else
		r = __apply_lock(start, len, newflags);
	mmap_write_unlock(mm);
	return r;
}

/* Changing VMA flags: under mmap_lock for writing (Linux: do_mlock). */
static long apply_lock(u64 start, u64 len, u64 newflags)
{
	long r;
	mmap_write_lock(current->mm);
	r = __apply_lock(start, len, newflags);
	mmap_write_unlock(current->mm);
	return r;
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return lock_within_limit(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return lock_within_limit(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	return apply_lock(start, len, 0);
}

/* Every VMA of the task gets the lock flags newflags. */
static void lock_all_vmas(u64 newflags)
{
	struct mm_struct *mm = current->mm;
	for (struct vm_area_struct *v = find_vma(mm, 0); v; v = find_vma(mm, v->vm_end)) {
		mlock_fixup(mm, v, v->vm_start, v->vm_end, newflags);
		v = find_vma(mm, v->vm_start);	/* the fixup may have split it */
	}
}

/* Linux apply_mlockall: MCL_FUTURE sets the flags every later VMA gets. */
SYSCALL_DEFINE1(mlockall, int, flags)
{
	u64 lockflags = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	mmap_write_lock(current->mm);
	/* Linux apply_mlockall's caller: MCL_CURRENT over the limit is ENOMEM. */
	if ((flags & MCL_CURRENT) && !capable(CAP_IPC_LOCK) &&
	    (mm_total_vm(current->mm) << PAGE_SHIFT) > memlock_limit()) {
		mmap_write_unlock(current->mm);
		return -ENOMEM;
	}
	current->mm->def_flags = flags & MCL_FUTURE ? lockflags : 0;
	if (flags & MCL_CURRENT) {
		lock_all_vmas(lockflags);
		populate_range(current->mm, 0, TASK_SIZE_MAX);
	}
	mmap_write_unlock(current->mm);
	return 0;
}

SYSCALL_DEFINE0(munlockall)
{
	mmap_write_lock(current->mm);
	current->mm->def_flags = 0;
	lock_all_vmas(0);
	mmap_write_unlock(current->mm);
	return 0;
}
