/*
 * mm/slab.c - kmalloc/kfree: power-of-two size classes from 32 to 2048
 * bytes carved from whole pages; larger requests get their own run of pages.
 *
 * Each slab page keeps its own free list (in struct page: freelist head in
 * ->index, objects in use in ->inuse) and sits on its class's "partial"
 * list while it has free objects.  A page whose last object is freed goes
 * straight back to the buddy allocator, so the free-page count returns
 * exactly to where it was once a process's memory is released (the
 * free-page tests depend on it).  Linux's SLUB works the same way.
 *
 * With "slub_debug" on the command line each object slot also carries red
 * zones, the free pointer and who allocated and freed it, and freed objects
 * are poisoned: mm/slub_debug.c checks all of it on every kmalloc and kfree.
 */
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/processor.h>
#include <init.h>
#include <proc_fs.h>
#include "slab.h"

#define MIN_SHIFT 5
#define MAX_SHIFT 11
#define NR_CLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define PG_LARGE_KMALLOC 0x80000000U   /* page->order holds the allocation's order */

struct free_obj { struct free_obj *next; };
static struct list_head partial[NR_CLASSES];
static u64 active_objs[NR_CLASSES], nr_slabs[NR_CLASSES];	/* for /proc/slabinfo */
static bool slab_ready;

static int size_class(size_t size)
{
	int c = 0;
	while ((1UL << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

static size_t object_size(int c) { return 1UL << (c + MIN_SHIFT); }
static size_t objects_per_page(int c) { return PAGE_SIZE / slot_size(object_size(c)); }

/* The free list is threaded through the free objects (through their slots'
 * metadata under slub_debug, so that the whole object can be poisoned). */
static struct free_obj **freeptr(void *obj, int c)
{
	return (struct free_obj **)((char *)obj + freeptr_offset(object_size(c)));
}

/* The object in slot i of a slab page. */
static void *slot_object(struct page *pg, int c, size_t i)
{
	return (char *)page_address(pg) + i * slot_size(object_size(c)) + object_offset();
}

static struct page *new_slab(int c)
{
	struct page *pg = alloc_page(0);
	struct free_obj *head = NULL;
	if (!pg)
		return NULL;
	pg->flags |= PG_slab;
	pg->order = c;
	pg->inuse = 0;
	nr_slabs[c]++;
	for (size_t i = objects_per_page(c); i-- > 0; ) {
		void *o = slot_object(pg, c, i);
		if (slub_debug)
			init_object_debug(o, object_size(c));
		*freeptr(o, c) = head;
		head = o;
	}
	pg->index = (u64)head;
	list_add(&pg->slab_list, &partial[c]);
	return pg;
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

static void *slab_alloc(int c, void *caller)
{
	struct page *pg;
	struct free_obj *o;
	if (!slab_ready) {
		for (int i = 0; i < NR_CLASSES; i++)
			INIT_LIST_HEAD(&partial[i]);
		slab_ready = true;
	}
	if (list_empty(&partial[c]) && !new_slab(c))
		return NULL;
	pg = list_first_entry(&partial[c], struct page, slab_list);
	o = (struct free_obj *)pg->index;
	pg->index = (u64)*freeptr(o, c);
	active_objs[c]++;
	if (++pg->inuse == objects_per_page(c))
		list_del(&pg->slab_list);               /* full: off the partial list */
	if (slub_debug)
		alloc_debug_processing(o, object_size(c), caller);
	return o;
}

void *kmalloc(size_t size, unsigned gfp)
{
	void *p;
	u64 flags;
	if (size > (1UL << MAX_SHIFT)) {
		p = kmalloc_large(size);
	} else {
		flags = local_irq_save();
		p = slab_alloc(size_class(size ? size : 1), __builtin_return_address(0));
		local_irq_restore(flags);
	}
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size) { return kmalloc(size, __GFP_ZERO); }

static void slab_free(struct page *pg, struct free_obj *o, void *caller)
{
	int c = pg->order;
	if (slub_debug && !free_debug_processing(pg, o, object_size(c), caller))
		return;                 /* a double or wild free: reported, not done */
	if (pg->inuse == objects_per_page(c))
		list_add(&pg->slab_list, &partial[c]);  /* was full: has room again */
	*freeptr(o, c) = (struct free_obj *)pg->index;
	pg->index = (u64)o;
	active_objs[c]--;
	if (--pg->inuse == 0) {                /* empty: back to the buddy allocator */
		nr_slabs[c]--;
		list_del(&pg->slab_list);
		pg->flags &= ~PG_slab;
		pg->index = 0;
		pg->refcount = 1;
		put_page(pg);
	}
}

void kfree(const void *p)
{
	struct page *pg;
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
	slab_free(pg, (struct free_obj *)p, __builtin_return_address(0));
	local_irq_restore(flags);
}

/*
 * /proc/slabinfo in Linux's version 2.1 format, one line per kmalloc size
 * class: objects in use, objects in the class's slabs, object size,
 * objects per slab, pages per slab, and the slab counts.  make test's init
 * sums the objects in use before and after each program: a program that
 * leaves kernel objects behind (a leak) shows up there even when their
 * pages are shared with others.
 */
static void slabinfo_show(struct seq_file *m)
{
	seq_printf(m, "slabinfo - version: 2.1\n");
	seq_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		      " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (int c = NR_CLASSES - 1; c >= 0; c--)
		seq_printf(m, "kmalloc-%-8lu %6lu %6lu %6lu %4lu %4d : tunables %4d %4d %4d : slabdata %6lu %6lu %6d\n",
			   object_size(c), active_objs[c], nr_slabs[c] * objects_per_page(c), object_size(c),
			   objects_per_page(c), 1, 0, 0, 0, nr_slabs[c], nr_slabs[c], 0);
}

static int slabinfo_init(void)
{
	return proc_create_single("slabinfo", slabinfo_show);
}
fs_initcall(slabinfo_init);
