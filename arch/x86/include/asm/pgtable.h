/*
 * x86-64 4-level paging: entry bits and walk helpers.
 * Bits as Linux's arch/x86/include/asm/pgtable_types.h (_PAGE_BIT_*),
 * Intel SDM vol. 3 §4.5 tables 4-15..4-20.
 *
 *   63 62..52 51........12 11..9 8 7   6 5 4   3   2 1 0
 *   NX  avail   phys addr   soft G PSE D A PCD PWT U W P
 *
 * A virtual address splits 9/9/9/9/12: PGD index bits 47..39, P4D (folded
 * into the PGD with 4 levels, as in Linux), PUD 38..30, PMD 29..21,
 * PTE 20..12, offset 11..0.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H
#include <asm/page.h>

#define _PAGE_PRESENT (1UL << 0)
#define _PAGE_RW (1UL << 1)
#define _PAGE_USER (1UL << 2)
#define _PAGE_PWT (1UL << 3)
#define _PAGE_PCD (1UL << 4)
#define _PAGE_ACCESSED (1UL << 5)
#define _PAGE_DIRTY (1UL << 6)
#define _PAGE_PSE (1UL << 7)
#define _PAGE_GLOBAL (1UL << 8)
#define _PAGE_SOFTW1 (1UL << 9)
#define _PAGE_NX (1UL << 63)
/* Software bit: a page stays attached to a PTE with no access (PROT_NONE);
 * P is clear so every access faults (Linux uses the same name). */
#define _PAGE_PROTNONE _PAGE_SOFTW1
#define PTE_PFN_MASK 0x000ffffffffff000UL
#define PTE_FLAGS_MASK (~PTE_PFN_MASK)

/* Table entries that point to a lower table: Linux's _KERNPG_TABLE (0x063) and
 * _PAGE_TABLE (0x067), the values seen in real oops page walks. */
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_TABLE (_KERNPG_TABLE | _PAGE_USER)

/* Leaf protections for kernel mappings (Linux: __PAGE_KERNEL*). */
#define __PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define __PAGE_KERNEL_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define __PAGE_KERNEL_RX (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)

typedef u64 pteval_t;

/* Levels, counted as Linux's page-table dump prints them. */
enum pt_level { PT_PTE = 1, PT_PMD, PT_PUD, PT_PGD };
#define PT_LEVELS 4

static inline unsigned pt_index(u64 va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PTRS_PER_TABLE - 1);
}
static inline u64 pt_level_size(int level) { return 1UL << (PAGE_SHIFT + 9 * (level - 1)); }
static inline u64 pte_pfn(pteval_t e) { return (e & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline u64 pte_phys(pteval_t e) { return e & PTE_PFN_MASK; }
static inline bool pte_present(pteval_t e) { return e & _PAGE_PRESENT; }
static inline bool pte_huge(pteval_t e) { return e & _PAGE_PSE; }
static inline pteval_t *pt_table(pteval_t e) { return (pteval_t *)__va(pte_phys(e)); }

/* arch/x86/mm/pgtable.c */
pteval_t *pt_walk(pteval_t *pgd, u64 va, int level, bool alloc, pteval_t table_flags);
int map_kernel_range(pteval_t *pgd, u64 va, u64 pa, u64 size, pteval_t prot);
void pt_free_user(pteval_t *pgd);
void flush_tlb_all(void);

#endif
