/*
 * mm/rmap.c - from a page-cache page to the PTEs that map it (Linux:
 * mm/rmap.c). A file page is found through its file's i_mmap list: each
 * VMA there that covers the page's index maps it at one address, if the
 * process has touched it (a private copy made by do_wp_page is another
 * page, and is skipped).
 *
 * page_mkclean() is what writeback uses to see every store: the dirty bits
 * the CPU set in the PTEs move to the page (PG_dirty), and the PTEs lose
 * write permission, so the next store faults into do_wp_page, which marks
 * the page dirty again. Linux does the same in page_mkclean_one.
 */
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* The PTE that maps @page in @vma, or NULL. */
pteval_t *page_pte_in(struct vm_area_struct *vma, struct page *page, u64 *addr)
{
	pteval_t *pte;

	if (page->index < vma->vm_pgoff || page->index >= vma->vm_pgoff + vma_pages(vma))
		return NULL;
	*addr = vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
	pte = pt_walk(vma->vm_mm->pgd, *addr, PT_PTE, false, 0);
	if (!pte || !(*pte & _PAGE_PRESENT) || phys_to_page(pte_phys(*pte)) != page)
		return NULL;
	return pte;
}

bool page_mkclean(struct page *page)
{
	struct list_head *p;
	bool dirty = false;

	if (!page->mapping)
		return false;
	list_for_each(p, &page->mapping->i_mmap) {
		struct vm_area_struct *vma = list_entry(p, struct vm_area_struct, shared);
		u64 addr;
		pteval_t *pte = (vma->vm_flags & VM_SHARED) ? page_pte_in(vma, page, &addr) : NULL;

		if (!pte || !(*pte & (_PAGE_DIRTY | _PAGE_RW)))
			continue;
		dirty |= (*pte & _PAGE_DIRTY) != 0;
		*pte &= ~(pteval_t)(_PAGE_DIRTY | _PAGE_RW);
		if (current && current->mm == vma->vm_mm)
			invlpg(addr);
	}
	return dirty;
}

/*
 * Linux try_to_unmap: take @page out of every PTE that maps it (shared or
 * private, before a copy-on-write), keeping a dirty bit as PG_dirty. Reclaim
 * calls it before it drops a page from the cache.
 */
void try_to_unmap(struct page *page)
{
	struct list_head *p;

	if (!page->mapping)
		return;
	list_for_each(p, &page->mapping->i_mmap) {
		struct vm_area_struct *vma = list_entry(p, struct vm_area_struct, shared);
		u64 addr;

		if (page_pte_in(vma, page, &addr))
			zap_page_range(vma, addr, addr + PAGE_SIZE);
	}
}
