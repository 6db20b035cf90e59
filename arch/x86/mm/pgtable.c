/*
 * arch/x86/mm/pgtable.c - the 4-level walk, in one loop (xv6-riscv walk(); Pintos-KAIST
 * pml4e_walk()).  Tables come from the buddy allocator once it exists and
 * from memblock before that.
 */
#include <mm.h>
#include <printk.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

static bool buddy_ready(void) { return mem_map != NULL && nr_total_pages() > 0; }

static pteval_t *alloc_table(void)
{
	if (buddy_ready())
		return (pteval_t *)get_zeroed_page();
	return __va(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
}

/*
 * Return a pointer to the entry for va at `level` (PT_PTE .. PT_PGD),
 * allocating missing tables on the way if `alloc` (with table_flags).
 * Returns NULL if a table is missing and !alloc, if a large page is in the
 * way, or if memory ran out.
 */
pteval_t *pt_walk(pteval_t *pgd, u64 va, int level, bool alloc, pteval_t table_flags)
{
	pteval_t *table = pgd;
	for (int l = PT_PGD; l > level; l--) {
		pteval_t *e = &table[pt_index(va, l)];
		if (!pte_present(*e)) {
			pteval_t *next;
			if (!alloc || !(next = alloc_table()))
				return NULL;
			*e = __pa(next) | table_flags;
		} else if (pte_huge(*e)) {
			return NULL;
		}
		table = pt_table(*e);
	}
	return &table[pt_index(va, level)];
}

/* Map [va, va+size) to [pa, ...) with 2 MiB pages where both are aligned. */
int map_kernel_range(pteval_t *pgd, u64 va, u64 pa, u64 size, pteval_t prot)
{
	u64 end = va + size;
	while (va < end) {
		bool big = !(va & (PMD_SIZE - 1)) && !(pa & (PMD_SIZE - 1)) && end - va >= PMD_SIZE;
		int level = big ? PT_PMD : PT_PTE;
		pteval_t *e = pt_walk(pgd, va, level, true, _KERNPG_TABLE);
		if (!e)
			return -1;
		*e = pa | prot | (big ? _PAGE_PSE : 0);
		va += pt_level_size(level);
		pa += pt_level_size(level);
	}
	return 0;
}

/* Free a table and every lower-level table under it (leaf pages are the
 * VMA code's business: it has already dropped them). */
static void free_table(pteval_t *table, int level)
{
	if (level > PT_PTE)            /* entries of a PTE table are leaf pages */
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			if (pte_present(table[i]) && !pte_huge(table[i]))
				free_table(pt_table(table[i]), level - 1);
	free_page((u64)table);
}

/* Free the user half's tables (PGD slots 0..255) and the PGD itself; the
 * kernel half (256..511) is shared by every mm and stays. */
void pt_free_user(pteval_t *pgd)
{
	for (int i = 0; i < PTRS_PER_TABLE / 2; i++)
		if (pte_present(pgd[i]))
			free_table(pt_table(pgd[i]), PT_PUD);
	free_page((u64)pgd);
}

void flush_tlb_all(void)
{
	u64 cr4 = read_cr4();
	/* Toggling CR4.PGE flushes global entries too (SDM §4.10.4.1). */
	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4);
}
