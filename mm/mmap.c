/*
 * mm/mmap.c - building and changing an address space: mmap, munmap,
 * mprotect, brk, fork's copy and exit's teardown (Linux: mm/mmap.c,
 * mm/mprotect.c, kernel/fork.c dup_mmap).
 *
 * Every change is done in the same three steps: split the VMAs at the edges
 * of the range (split_vma), change or remove the VMAs inside, then fix the
 * page tables (zap_page_range / change_protection) and merge neighbours.
 * Errors follow docs/linux-abi.md §7 and §10.
 */
#include <mmap_lock.h>
#include <syscalls.h>
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <fs.h>
#include <uapi/linux/falloc.h>
#include <sched.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <uaccess.h>
#include <init.h>
#include <proc_fs.h>
#include <asm/processor.h>

#define MIN_GAP (128UL << 20)      /* Linux mmap_base: at least 128 MiB below the stack */

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->pgd = (pteval_t *)get_zeroed_page();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	/* The kernel half (PGD slots 256..511) is shared by every process. */
	memcpy(mm->pgd + PTRS_PER_TABLE / 2, init_pgd + PTRS_PER_TABLE / 2, PAGE_SIZE / 2);
	INIT_LIST_HEAD(&mm->mmap);
	mm->users = 1;
	mm->coredump_filter = MMF_DUMP_FILTER_DEFAULT;
	return mm;
}

/* Linux's mmap_base(): below the stack's maximum size plus the guard gap. */
u64 mmap_base_for(u64 stack_limit)
{
	u64 gap = stack_limit == RLIM_INFINITY ? MIN_GAP : stack_limit + stack_guard_gap;
	if (gap < MIN_GAP)
		gap = MIN_GAP;
	return PAGE_ALIGN(STACK_TOP - gap);
}

static void unmap_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	/* 0 means "no search yet": the next one starts at mmap_base anyway.
	 * Raising it to a low VMA's end (a MAP_FIXED over the heap before any
	 * other mmap, as musl's malloc does) would make the next search start
	 * there and put the mapping below the program. */
	if (mm->free_area_cache && vma->vm_end > mm->free_area_cache)
		mm->free_area_cache = MIN(vma->vm_end, mm->mmap_base);
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	remove_vm_struct(mm, vma);
	remove_vma(vma);
}

/* Linux remove_vma: out of the file's reverse map, then the file reference
 * (maybe the last, which frees the inode and its i_mmap list), then the VMA. */
void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_ACCOUNT)
		vm_unacct_memory(vma_pages(vma));	/* Linux: exit_mmap, unmap_region's nr_accounted */
	unlink_file_vma(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	vm_area_free(vma);
}

/* The last user is gone: free every page, VMA and table.  The VMAs are
 * freed in list order and the tree is dropped whole, without rebalancing. */
void mmput(struct mm_struct *mm)
{
	if (--mm->users)
		return;
	while (!list_empty(&mm->mmap)) {
		struct vm_area_struct *v = list_first_entry(&mm->mmap, struct vm_area_struct, vm_list);
		zap_page_range(v, v->vm_start, v->vm_end);
		list_del(&v->vm_list);
		remove_vma(v);
	}
	if (mm->exe_file) {
		allow_write_access(mm->exe_file);
		fput(mm->exe_file);
	}
	pt_free_user(mm->pgd);
	kfree(mm);
}

