/*
 * mm/gup.c - reaching the pages of another address space (Linux: mm/gup.c
 * get_user_pages_remote, and mm/memory.c __access_remote_vm).
 *
 * /proc/PID/mem, process_vm_readv/writev and /proc/PID/cmdline read or
 * write memory that is not current's.  The kernel cannot just dereference a
 * user address of another process: its page tables are not the ones
 * loaded in CR3, and the page may not be there at all yet.  So each page
 * is found by walking that mm's tables, and when it is missing (never
 * touched, or a file page not read yet) the kernel takes the page fault on
 * the other process's behalf: handle_mm_fault on its VMA, exactly the path
 * a fault of its own would take (demand-zero, page cache, copy-on-write).
 * Then the bytes are copied through the direct map (__va of the frame).
 *
 * Linux's FOLL_FORCE (ptrace and /proc/PID/mem) may also read a PROT_NONE
 * mapping and write a read-only private one through a copy-on-write;
 * faultline does not (docs/differences.md): such a page ends the copy.
 */
#include <mm_types.h>
#include <mm.h>
#include <mmap_lock.h>
#include <string.h>
#include <errno.h>
#include <asm/pgtable.h>

/* Linux check_vma_flags: the VMA must allow the access the caller makes. */
static bool vma_allows(const struct vm_area_struct *vma, unsigned gup_flags)
{
	return (gup_flags & FOLL_WRITE) ? (vma->vm_flags & VM_WRITE) : (vma->vm_flags & VM_READ);
}

/* The PTE maps the page, and lets this access through (a write needs it writable). */
static pteval_t *usable_pte(struct mm_struct *mm, u64 addr, unsigned gup_flags)
{
	pteval_t *pte = pt_walk(mm->pgd, addr, PT_PTE, false, 0);

	if (!pte || !pte_present(*pte) || ((gup_flags & FOLL_WRITE) && !(*pte & _PAGE_RW)))
		return NULL;
	return pte;
}

/*
 * The frame behind @addr in @mm, faulted in first if need be (Linux:
 * follow_page_mask, then faultin_page).  The caller holds mm's mmap_lock.
 * 0 and *phys, or -EFAULT (no VMA, or one that refuses) or -ENOMEM.
 */
static int get_user_page_remote(struct mm_struct *mm, u64 addr, unsigned gup_flags, u64 *phys)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned fault_flags = (gup_flags & FOLL_WRITE) ? FAULT_FLAG_WRITE : 0;
	pteval_t *pte;

	if (!vma || vma->vm_start > addr || !vma_allows(vma, gup_flags))
		return -EFAULT;
	while (!(pte = usable_pte(mm, addr, gup_flags))) {
		vm_fault_t ret = handle_mm_fault(vma, addr, fault_flags | FAULT_FLAG_REMOTE);

		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_ERROR)
			return -EFAULT;		/* SIGBUS beyond EOF: the copy stops here */
	}
	*phys = pte_phys(*pte);
	return 0;
}

/*
 * Copy @len bytes between @buf (kernel memory) and @addr in @mm: into @mm
 * if gup_flags has FOLL_WRITE, out of it otherwise.  Returns the bytes
 * copied, stopping at the first page that cannot be had.
 */
size_t access_remote_vm(struct mm_struct *mm, u64 addr, void *buf, size_t len, unsigned gup_flags)
{
	size_t done = 0;

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	while (done < len) {
		u64 va = addr + done, off = va & (PAGE_SIZE - 1), phys;
		size_t chunk = MIN(len - done, PAGE_SIZE - off);
		u8 *page;

		if (va >= TASK_SIZE_MAX || get_user_page_remote(mm, va & PAGE_MASK, gup_flags, &phys))
			break;
		page = (u8 *)__va(phys) + off;
		if (gup_flags & FOLL_WRITE)
			memcpy(page, (u8 *)buf + done, chunk);
		else
			memcpy((u8 *)buf + done, page, chunk);
		done += chunk;
	}
	mmap_read_unlock(mm);
	return done;
}
