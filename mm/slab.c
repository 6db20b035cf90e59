/*
 * mm/slab.c - kmalloc/kfree: power-of-two size classes from 32 to 2048
 * bytes, each class a free list of objects carved from whole pages; bigger
 * requests get their own run of pages.  struct page remembers which class
 * (or which order) a page belongs to, so kfree needs no size.
 */
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/processor.h>

#define MIN_SHIFT 5
#define MAX_SHIFT 11
#define NR_CLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define PG_LARGE_KMALLOC 0x80000000U   /* page->order holds the allocation's order */

struct free_obj { struct free_obj *next; };
static struct free_obj *freelist[NR_CLASSES];

static int size_class(size_t size)
{
	int c = 0;
	while ((1UL << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

static bool refill(int c)
{
	struct page *pg = alloc_page(0);
	size_t objsz = 1UL << (c + MIN_SHIFT);
	char *base;
	if (!pg)
		return false;
	pg->flags |= PG_slab;
	pg->order = c;
	base = page_address(pg);
	for (size_t off = 0; off + objsz <= PAGE_SIZE; off += objsz) {
		struct free_obj *o = (void *)(base + off);
		o->next = freelist[c];
		freelist[c] = o;
	}
	return true;
}

static void *kmalloc_large(size_t size)
{
	unsigned order = 0;
	struct page *pg;
	while ((PAGE_SIZE << order) < size)
		order++;
	pg = alloc_pages(0, order);
	if (!pg)
		return NULL;
	pg->flags |= PG_slab;
	pg->order = PG_LARGE_KMALLOC | order;
	return page_address(pg);
}

void *kmalloc(size_t size, unsigned gfp)
{
	void *p;
	int c;
	u64 flags;
	if (size > (1UL << MAX_SHIFT))
		p = kmalloc_large(size);
	else {
		c = size_class(size ? size : 1);
		flags = local_irq_save();
		if (!freelist[c] && !refill(c))
			p = NULL;
		else {
			p = freelist[c];
			freelist[c] = freelist[c]->next;
		}
		local_irq_restore(flags);
	}
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size) { return kmalloc(size, __GFP_ZERO); }

/* Slab pages are never returned to the buddy: simple, and bounded by peak use. */
void kfree(const void *p)
{
	struct page *pg;
	struct free_obj *o = (struct free_obj *)p;
	u64 flags;
	if (!p)
		return;
	pg = virt_to_page(p);
	BUG_ON(!(pg->flags & PG_slab));
	if (pg->order & PG_LARGE_KMALLOC) {
		pg->flags &= ~PG_slab;
		__free_pages(pg, pg->order & ~PG_LARGE_KMALLOC);
		return;
	}
	flags = local_irq_save();
	o->next = freelist[pg->order];
	freelist[pg->order] = o;
	local_irq_restore(flags);
}