/* Linux set_mm_exe_file, for a new mm: one denial and one reference per mm. */
int set_mm_exe_file(struct mm_struct *mm, struct file *file)
{
	int err = deny_write_access(file);

	if (err)
		return err;
	mm->exe_file = get_file(file);
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct list_head *p;
	if (!mm)
		return NULL;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->mmap_base = old->mmap_base;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	memcpy(mm->saved_auxv, old->saved_auxv, old->saved_auxv_len);
	mm->saved_auxv_len = old->saved_auxv_len;
	mm->dumpable = old->dumpable;		/* Linux mm_init: MMF_INIT_MASK keeps these */
	mm->disable_thp = old->disable_thp;
	mm->coredump_filter = old->coredump_filter;
	if (old->exe_file && set_mm_exe_file(mm, old->exe_file)) {
		mmput(mm);
		return NULL;
	}
	list_for_each(p, &old->mmap) {
		struct vm_area_struct *v = list_entry(p, struct vm_area_struct, vm_list);
		struct vm_area_struct *n;
		if (v->vm_flags & VM_DONTCOPY)
			continue;		/* MADV_DONTFORK: the child has a hole here */
		/* Linux dup_mmap: the child commits its own copy of each accounted VMA. */
		if ((v->vm_flags & VM_ACCOUNT) && vm_enough_memory(old, vma_pages(v))) {
			mmput(mm);
			return NULL;
		}
		n = vm_area_alloc(mm);
		if (!n || (*n = *v, n->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT),	/* mlocks are not inherited */
			   INIT_LIST_HEAD(&n->vm_list), insert_vm_struct(mm, n))) {
			if (v->vm_flags & VM_ACCOUNT)
				vm_unacct_memory(vma_pages(v));
			vm_area_free(n);
			mmput(mm);
			return NULL;
		}
		if (n->vm_file)
			n->vm_file->f_count++;
		if (!(v->vm_flags & VM_WIPEONFORK) && copy_page_range(mm, old, v)) {
			mmput(mm);      /* drops what was copied so far */
			return NULL;
		}
	}
	return mm;
}

void switch_mm(struct mm_struct *mm)
{
	write_cr3(__pa(mm ? mm->pgd : init_pgd));
}

/* ---------------------------------------------------------------- placement */
static bool range_is_free(struct mm_struct *mm, u64 addr, u64 len)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	return addr >= MMAP_MIN_ADDR && range_in_user(addr, len) && (!v || v->vm_start >= addr + len);
}

/*
 * Highest gap of len bytes below top (Linux: top-down vm_unmapped_area).
 * Starts at the last VMA that begins below top (a tree lookup) and walks
 * down the list; *skipped grows to the largest gap it passed over.
 */
static u64 top_down_gap(struct mm_struct *mm, u64 len, u64 top, u64 *skipped)
{
	struct vm_area_struct *prev, *v = find_vma_prev(mm, top, &prev);
	if (!v || v->vm_start >= top)
		v = prev;
	for (; v; v = vma_prev(v)) {
		if (v->vm_end <= top && top - v->vm_end >= len)
			return top - len;
		if (v->vm_end <= top)
			*skipped = MAX(*skipped, top - v->vm_end);
		top = MIN(top, v->vm_start);
	}
	return top >= MMAP_MIN_ADDR + len ? top - len : 0;
}

/*
 * free_area_cache remembers where the last top-down search ended, and
 * cached_hole_size the largest gap between there and mmap_base (Linux 2.6's
 * two fields; without them 10,000 mmaps would each walk all the VMAs above).
 * A request that might fit such a gap searches from mmap_base again, so the
 * answer is always the highest gap that fits, as Linux's.  munmap raises
 * the cache again (see unmap_vma).
 */
static u64 top_down_area(struct mm_struct *mm, u64 len)
{
	u64 addr = 0;
	if (len <= mm->cached_hole_size || mm->free_area_cache > mm->mmap_base)
		mm->free_area_cache = 0;
	if (mm->free_area_cache)
		addr = top_down_gap(mm, len, mm->free_area_cache, &mm->cached_hole_size);
	if (!addr) {
		mm->cached_hole_size = 0;
		addr = top_down_gap(mm, len, mm->mmap_base, &mm->cached_hole_size);
	}
	if (addr)
		mm->free_area_cache = addr;
	return addr;
}

u64 get_unmapped_area(struct mm_struct *mm, u64 addr, u64 len, u64 flags)
{
	if (len > TASK_SIZE_MAX)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return range_in_user(addr, len) ? addr : (u64)-ENOMEM;
	if (addr) {
		addr = ALIGN_DOWN(addr, PAGE_SIZE);    /* Linux rounds a hint down */
		if (range_is_free(mm, addr, len))
			return addr;        /* a usable hint */
	}
	addr = top_down_area(mm, len);
	return addr ? addr : (u64)-ENOMEM;
}

