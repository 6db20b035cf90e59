/*
 * mm/vmalloc.c - kernel stacks in the vmalloc area, each with an unmapped
 * guard page below it, so an overflow faults (and, because the fault handler
 * then has no stack, becomes a double fault on its own IST stack) instead of
 * silently corrupting the neighbour (Linux: CONFIG_VMAP_STACK).
 *
 *   slot n:  [ guard page | THREAD_SIZE of stack ]  at VMALLOC_START + n * SLOT
 */
#include <mm.h>
#include <printk.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

#define SLOT_SIZE (THREAD_SIZE + PAGE_SIZE)
#define MAX_STACKS 4096
static u8 slot_used[MAX_STACKS];

static int slot_of(void *stack) { return ((u64)stack - PAGE_SIZE - VMALLOC_START) / SLOT_SIZE; }

static void unmap_stack_pages(u64 base, int n)
{
	for (int i = 0; i < n; i++) {
		pteval_t *pte = pt_walk(init_pgd, base + i * PAGE_SIZE, PT_PTE, false, 0);
		if (pte && pte_present(*pte)) {
			put_page(phys_to_page(pte_phys(*pte)));
			*pte = 0;
			invlpg(base + i * PAGE_SIZE);
		}
	}
}

void *kstack_alloc(void)
{
	int slot;
	u64 base;
	for (slot = 0; slot < MAX_STACKS && slot_used[slot]; slot++)
		;
	if (slot == MAX_STACKS)
		return NULL;
	base = VMALLOC_START + (u64)slot * SLOT_SIZE + PAGE_SIZE;
	for (u64 i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		struct page *pg = alloc_page(0);
		pteval_t *pte = pg ? pt_walk(init_pgd, base + i * PAGE_SIZE, PT_PTE, true, _KERNPG_TABLE) : NULL;
		if (!pte) {
			if (pg)
				put_page(pg);
			unmap_stack_pages(base, i);
			return NULL;
		}
		*pte = page_to_phys(pg) | __PAGE_KERNEL;
	}
	slot_used[slot] = 1;
	return (void *)base;
}

/* Build the page tables of the whole stack area once, at boot, so that
 * creating and freeing tasks later leaves the free-page count unchanged. */
void kstack_area_init(void)
{
	for (u64 va = VMALLOC_START; va < VMALLOC_START + MAX_STACKS * SLOT_SIZE; va += PMD_SIZE)
		if (!pt_walk(init_pgd, va, PT_PTE, true, _KERNPG_TABLE))
			panic("vmalloc: no memory for the kernel stack page tables");
}

void kstack_free(void *stack)
{
	unmap_stack_pages((u64)stack, THREAD_SIZE / PAGE_SIZE);
	slot_used[slot_of(stack)] = 0;
}
