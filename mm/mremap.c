/*
 * mm/mremap.c - grow, shrink or move a mapping (Linux: mm/mremap.c).
 * Shrinking unmaps the tail; growing extends the VMA in place when nothing
 * follows it, else (with MREMAP_MAYMOVE) a new VMA is made elsewhere and the
 * page-table entries move to it, pages and all, without copying data.
 * musl's realloc uses it for large blocks (docs/linux-abi.md §1).
 */
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <fs.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>
#include <asm/processor.h>

/* Move the PTEs of [old, old+len) to new (Linux: move_page_tables). */
static int move_ptes(struct mm_struct *mm, u64 old, u64 new, u64 len)
{
	for (u64 off = 0; off < len; off += PAGE_SIZE) {
		pteval_t *src = pt_walk(mm->pgd, old + off, PT_PTE, false, 0), *dst;
		if (!src || !*src)
			continue;
		dst = pt_walk(mm->pgd, new + off, PT_PTE, true, _PAGE_TABLE);
		if (!dst)
			return -ENOMEM;
		*dst = *src;
		*src = 0;
		invlpg(old + off);
	}
	return 0;
}

static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, u64 old, u64 old_len,
		     u64 new, u64 new_len)
{
	struct vm_area_struct *n = new_vma(mm, new, new_len, vma->vm_flags, vma->vm_file,
					   vma->vm_pgoff + ((old - vma->vm_start) >> PAGE_SHIFT));
	if (!n)
		return -ENOMEM;
	n->vm_ops = vma->vm_ops;
	n->vm_name = vma->vm_name;
	if (move_ptes(mm, old, new, MIN(old_len, new_len)))
		return -ENOMEM;
	/* The moved pages stay committed: the munmap below takes them off
	 * with the old VMA, so count them again for the new one (Linux
	 * move_vma hides VM_ACCOUNT from that munmap instead). */
	if (n->vm_flags & VM_ACCOUNT)
		vm_acct_memory(MIN(old_len, new_len) >> PAGE_SHIFT);
	do_munmap(mm, old, old_len);      /* its PTEs are gone: only the VMA part goes */
	return (long)new;
}

/* Grow [old, old+old_len) in place if it ends its VMA and nothing is in the way. */
static bool grow_in_place(struct mm_struct *mm, struct vm_area_struct *vma, u64 old, u64 old_len, u64 new_len)
{
	struct vm_area_struct *next = vma_next(vma);
	if (old + old_len != vma->vm_end)
		return false;
	if (!range_in_user(old, new_len) || (next && next->vm_start < old + new_len))
		return false;
	vma->vm_end = old + new_len;
	return true;
}

/* Linux vma_to_resize: [old, old + old_len) must lie in one VMA (no wrap). */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, u64 old, u64 old_len)
{
	struct vm_area_struct *vma = find_vma(mm, old);
	if (!vma || vma->vm_start > old || old_len > vma->vm_end - old)
		return NULL;
	return vma;
}

/* Pages an accounted VMA gains by growing from old_len to new_len. */
static long extra_pages(struct vm_area_struct *vma, u64 old_len, u64 new_len)
{
	if (!(vma->vm_flags & VM_ACCOUNT) || new_len <= old_len)
		return 0;
	return (long)((new_len - old_len) >> PAGE_SHIFT);
}

/* MREMAP_FIXED: move to new_addr, whatever was there goes (Linux mremap_to). */
static long mremap_to(struct mm_struct *mm, struct vm_area_struct *vma, u64 old, u64 old_len, u64 new_addr,
		      u64 new_len)
{
	long extra = extra_pages(vma, old_len, new_len), r;

	/* Linux vma_to_resize, after mremap_to has unmapped the target range */
	if (new_len > old_len &&
	    !may_expand_vm(mm, vma->vm_flags,
			   ((new_len - old_len) >> PAGE_SHIFT) - vma_pages_in_range(mm, new_addr, new_addr + new_len)))
		return -ENOMEM;
	if (extra && vm_enough_memory(mm, extra))
		return -ENOMEM;
	do_munmap(mm, new_addr, new_len);
	r = move_vma(mm, find_vma(mm, old), old, old_len, new_addr, new_len);
	if (IS_ERR_VALUE(r))
		vm_unacct_memory(extra);
	return r;
}

/* Grow in place or move; the extra pages of an accounted VMA are committed first (Linux vma_to_resize). */
static long mremap_grow(struct mm_struct *mm, struct vm_area_struct *vma, u64 old, u64 old_len, u64 new_len,
			u64 flags)
{
	long extra = extra_pages(vma, old_len, new_len), r;

	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM;		/* Linux vma_to_resize */
	if (extra && vm_enough_memory(mm, extra))
		return -ENOMEM;
	if (grow_in_place(mm, vma, old, old_len, new_len))
		return (long)old;
	if (!(flags & MREMAP_MAYMOVE))
		r = -ENOMEM;
	else if (IS_ERR_VALUE(r = (long)get_unmapped_area(mm, 0, new_len, 0)))
		;
	else
		r = move_vma(mm, vma, old, old_len, (u64)r, new_len);
	if (IS_ERR_VALUE(r))
		vm_unacct_memory(extra);
	return r;
}

long do_mremap(struct mm_struct *mm, u64 old, u64 old_len, u64 new_len, u64 flags, u64 new_addr)
{
	struct vm_area_struct *vma;
	if ((old & ~PAGE_MASK) || (flags & ~(u64)(MREMAP_MAYMOVE | MREMAP_FIXED)))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len)
		return -EINVAL;              /* old_len 0 duplicates shared memory only */
	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || new_addr < MMAP_MIN_ADDR || !range_in_user(new_addr, new_len))
			return -EINVAL;
		if (new_addr < old + old_len && old < new_addr + new_len)
			return -EINVAL;		/* Linux mremap_to: the ranges must not overlap */
		if (!(vma = vma_to_resize(mm, old, old_len)))
			return -EFAULT;
		return mremap_to(mm, vma, old, old_len, new_addr, new_len);
	}
	/* Linux (6.18, mm/mremap.c) first looks up the VMA at old (vma_lookup):
	 * none is EFAULT, even for a shrink.  A shrink is then munmap of the
	 * tail, which may cross into the next VMAs (6.1 shrank before the
	 * lookup, so a range that wrapped past the top unmapped low memory). */
	vma = find_vma(mm, old);
	if (!vma || vma->vm_start > old)
		return -EFAULT;
	if (new_len <= old_len) {
		long err = new_len < old_len ? do_munmap(mm, old + new_len, old_len - new_len) : 0;
		return err ? err : (long)old;
	}
	if (!(vma = vma_to_resize(mm, old, old_len)))
		return -EFAULT;
	return mremap_grow(mm, vma, old, old_len, new_len, flags);
}