/* ---------------------------------------------------------------- munmap */
/* Split so that no VMA straddles start or end. */
static int split_at_edges(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area_struct *v = find_vma(mm, start);
	if (v && v->vm_start < start && v->vm_end > start && split_vma(mm, v, start, 1))
		return -ENOMEM;
	v = find_vma(mm, end);
	if (v && v->vm_start < end && split_vma(mm, v, end, 1))
		return -ENOMEM;
	return 0;
}

int do_munmap(struct mm_struct *mm, u64 start, u64 len)
{
	u64 end;
	struct vm_area_struct *v;
	if ((start & ~PAGE_MASK) || !len || start > TASK_SIZE_MAX || len > TASK_SIZE_MAX - start)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (split_at_edges(mm, start, end))
		return -ENOMEM;
	while ((v = find_vma(mm, start)) && v->vm_start < end)
		unmap_vma(mm, v);
	return 0;
}

/* ---------------------------------------------------------------- mmap */
static u64 calc_vm_flags(u64 prot, u64 flags, struct file *file)
{
	u64 vm = (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_TYPE) != MAP_PRIVATE) {
		vm |= VM_SHARED | VM_MAYSHARE;
		if (file && (file->f_flags & O_ACCMODE) == O_RDONLY)
			vm &= ~VM_MAYWRITE;    /* mprotect(PROT_WRITE) later gives EACCES */
	}
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_NOFAULT)
		vm |= VM_NOFAULT;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	if (file && path_noexec(file))
		vm &= ~VM_MAYEXEC;	/* Linux do_mmap: mprotect(PROT_EXEC) later is EACCES */
	/* Linux do_mmap: MAP_NORESERVE is honoured only while overcommit is allowed. */
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm |= VM_NORESERVE;
	return vm;
}

static int check_mmap_args(u64 addr, u64 len, u64 flags, u64 pgoff_bytes)
{
	u64 type = flags & MAP_TYPE;
	if (!len)
		return -EINVAL;
	if (pgoff_bytes & ~PAGE_MASK)
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (flags & MAP_ANONYMOUS))
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (flags & ~(u64)(LEGACY_MAP_MASK | MAP_SYNC | MAP_FIXED_NOREPLACE)))
		return -EOPNOTSUPP;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && (addr & ~PAGE_MASK))
		return -EINVAL;
	if (PAGE_ALIGN(len) == 0 || PAGE_ALIGN(len) > TASK_SIZE_MAX)
		return -ENOMEM;
	return 0;
}

/*
 * Linux file_mmap_ok: the mapping's last byte must be a file offset the
 * file can have (a regular file's are signed, LLONG_MAX at most; other
 * files may use all 64 bits), checked before asking whether the file can
 * be mapped at all.
 */
static bool file_mmap_ok(struct file *file, u64 pgoff, u64 len)
{
	umode_t mode = file->f_inode->i_mode;
	u64 maxsize = S_ISREG(mode) || S_ISBLK(mode) ? MAX_LFS_FILESIZE : ~0UL;
	if (len > maxsize)
		return false;
	return pgoff <= (maxsize - len) >> PAGE_SHIFT;
}

/* Which files can be mapped, and how (docs/linux-abi.md §7 error table). */
static int check_file_mapping(struct file *file, u64 prot, u64 flags, u64 pgoff, u64 len)
{
	u32 acc = file->f_flags & O_ACCMODE;
	if (!file_mmap_ok(file, pgoff, len))
		return -EOVERFLOW;
	if (!S_ISREG(file->f_inode->i_mode))
		return -ENODEV;
	/* Linux do_mmap: a file with no ->mmap (a /proc file, a namespace) is
	 * ENODEV; here that is one with no pages behind it to fault in */
	if (!(file->f_op && file->f_op->mmap) && !file->f_inode->i_mapping.a_ops)
		return -ENODEV;
	if (acc == O_WRONLY)
		return -EACCES;
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) && acc == O_RDONLY)
		return -EACCES;
	if ((prot & PROT_EXEC) && path_noexec(file))
		return -EPERM;		/* Linux do_mmap: a file of a noexec mount */
	if (flags & MAP_GROWSDOWN)
		return -EINVAL;
	return 0;
}

