/*
 * mm/msync.c - msync and mincore: questions about a range of mappings
 * (Linux: mm/msync.c, mm/mincore.c).
 */
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <fs.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>
#include <asm/processor.h>

/* Linux's order: flags, alignment, then holes (-ENOMEM); with MS_SYNC every
 * shared file mapping in the range has its file's dirty pages written back
 * (Linux: vfs_fsync_range), the PTE dirty bits included. */
long do_msync(struct mm_struct *mm, u64 start, u64 len, u64 flags)
{
	u64 end;
	if (flags & ~(u64)(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start)
		return -ENOMEM;
	for (u64 addr = start; addr < end;) {
		struct vm_area_struct *v = find_vma(mm, addr);
		if (!v || v->vm_start > addr)
			return -ENOMEM;
		if ((flags & MS_INVALIDATE) && (v->vm_flags & VM_LOCKED))
			return -EBUSY;		/* Linux: locked pages cannot be invalidated */
		addr = v->vm_end;
	}
	for (u64 addr = start; (flags & MS_SYNC) && addr < end;) {
		struct vm_area_struct *v = find_vma(mm, addr);
		int err = 0;
		if (v->vm_file && (v->vm_flags & VM_SHARED))
			err = filemap_write_and_wait(&v->vm_file->f_inode->i_mapping);
		if (err)
			return err;
		addr = v->vm_end;
	}
	return 0;
}

/* mincore: one byte per page, 1 if a page is mapped (resident) there. */
long do_mincore(struct mm_struct *mm, u64 start, u64 len, u8 *uvec)
{
	u64 pages;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	pages = PAGE_ALIGN(len) >> PAGE_SHIFT;
	if (start + (pages << PAGE_SHIFT) < start || start + (pages << PAGE_SHIFT) > TASK_SIZE_MAX)
		return -ENOMEM;
	for (u64 i = 0; i < pages; i++) {
		u64 addr = start + (i << PAGE_SHIFT);
		struct vm_area_struct *v = find_vma(mm, addr);
		pteval_t *pte;
		u8 present;
		if (!v || v->vm_start > addr)
			return -ENOMEM;
		pte = pt_walk(mm->pgd, addr, PT_PTE, false, 0);
		present = pte && (*pte & (_PAGE_PRESENT | _PAGE_PROTNONE)) ? 1 : 0;
		if (!present && v->vm_file) {
			/* a file page in the page cache counts as resident */
			u64 idx = v->vm_pgoff + ((addr - v->vm_start) >> PAGE_SHIFT);
			present = find_get_page(&v->vm_file->f_inode->i_mapping, idx) != NULL;
		}
		if (copy_to_user(uvec + i, &present, 1))
			return -EFAULT;
	}
	return 0;
}
