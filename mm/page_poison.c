/*
 * mm/page_poison.c - "page_poison=1": fill freed pages with PAGE_POISON and
 * check the fill when they are handed out again (Linux: mm/page_poison.c).
 *
 * A write through a stale pointer into a page that was freed lands in
 * memory nobody owns; without poisoning it is only noticed, if ever, by the
 * page's next owner.  Poisoning turns it into a report at the next
 * allocation: "pagealloc: memory corruption", the damaged bytes, and the
 * call trace of the allocation that found it.  The page is then refilled
 * and handed out; the kernel goes on.  (A slab object freed while its page
 * stays a slab page is slub_debug's business, mm/slub_debug.c.)
 */
#include <cmdline.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/traps.h>

#define PAGE_POISON 0xaa		/* Linux: include/linux/poison.h */

static bool page_poisoning;

static int set_page_poison(const char *v)
{
	long on;
	if (!v || cmdline_parse_long(v, &on))
		return -1;
	page_poisoning = on;
	return 0;
}
__setup("page_poison", set_page_poison);

/* __free_pages: fill the block, and mark each page as filled. */
void kernel_poison_pages(struct page *p, unsigned n)
{
	if (!page_poisoning)
		return;
	for (unsigned i = 0; i < n; i++) {
		memset(page_address(p + i), PAGE_POISON, PAGE_SIZE);
		p[i].flags |= PG_poisoned;
	}
}

static void report_corruption(u8 *start, u8 *end)
{
	char hex[16 * 3 + 1];
	unsigned n = MIN(end - start, 16L);
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 3 * i, 4, "%02x ", start[i]);
	hex[3 * n - 1] = '\0';
	pr_err("pagealloc: memory corruption\n");
	pr_err("%p: %s\n", start, hex);
	dump_stack();
}

static void check_poison_page(struct page *p)
{
	u8 *mem = page_address(p), *bad = NULL, *end = mem + PAGE_SIZE;
	for (u8 *b = mem; b < end && !bad; b++)
		if (*b != PAGE_POISON)
			bad = b;
	if (!bad)
		return;
	while (end > bad && end[-1] == PAGE_POISON)
		end--;
	report_corruption(bad, end);
}

/* alloc_pages: every page that was poisoned must still be. */
void kernel_unpoison_pages(struct page *p, unsigned n)
{
	if (!page_poisoning)		/* no page was poisoned: nothing to check */
		return;
	for (unsigned i = 0; i < n; i++) {
		if (!(p[i].flags & PG_poisoned))
			continue;
		p[i].flags &= ~PG_poisoned;
		check_poison_page(p + i);
	}
}