struct vm_area_struct *new_vma(struct mm_struct *mm, u64 addr, u64 len, u64 vm_flags,
				      struct file *file, u64 pgoff)
{
	struct vm_area_struct *v = vm_area_alloc(mm);
	if (!v)
		return NULL;
	v->vm_start = addr;
	v->vm_end = addr + len;
	v->vm_flags = vm_flags;
	v->vm_pgoff = pgoff;
	if (file) {
		v->vm_file = file;
		file->f_count++;
		v->vm_ops = &generic_file_vm_ops;
	}
	if (insert_vm_struct(mm, v)) {
		if (file)
			fput(file);
		vm_area_free(v);
		return NULL;
	}
	return v;
}

long do_mmap(struct mm_struct *mm, u64 addr, u64 len, u64 prot, u64 flags, struct file *file, u64 pgoff)
{
	struct vm_area_struct *v;
	u64 vm_flags;
	int err = check_mmap_args(addr, len, flags, pgoff << PAGE_SHIFT);
	if (err)
		return err;
	len = PAGE_ALIGN(len);
	if (file && (err = check_file_mapping(file, prot, flags, pgoff, len)))
		return err;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;		/* Linux do_mmap: too many mappings */
	if ((flags & MAP_GROWSDOWN) && (flags & MAP_TYPE) != MAP_PRIVATE)
		return -EINVAL;
	if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED)) {
		v = find_vma(mm, addr);
		if (v && v->vm_start < addr + len)
			return -EEXIST;
		flags |= MAP_FIXED;
	}
	if ((flags & MAP_FIXED) && addr < MMAP_MIN_ADDR)
		return -EPERM;
	addr = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return (long)addr;
	vm_flags = calc_vm_flags(prot, flags, file) | mm->def_flags;
	/* Linux mmap_region: RLIMIT_AS and RLIMIT_DATA, less what MAP_FIXED replaces. */
	if (!may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) -
			   ((flags & MAP_FIXED) ? vma_pages_in_range(mm, addr, addr + len) : 0)))
		return -ENOMEM;
	if ((flags & MAP_FIXED) && (err = do_munmap(mm, addr, len)))
		return err;
	/* Linux mmap_region (6.1's order: after the old mapping is gone). */
	if (accountable_mapping(vm_flags)) {
		if (vm_enough_memory(mm, len >> PAGE_SHIFT))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	v = new_vma(mm, addr, len, vm_flags, file, pgoff);
	if (!v) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(len >> PAGE_SHIFT);
		return -ENOMEM;
	}
	if (!file && (v->vm_flags & VM_SHARED) && shmem_zero_setup(v)) {
		do_munmap(mm, addr, len);
		return -ENOMEM;
	}
	if (file && file->f_op && file->f_op->mmap && (err = file->f_op->mmap(file, v))) {
		do_munmap(mm, addr, len);	/* Linux mmap_region: call_mmap failed */
		return err;
	}
	vma_merge_neighbours(mm, v);
	/* LAB lazy: BEGIN mmap (empty: the pages come at their first touch) */
	/* LAB lazy: END mmap */
	return (long)addr;
}

/* ---------------------------------------------------------------- mprotect */
static int mprotect_check_vma(struct vm_area_struct *v, u64 prot)
{
	if ((prot & PROT_WRITE) && !(v->vm_flags & VM_MAYWRITE))
		return -EACCES;
	if ((prot & PROT_EXEC) && !(v->vm_flags & VM_MAYEXEC))
		return -EACCES;
	if ((prot & PROT_GROWSDOWN) && !(v->vm_flags & VM_GROWSDOWN))
		return -EINVAL;
	return 0;
}

