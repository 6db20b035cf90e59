/*
 * crash=slab_corruption (boot with slub_debug): the three heap bugs
 * mm/slub_debug.c exists to catch, one after the other, each of which it
 * must report in Linux's words and repair so that the kernel goes on:
 *
 *   a write after kfree      -> "Poison overwritten" at the next kmalloc
 *   a write past the end     -> "Right Redzone overwritten" at kfree
 *   kfree twice              -> "Object already free"
 *   a write to a freed page  -> "pagealloc: memory corruption" (page_poison=1)
 *
 * An object kept allocated beside them keeps their page in the slab (the
 * last kfree of a page gives it back to the buddy allocator, where page
 * poisoning, not the slab, would see a late write).  Without slub_debug
 * none of them is noticed here (which is the point of
 * the option).  The boot then panics "crash scenario did not oops".
 */
#include <ktest.h>
#include <mm.h>
#include <printk.h>

#define OBJ 64

__attribute__((noinline)) void slab_write_after_free(void)
{
	volatile u8 *p = kmalloc(OBJ, 0);
	kfree((void *)p);
	p[8] = 0;			/* the bug */
	kfree(kmalloc(OBJ, 0));		/* LIFO: the same object comes back, checked */
}

__attribute__((noinline)) void slab_write_past_end(void)
{
	volatile u8 *p = kmalloc(OBJ, 0);
	p[OBJ] = 0;			/* the bug: one byte too far */
	kfree((void *)p);
}

__attribute__((noinline)) void slab_double_free(void)
{
	void *p = kmalloc(OBJ, 0);
	kfree(p);
	kfree(p);			/* the bug */
}

/* The page goes back to the buddy allocator poisoned; the scribble is
 * found by the check alloc_pages makes on a poisoned page.  Which free page
 * the next alloc_page returns is the buddy lists' choice, so the check is
 * called on this very page, as alloc_pages would when it hands it out. */
__attribute__((noinline)) void page_write_after_free(void)
{
	struct page *pg = alloc_page(0);
	u8 *mem = page_address(pg);
	__free_pages(pg, 0);
	mem[100] = 0x42;		/* the bug */
	kernel_unpoison_pages(pg, 1);
}

CRASH_SCENARIO(slab_corruption)
{
	void *anchor = kmalloc(OBJ, 0);	/* keeps the slab page a slab page */
	slab_write_after_free();
	slab_write_past_end();
	slab_double_free();
	kfree(anchor);
	page_write_after_free();
	pr_info("slab_corruption: the kernel went on\n");
}
