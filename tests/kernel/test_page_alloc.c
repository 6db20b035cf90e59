/*
 * In-kernel tests of physical memory: the buddy allocator, kmalloc and the
 * page-table walk.  Run with "ktest=all".
 */
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* Every allocated block comes back; the free count returns exactly. */
KTEST(buddy_alloc_free)
{
	u64 before = nr_free_pages();
	struct page *p[MAX_ORDER];
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		p[o] = alloc_pages(0, o);
		KTEST_EXPECT(p[o] != NULL);
		KTEST_EXPECT((page_to_pfn(p[o]) & ((1UL << o) - 1)) == 0);   /* naturally aligned */
	}
	KTEST_EXPECT(nr_free_pages() == before - ((1UL << MAX_ORDER) - 1));
	for (unsigned o = 0; o < MAX_ORDER; o++)
		__free_pages(p[o], o);
	KTEST_EXPECT(nr_free_pages() == before);
}

/* Two buddies freed merge back into the block they were split from. */
KTEST(buddy_merges)
{
	struct page *big = alloc_pages(0, 1);
	u64 pfn = page_to_pfn(big), before;
	__free_pages(big, 1);
	before = nr_free_pages();
	big = alloc_pages(0, 1);
	KTEST_EXPECT(page_to_pfn(big) == pfn);       /* the same block came back */
	__free_pages(big, 1);
	KTEST_EXPECT(nr_free_pages() == before);
}

KTEST(zeroed_page_is_zero)
{
	u64 v = get_zeroed_page();
	u8 *b = (u8 *)v;
	bool zero = true;
	KTEST_EXPECT(v != 0);
	for (u64 i = 0; i < PAGE_SIZE; i++)
		zero &= b[i] == 0;
	KTEST_EXPECT(zero);
	free_page(v);
}

/* kmalloc: every size class, no overlap, and all pages return on kfree. */
KTEST(kmalloc_sizes)
{
	static const size_t sizes[] = { 1, 8, 32, 33, 100, 512, 2048, 2049, 5000, 70000 };
	void *p[ARRAY_SIZE(sizes)];
	u64 before = nr_free_pages();
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], 0);
		KTEST_EXPECT(p[i] != NULL);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		KTEST_EXPECT(((u8 *)p[i])[sizes[i] - 1] == (u8)(i + 1));
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(p[i]);
	KTEST_EXPECT(nr_free_pages() == before);
}

/* The kernel's own mappings have the permissions arch/x86/mm/init.c promises. */
static pteval_t kernel_pte(const void *addr)
{
	pteval_t *e = pt_walk(init_pgd, (u64)addr, PT_PTE, false, 0);
	return e ? *e : 0;
}

extern char _text[], __start_rodata[], _sdata[], __start_ro_after_init[];
extern char init_stack_guard[];

KTEST(kernel_sections_least_privilege)
{
	pteval_t text = kernel_pte(_text), ro = kernel_pte(__start_rodata), data = kernel_pte(_sdata);
	pteval_t roai = kernel_pte(__start_ro_after_init);
	KTEST_EXPECT((text & _PAGE_PRESENT) && !(text & _PAGE_RW) && !(text & _PAGE_NX));
	KTEST_EXPECT((ro & _PAGE_PRESENT) && !(ro & _PAGE_RW) && (ro & _PAGE_NX));
	KTEST_EXPECT((data & _PAGE_PRESENT) && (data & _PAGE_RW) && (data & _PAGE_NX));
	KTEST_EXPECT((roai & _PAGE_PRESENT) && !(roai & _PAGE_RW));   /* after mark_rodata_ro */
	KTEST_EXPECT(!(kernel_pte(init_stack_guard) & _PAGE_PRESENT));
	KTEST_EXPECT(read_cr0() & X86_CR0_WP);
	KTEST_EXPECT(rdmsr(MSR_EFER) & EFER_NX);
}

/* The direct map covers the last page of RAM. */
KTEST(direct_map_covers_ram)
{
	u64 last = memblock_end_of_ram() - PAGE_SIZE;
	pteval_t *e = pt_walk(init_pgd, (u64)__va(last), PT_PMD, false, 0);
	KTEST_EXPECT(e && pte_present(*e));
}

/* Kernel stacks: mapped, and the page below each is a guard. */
KTEST(kstack_guard_page)
{
	u8 *s = kstack_alloc();
	u64 before;
	KTEST_EXPECT(s != NULL);
	KTEST_EXPECT(kernel_pte(s) & _PAGE_PRESENT);
	KTEST_EXPECT(!(kernel_pte(s - PAGE_SIZE) & _PAGE_PRESENT));
	s[THREAD_SIZE - 1] = 1;
	kstack_free(s);
	before = nr_free_pages();
	s = kstack_alloc();
	kstack_free(s);
	KTEST_EXPECT(nr_free_pages() == before);
}