/* Change one whole VMA (already split to the range) and its PTEs. */
static struct vm_area_struct *mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *v,
					     u64 start, u64 end, u64 prot)
{
	u64 newflags = (v->vm_flags & ~VM_ACCESS_FLAGS) | (prot & VM_ACCESS_FLAGS);
	long charged = 0;

	/* Linux mprotect_fixup: private memory that first becomes writable is
	 * committed now, before the VMA is split (a refusal changes nothing). */
	if ((newflags & VM_WRITE) && !(v->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
		charged = (long)((MIN(end, v->vm_end) - MAX(start, v->vm_start)) >> PAGE_SHIFT);
		if (vm_enough_memory(mm, charged))
			return NULL;		/* -ENOMEM, as a failed split */
		newflags |= VM_ACCOUNT;
	}
	if (split_vma_to(mm, v, start, end)) {
		vm_unacct_memory(charged);
		return NULL;
	}
	v->vm_flags = newflags;
	change_protection(v, v->vm_start, v->vm_end);
	return v;
}

/*
 * Like Linux, walk the range VMA by VMA and change each in turn: a hole or a
 * refused VMA stops the walk with -ENOMEM / -EACCES, and the VMAs before it
 * stay changed (docs/linux-abi.md §7).  Neighbours merge at the end.
 */
int do_mprotect(struct mm_struct *mm, u64 start, u64 len, u64 prot)
{
	u64 end, addr;
	struct vm_area_struct *v, *first = NULL;
	int err = 0;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(u64)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (prot & PROT_GROWSUP)
		return -EINVAL;             /* x86 stacks never grow up */
	if (!len)
		return 0;
	end = start + PAGE_ALIGN(len);
	if (end <= start || end > TASK_SIZE_MAX)
		return -ENOMEM;
	for (addr = start; addr < end; addr = v->vm_end) {
		v = find_vma(mm, addr);
		if (!v || v->vm_start > addr) {
			err = -ENOMEM;             /* a hole in the range */
			break;
		}
		if ((err = mprotect_check_vma(v, prot)))
			break;
		if (!(v = mprotect_fixup(mm, v, addr, end, prot))) {
			err = -ENOMEM;
			break;
		}
		if (!first)
			first = v;
	}
	/* Merge what changed: each step may free a VMA, so look it up again. */
	for (u64 a = start; first && a < addr;) {
		v = find_vma(mm, a);
		if (!v || v->vm_start >= addr)
			break;
		vma_merge_neighbours(mm, v);
		a = find_vma(mm, a)->vm_end;
	}
	return err;
}

/* ---------------------------------------------------------------- madvise */
/*
 * madvise, as Linux 6.1 sorts the advice (mm/madvise.c):
 *   - hints this kernel has no use for succeed and do nothing: NORMAL,
 *     RANDOM, SEQUENTIAL, WILLNEED, COLD, PAGEOUT (no swap), HUGEPAGE and
 *     NOHUGEPAGE (no huge pages);
 *   - MERGEABLE and UNMERGEABLE are EINVAL: faultline has no KSM, and
 *     Linux built without CONFIG_KSM does not know them
 *     (madvise_behavior_valid; docs/differences.md);
 *   - DONTNEED drops the pages (anonymous memory reads back as zeros);
 *     FREE may drop them too, on private anonymous memory only; both are
 *     EINVAL on a locked (mlock) VMA;
 *   - DONTFORK/DOFORK and WIPEONFORK/KEEPONFORK set or clear a VMA flag
 *     that fork obeys, DONTDUMP/DODUMP one that a core dump obeys (the
 *     range is split off its VMA first, as mprotect does); WIPEONFORK is
 *     for private anonymous memory only;
 *   - POPULATE_READ/WRITE fault the pages in now;
 *   - REMOVE punches a hole in the file behind a shared writable mapping
 *     (madvise_remove, below);
 *   - anything else (HWPOISON and the guard regions of later kernels) is
 *     EINVAL.
 */
static bool madvise_hint_only(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_COLD: case MADV_PAGEOUT:
	case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
		return true;
	default:
		return false;
	}
}

static bool madvise_known(int advice)
{
	return madvise_hint_only(advice) || advice == MADV_DONTNEED || advice == MADV_FREE ||
	       advice == MADV_DONTFORK || advice == MADV_DOFORK || advice == MADV_WIPEONFORK ||
	       advice == MADV_KEEPONFORK || advice == MADV_DONTDUMP || advice == MADV_DODUMP ||
	       advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE || advice == MADV_REMOVE;
}

static bool private_anon(struct vm_area_struct *v)
{
	return !v->vm_file && !(v->vm_flags & VM_SHARED);
}

