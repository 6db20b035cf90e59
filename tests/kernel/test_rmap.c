/*
 * In-kernel tests of struct page's mapcount: it counts the user PTEs that
 * map a page, as reclaim and truncate will need (Linux: page_mapcount()).
 * Expectation: a write fault maps a fresh page once; fork's copy maps it a
 * second time; the child's exit and a copy-on-write each drop one mapping;
 * the shared zero page is never counted.
 */
#include <ktest.h>
#include <mm_types.h>
#include <mm.h>
#include <mman.h>
#include <errno.h>

#define BASE 0x20000000UL

static struct page *page_at(struct mm_struct *mm, u64 addr)
{
	pteval_t *pte = pt_walk(mm->pgd, addr, PT_PTE, false, 0);
	return pte && (*pte & _PAGE_PRESENT) ? phys_to_page(pte_phys(*pte)) : NULL;
}

static vm_fault_t touch(struct mm_struct *mm, u64 addr, unsigned flags)
{
	return handle_mm_fault(find_vma(mm, addr), addr, FAULT_FLAG_USER | flags);
}

KTEST(mapcount_counts_ptes)
{
	struct mm_struct *mm = mm_alloc(), *child;
	struct page *pg;
	KTEST_EXPECT(do_mmap(mm, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	KTEST_EXPECT(touch(mm, BASE, FAULT_FLAG_WRITE) == 0);
	pg = page_at(mm, BASE);
	KTEST_EXPECT(pg && page_mapcount(pg) == 1);
	child = dup_mm(mm);                         /* fork: both map it, copy-on-write */
	KTEST_EXPECT(child && page_at(child, BASE) == pg && page_mapcount(pg) == 2);
	KTEST_EXPECT(touch(child, BASE, FAULT_FLAG_WRITE) == 0);   /* the child copies */
	KTEST_EXPECT(page_at(child, BASE) != pg && page_mapcount(pg) == 1);
	KTEST_EXPECT(page_mapcount(page_at(child, BASE)) == 1);
	mmput(child);
	KTEST_EXPECT(page_mapcount(pg) == 1);
	mmput(mm);
}

KTEST(mapcount_ignores_zero_page)
{
	struct mm_struct *mm = mm_alloc();
	int before = page_mapcount(zero_page);
	do_mmap(mm, BASE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	KTEST_EXPECT(touch(mm, BASE, 0) == 0);      /* a read maps the shared zero page */
	KTEST_EXPECT(page_at(mm, BASE) == zero_page && page_mapcount(zero_page) == before);
	mmput(mm);
}
