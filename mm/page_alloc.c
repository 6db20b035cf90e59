/*
 * mm/page_alloc.c - the buddy allocator.
 *
 * Free memory is kept as blocks of 2^order pages, each naturally aligned, on
 * one free list per order.  Allocation splits a larger block; freeing merges
 * a block with its "buddy" (the block whose pfn differs only in bit `order`)
 * while the buddy is free too.  Knuth vol. 1 §2.5; Linux: mm/page_alloc.c.
 *
 * Single pages, most of what is asked for (every fault, every page-cache
 * page), go through a small stack in front of the lists first, Linux's
 * per-CPU page lists (struct per_cpu_pages): a page freed is pushed, a page
 * wanted is popped, and the buddy lists are only visited PCP_BATCH pages at
 * a time, when the stack runs empty or full.  Pages on it are free (counted
 * in nr_free_pages, unlike Linux's MemFree) but not merged with their
 * buddies; a larger block that cannot be found empties the stack and looks
 * again (Linux: drain_all_pages when an allocation fails).
 */
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/processor.h>

struct page *mem_map;
u64 max_pfn;
static struct list_head free_area[MAX_ORDER];
static u64 free_pages, total_pages;	/* free_pages counts the stack's pages too */

#define PCP_HIGH 96			/* more than this on the stack go back */
#define PCP_BATCH_ORDER 5
#define PCP_BATCH (1 << PCP_BATCH_ORDER)	/* pages moved between the stack and the lists at once */
static struct {
	int count;
	struct page *pages[PCP_HIGH];
} pcp;

static void set_free_head(struct page *p, unsigned order)
{
	p->flags |= PG_buddy;
	p->order = order;
	list_add(&p->buddy_list, &free_area[order]);
}

static bool is_free_buddy(u64 pfn, unsigned order)
{
	struct page *b;
	if (pfn >= max_pfn)
		return false;
	b = pfn_to_page(pfn);
	return (b->flags & PG_buddy) && b->order == order;
}

static void add_range(u64 start, u64 end, void *sum) { *(u64 *)sum += end - start; }

/* RAM the firmware reported, in KiB (holes such as the PCI window excluded). */
static u64 ram_kib(void)
{
	u64 bytes = 0;
	memblock_for_each_ram(add_range, &bytes);
	return bytes / 1024;
}

/* mem_map covers every pfn up to the end of RAM (holes too: a flat array,
 * Linux's FLATMEM); all start reserved. */
void page_alloc_init(void)
{
	u64 bytes;
	max_pfn = memblock_end_of_ram() >> PAGE_SHIFT;
	bytes = max_pfn * sizeof(struct page);
	mem_map = __va(memblock_alloc(bytes, PAGE_SIZE));
	for (u64 i = 0; i < max_pfn; i++) {
		mem_map[i].flags = PG_reserved;
		INIT_LIST_HEAD(&mem_map[i].buddy_list);
	}
	for (int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&free_area[o]);
	memblock_free_all();
	pr_info("Memory: %luK/%luK available (mem_map %luK for %lu page frames)\n",
		free_pages * 4, ram_kib(), bytes / 1024, max_pfn);
}

static void free_one_block(u64 pfn, unsigned order)
{
	while (order < MAX_ORDER - 1) {
		u64 buddy = pfn ^ (1UL << order);
		struct page *b;
		if (!is_free_buddy(buddy, order))
			break;
		b = pfn_to_page(buddy);
		list_del(&b->buddy_list);
		b->flags &= ~PG_buddy;
		pfn &= ~(1UL << order);
		order++;
	}
	set_free_head(pfn_to_page(pfn), order);
}

/* Boot: give [start,end) to the allocator in the largest aligned blocks. */
void free_page_range(u64 start, u64 end)
{
	while (start < end) {
		unsigned order = 0;
		while (order < MAX_ORDER - 1 && !(start & ((2UL << order) - 1)) &&
		       start + (2UL << order) <= end)
			order++;
		for (u64 i = 0; i < (1UL << order); i++)
			pfn_to_page(start + i)->flags = 0;
		free_one_block(start, order);
		free_pages += 1UL << order;
		total_pages += 1UL << order;
		start += 1UL << order;
	}
}

/*
 * Fault injection (Linux: mm/fail_page_alloc.c, far smaller): after
 * fail_page_alloc_after(n), n more allocations succeed and every one after
 * that fails, until fail_page_alloc_after(-1).  ktests use it to walk an
 * error path such as fork's, one failing allocation at a time.
 */
static long fail_countdown = -1;

void fail_page_alloc_after(long n) { fail_countdown = n; }