/* The flag an advice sets or clears, or 0. */
static u64 madvise_flag(int advice, bool *set)
{
	*set = advice == MADV_DONTFORK || advice == MADV_WIPEONFORK || advice == MADV_DONTDUMP;
	if (advice == MADV_DONTFORK || advice == MADV_DOFORK)
		return VM_DONTCOPY;
	if (advice == MADV_WIPEONFORK || advice == MADV_KEEPONFORK)
		return VM_WIPEONFORK;
	if (advice == MADV_DONTDUMP || advice == MADV_DODUMP)
		return VM_DONTDUMP;
	return 0;
}

/*
 * Fault [start, end) of v in now, as a touch would (Linux
 * populate_vma_page_range; madvise(MADV_POPULATE_*) and mlock use it).
 * -EINVAL if the VMA does not allow the access, -EFAULT if a fault fails.
 */
int populate_vma_page_range(struct vm_area_struct *v, u64 start, u64 end, bool write)
{
	if (write ? !(v->vm_flags & VM_WRITE) : !(v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EINVAL;
	for (u64 a = start; a < end; a += PAGE_SIZE)
		if (handle_mm_fault(v, a, FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0)) & VM_FAULT_ERROR)
			return -EFAULT;
	return 0;
}

/*
 * Linux __mm_populate (errors ignored): a mapping made with MAP_POPULATE
 * or MAP_LOCKED is faulted in at once, VMA by VMA, with write faults for
 * private writable memory (so the pages are its own) and read faults for
 * the rest; PROT_NONE and a page that cannot be faulted are skipped.
 */
static void mm_populate(struct mm_struct *mm, u64 start, u64 len)
{
	u64 end = start + len;

	for (u64 a = start; a < end;) {
		struct vm_area_struct *v = find_vma(mm, a);

		if (!v || v->vm_start >= end)
			return;
		a = MAX(a, v->vm_start);
		if (!(v->vm_flags & VM_LOCKONFAULT))
			populate_vma_page_range(v, a, MIN(end, v->vm_end),
						(v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE);
		a = v->vm_end;
	}
}

static bool wants_populate(u64 flags)
{
	return (flags & MAP_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE;
}

/*
 * MADV_REMOVE on [start, end) of v, Linux madvise_remove: the range's
 * part of the file becomes a hole, fallocate(PUNCH_HOLE | KEEP_SIZE)
 * (shared anonymous memory is a shmem file too, so it reads back as
 * zeros). A locked VMA is EINVAL, one without a file EINVAL, one not
 * shared or whose file is open read-only EACCES; the file system answers the rest
 * (EOPNOTSUPP where it cannot punch). As Linux, mmap_lock is dropped
 * around the fallocate (the file system takes its inode lock, which
 * ranks above mmap_lock) with a reference keeping the file; v must not
 * be used after this returns.
 */
static int madvise_remove(struct mm_struct *mm, struct vm_area_struct *v, u64 start, u64 end)
{
	struct file *f = v->vm_file;
	loff_t offset;
	long err;

	if (v->vm_flags & VM_LOCKED)
		return -EINVAL;
	if (!f)
		return -EINVAL;
	/* Linux vma_is_shared_maywrite (6.7 on; before, VM_WRITE itself): a
	 * read-only shared mapping of a file open for writing may punch. */
	if ((v->vm_flags & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	offset = (loff_t)(start - v->vm_start) + ((loff_t)v->vm_pgoff << PAGE_SHIFT);
	get_file(f);
	mmap_write_unlock(mm);
	err = vfs_fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, (loff_t)(end - start));
	fput(f);
	mmap_write_lock(mm);
	return (int)err;
}

/* One VMA's part [start, end) of the range. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *v, u64 start, u64 end, int advice)
{
	bool set;
	u64 flag = madvise_flag(advice, &set);
	if ((advice == MADV_FREE || advice == MADV_WIPEONFORK) && !private_anon(v))
		return -EINVAL;
	/* Linux madvise_dontneed_free_valid_vma: locked pages are not dropped. */
	if ((advice == MADV_DONTNEED || advice == MADV_FREE) && (v->vm_flags & VM_LOCKED))
		return -EINVAL;
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		zap_page_range(v, start, end);
	if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE)
		return populate_vma_page_range(v, start, end, advice == MADV_POPULATE_WRITE);
	if (!flag || !!(v->vm_flags & flag) == set)
		return 0;
	if (split_vma_to(mm, v, start, end))
		return -ENOMEM;
	v->vm_flags = set ? v->vm_flags | flag : v->vm_flags & ~flag;
	return 0;
}

int do_madvise(struct mm_struct *mm, u64 start, u64 len, int advice)
{
	u64 end;
	int err = 0;
	if ((start & ~PAGE_MASK) || !madvise_known(advice))
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (u64 addr = start; addr < end && !err;) {
		struct vm_area_struct *v = find_vma(mm, addr);
		if (!v || v->vm_start >= end)
			return -ENOMEM;		/* Linux: a hole in the range; what came before stays done */
		if (v->vm_start > addr) {
			err = -ENOMEM;
			addr = v->vm_start;	/* Linux goes on past the hole, then reports it */
		}
		if (advice == MADV_REMOVE) {
			u64 vend = MIN(end, v->vm_end);
			int e = madvise_remove(mm, v, addr, vend);
			if (e)
				return e;
			addr = vend;	/* the lock was dropped: v and its neighbours may have changed */
			continue;
		}
		if (!madvise_hint_only(advice)) {
			int e = madvise_vma(mm, v, addr, MIN(end, v->vm_end), advice);
			if (e)
				return e;
		}
		addr = find_vma(mm, addr)->vm_end;
	}
	return err;
}

/* ---------------------------------------------------------------- brk */
/*
 * brk(addr): a successful call returns exactly addr; any failure returns the
 * old break, never -errno (docs/linux-abi.md §10).  The heap is one VMA "[heap]"
 * from start_brk to PAGE_ALIGN(brk).
 */
static const char heap_name[] = "[heap]";

static bool brk_within_rlimit(struct mm_struct *mm, u64 newbrk)
{
	u64 lim = current->signal->rlim[RLIMIT_DATA].rlim_cur;
	return lim == RLIM_INFINITY || newbrk - mm->start_brk <= lim;
}

static int grow_heap(struct mm_struct *mm, u64 oldend, u64 newend)
{
	struct vm_area_struct *prev, *next = find_vma_prev(mm, oldend, &prev);
	if (next && next->vm_start < newend + (next->vm_flags & VM_GROWSDOWN ? stack_guard_gap : 0))
		return -ENOMEM;
	if (!may_expand_vm(mm, VM_READ | VM_WRITE, (newend - oldend) >> PAGE_SHIFT))
		return -ENOMEM;		/* Linux do_brk_flags */
	/* Linux do_brk_flags: the heap is private writable memory, committed as it grows. */
	if (vm_enough_memory(mm, (newend - oldend) >> PAGE_SHIFT))
		return -ENOMEM;
	if (prev && prev->vm_end == oldend && prev->vm_name == heap_name) {
		prev->vm_end = newend;
		return 0;
	}
	prev = new_vma(mm, oldend, newend - oldend, VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT,
		       NULL, 0);
	if (!prev) {
		vm_unacct_memory((newend - oldend) >> PAGE_SHIFT);
		return -ENOMEM;
	}
	prev->vm_name = heap_name;
	return 0;
}

u64 do_brk(struct mm_struct *mm, u64 addr)
{
	u64 oldend = PAGE_ALIGN(mm->brk), newend = PAGE_ALIGN(addr);
	if (addr < mm->start_brk || addr > TASK_SIZE_MAX || !brk_within_rlimit(mm, addr))
		return mm->brk;
	if (newend < oldend && do_munmap(mm, newend, oldend - newend))
		return mm->brk;
	if (newend > oldend && grow_heap(mm, oldend, newend))
		return mm->brk;
	/* LAB lazy: BEGIN brk (empty: the heap pages come at their first touch) */
	/* LAB lazy: END brk */
	mm->brk = addr;
	return addr;
}

/* ---------------------------------------------------------------- system calls */
/*
 * /dev/zero maps as anonymous memory (Linux: mmap_zero), but the open
 * file's access mode still rules first, as for any file: a write-only fd
 * cannot be mapped, and a read-only one gives a shared mapping that can
 * never become writable (no VM_MAYWRITE: mprotect(PROT_WRITE) is EACCES).
 */
static long mmap_dev_zero(struct file *file, u64 addr, u64 len, u64 prot, u64 flags)
{
	u32 acc = file->f_flags & O_ACCMODE;
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	struct vm_area_struct *v;
	long r;
	if (acc == O_WRONLY || (shared && (prot & PROT_WRITE) && acc == O_RDONLY))
		return -EACCES;
	r = do_mmap(current->mm, addr, len, prot, flags | MAP_ANONYMOUS, NULL, 0);
	if (!IS_ERR_VALUE(r) && shared && acc == O_RDONLY && (v = find_vma(current->mm, r)))
		v->vm_flags &= ~VM_MAYWRITE;
	return r;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot, unsigned long, flags,
		unsigned long, fd, unsigned long, off)
{
	struct file *file = NULL;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && !(file = fget(fd)))
		return -EBADF;
	long r;
	mmap_write_lock(current->mm);
	if (file && is_dev_zero(file->f_inode))
		r = mmap_dev_zero(file, addr, len, prot, flags);
	else
		r = do_mmap(current->mm, addr, len, prot, flags, file, off >> PAGE_SHIFT);
	if (!IS_ERR_VALUE(r) && wants_populate(flags))
		mm_populate(current->mm, (u64)r, PAGE_ALIGN(len));	/* Linux vm_mmap_pgoff */
	mmap_write_unlock(current->mm);
	return r;
}

/*
 * The system calls that change the VMA set hold mmap_lock for writing, the
 * ones that only look (msync, mincore) for reading, as Linux's do; a page
 * fault in another thread waits meanwhile (arch/x86/mm/fault.c).
 */
#define WITH_MMAP_LOCK(lock, unlock, expr) \
	({ struct mm_struct *__mm = current->mm; long __r; lock(__mm); __r = (expr); unlock(__mm); __r; })
#define WRITE_LOCKED(expr) WITH_MMAP_LOCK(mmap_write_lock, mmap_write_unlock, expr)
#define READ_LOCKED(expr) WITH_MMAP_LOCK(mmap_read_lock, mmap_read_unlock, expr)

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len) { return WRITE_LOCKED(do_munmap(__mm, addr, len)); }
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	return WRITE_LOCKED(do_mprotect(__mm, start, len, prot));
}
SYSCALL_DEFINE1(brk, unsigned long, brk) { return WRITE_LOCKED(do_brk(__mm, brk)); }
/* Linux without CONFIG_KSM does not know the KSM advice (madvise_behavior_valid):
 * EINVAL before any other check, logged as a feature faultline lacks. */
