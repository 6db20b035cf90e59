/*
 * In-kernel tests of fork's address-space copy (dup_mm, copy_page_range)
 * when memory runs out.  Linux's rule: fork either copies everything or
 * fails with ENOMEM and gives back all it took; it never hands the child an
 * address space with holes (a skipped page would read back as zeroes in
 * the child: silent data loss).  Page allocations are failed one at a time
 * with fail_page_alloc_after(), from the first allocation dup_mm makes to
 * the last, and each failure must leave the free-page count and the
 * parent's pages exactly as they were.
 */
#include <ktest.h>
#include <mm_types.h>
#include <mm.h>
#include <mman.h>

#define BASE 0x20000000UL
#define SPREAD (4 * PMD_SIZE)	/* pages under several page tables */
#define MAX_STEPS 64

static vm_fault_t write_touch(struct mm_struct *mm, u64 addr)
{
	return handle_mm_fault(find_vma(mm, addr), addr, FAULT_FLAG_USER | FAULT_FLAG_WRITE);
}

/* A parent with one anonymous VMA whose written pages sit in four PMDs. */
static struct mm_struct *parent_mm(void)
{
	struct mm_struct *mm = mm_alloc();
	do_mmap(mm, BASE, SPREAD, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	for (u64 a = BASE; a < BASE + SPREAD; a += PMD_SIZE)
		write_touch(mm, a);
	return mm;
}

KTEST(fork_out_of_memory_fails_whole)
{
	struct mm_struct *mm = parent_mm(), *child;
	int failures = 0, step;
	u64 before;

	mmput(dup_mm(mm));			/* warm the slab caches */
	before = nr_free_pages();
	for (step = 0; step < MAX_STEPS; step++) {
		fail_page_alloc_after(step);
		child = dup_mm(mm);
		fail_page_alloc_after(-1);
		if (child)
			break;			/* enough pages: the copy is whole */
		failures++;
		KTEST_EXPECT(nr_free_pages() == before);	/* nothing kept */
	}
	KTEST_EXPECT(child != NULL);
	KTEST_EXPECT(failures >= 4);		/* pgd, and a table per level at least */
	for (u64 a = BASE; child && a < BASE + SPREAD; a += PMD_SIZE) {
		pteval_t *pte = pt_walk(child->pgd, a, PT_PTE, false, 0);
		KTEST_EXPECT(pte && (*pte & _PAGE_PRESENT));	/* every page reached the child */
	}
	mmput(child);
	KTEST_EXPECT(nr_free_pages() == before);
	mmput(mm);
}