static bool should_fail_alloc_page(void)
{
	if (fail_countdown < 0)
		return false;
	if (fail_countdown == 0)
		return true;
	fail_countdown--;
	return false;
}

/* The smallest free block of at least 2^order pages, split down to that (Linux __rmqueue_smallest). */
static struct page *rmqueue(unsigned order)
{
	unsigned o = order;
	struct page *p;

	while (o < MAX_ORDER && list_empty(&free_area[o]))
		o++;
	if (o == MAX_ORDER)
		return NULL;
	p = list_first_entry(&free_area[o], struct page, buddy_list);
	list_del(&p->buddy_list);
	p->flags &= ~PG_buddy;
	while (o > order) {               /* split, keeping the lower half */
		o--;
		set_free_head(p + (1UL << o), o);
	}
	return p;
}

static void pcp_push(struct page *p)
{
	p->flags |= PG_pcp;
	pcp.pages[pcp.count++] = p;
}

/* The top of the stack, or NULL when it is empty. */
static struct page *pcp_pop(void)
{
	struct page *p;

	if (!pcp.count)
		return NULL;
	p = pcp.pages[--pcp.count];
	p->flags &= ~PG_pcp;
	return p;
}

/* Move n pages from the top of the stack back to the buddy lists (Linux free_pcppages_bulk). */
static void pcp_drain(int n)
{
	struct page *p;

	while (n-- > 0 && (p = pcp_pop()))
		free_one_block(page_to_pfn(p), 0);
}

/*
 * Fill the empty stack with a batch (Linux rmqueue_bulk): one block of
 * PCP_BATCH pages cut up when there is one (a single list operation for
 * 32 pages), single pages when memory is that fragmented.  Pushed highest
 * first, so the lowest comes out first.
 */
static void pcp_refill(void)
{
	struct page *p = rmqueue(PCP_BATCH_ORDER);

	if (p) {
		for (int i = PCP_BATCH - 1; i >= 0; i--)
			pcp_push(p + i);
	}
	while (pcp.count < PCP_BATCH && (p = rmqueue(0)))
		pcp_push(p);
}

/* A single page: from the stack, refilled when empty (Linux rmqueue_pcplist). */
static struct page *rmqueue_pcp(void)
{
	if (!pcp.count)
		pcp_refill();
	return pcp_pop();
}

struct page *alloc_pages(unsigned gfp, unsigned order)
{
	u64 flags = local_irq_save();
	struct page *p;

	if (should_fail_alloc_page() ||
	    ((gfp & __GFP_USER) && free_pages < GFP_USER_RESERVE_PAGES + (1UL << order))) {
		local_irq_restore(flags);
		return NULL;
	}
	if (order == 0) {
		p = rmqueue_pcp();
	} else if (!(p = rmqueue(order)) && pcp.count) {
		pcp_drain(pcp.count);	/* the block may be in pieces on the stack */
		p = rmqueue(order);
	}
	if (!p) {
		local_irq_restore(flags);
		return NULL;
	}
	free_pages -= 1UL << order;
	local_irq_restore(flags);
	kernel_unpoison_pages(p, 1U << order);
	p->refcount = 1;
	p->mapcount = 0;
	p->mapping = NULL;
	p->index = 0;
	if (gfp & __GFP_ZERO)
		for (u64 i = 0; i < (1UL << order); i++)
			clear_page(page_address(p + i));
	return p;
}

void __free_pages(struct page *p, unsigned order)
{
	u64 flags = local_irq_save();
	BUG_ON(p->flags & (PG_buddy | PG_reserved | PG_pcp));
	BUG_ON(p->mapcount);           /* a PTE still maps it (Linux: "Bad page state") */
	p->flags = 0;
	p->refcount = 0;
	kernel_poison_pages(p, 1U << order);
	if (order == 0) {
		if (pcp.count == PCP_HIGH)
			pcp_drain(PCP_BATCH);
		pcp_push(p);
	} else {
		free_one_block(page_to_pfn(p), order);
	}
	free_pages += 1UL << order;
	local_irq_restore(flags);
}

void put_page(struct page *p)
{
	BUG_ON(p->refcount <= 0);
	if (--p->refcount == 0)
		__free_pages(p, 0);
}

u64 get_zeroed_page(void)
{
	struct page *p = alloc_page(__GFP_ZERO);
	return p ? (u64)page_address(p) : 0;
}

void free_page(u64 addr) { put_page(virt_to_page((void *)addr)); }
u64 nr_free_pages(void) { return free_pages; }
u64 nr_total_pages(void) { return total_pages; }