static bool ksm_advice(int advice)
{
	return advice == MADV_MERGEABLE || advice == MADV_UNMERGEABLE;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	if (ksm_advice(behavior))
		return syscall_unsupported("madvise advice (KSM)", behavior, -EINVAL);
	return WRITE_LOCKED(do_madvise(__mm, start, len_in, behavior));
}
SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	return READ_LOCKED(do_msync(__mm, start, len, flags));
}
SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char __user *, vec)
{
	return READ_LOCKED(do_mincore(__mm, start, len, vec));
}
SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len, unsigned long, flags,
		unsigned long, new_addr)
{
	return WRITE_LOCKED(do_mremap(__mm, addr, old_len, new_len, flags, new_addr));
}

/* ---------------------------------------------------------------- sysctl */
/* /proc/sys/vm/max_map_count, readable and writable as Linux's (0..INT_MAX). */
static void max_map_count_show(struct seq_file *m)
{
	seq_printf(m, "%ld\n", sysctl_max_map_count);
}

static int max_map_count_write(const char *buf, size_t n)
{
	unsigned long v;
	int err = proc_parse_ulong(buf, 0, INT_MAX, &v);

	(void)n;
	if (!err)
		sysctl_max_map_count = (long)v;
	return err;
}

static int max_map_count_init(void)
{
	return proc_create_rw("sys/vm/max_map_count", max_map_count_show, max_map_count_write);
}
fs_initcall(max_map_count_init);
