/*
 * lib/list_debug.c - check a list's links before changing them (Linux:
 * lib/list_debug.c, CONFIG_DEBUG_LIST, which distributions turn on).
 *
 * A list entry inside a freed object, or one added twice, corrupts its
 * neighbours' links; the damage surfaces much later as a fault in an
 * unrelated walk.  Checking that prev and next still point at each other
 * (and at the entry) costs two loads and catches the bug at the list
 * operation that meets it: "list_del corruption. prev->next should be
 * ..., but was ...", with the call trace.  The operation is then skipped,
 * so the kernel goes on (Linux does the same unless
 * CONFIG_BUG_ON_DATA_CORRUPTION makes it a BUG).
 */
#include <list.h>
#include <printk.h>
#include <asm/traps.h>

static bool corrupt(void)
{
	dump_stack();
	return false;
}

bool __list_add_valid(struct list_head *n, struct list_head *prev, struct list_head *next)
{
	if (next->prev != prev) {
		pr_err("list_add corruption. next->prev should be prev (%p), but was %p. (next=%p).\n",
		       prev, next->prev, next);
		return corrupt();
	}
	if (prev->next != next) {
		pr_err("list_add corruption. prev->next should be next (%p), but was %p. (prev=%p).\n",
		       next, prev->next, prev);
		return corrupt();
	}
	if (n == prev || n == next) {
		pr_err("list_add double add: new=%p, prev=%p, next=%p.\n", n, prev, next);
		return corrupt();
	}
	return true;
}

bool __list_del_entry_valid(struct list_head *e)
{
	struct list_head *prev = e->prev, *next = e->next;
	if (!next || !prev) {
		pr_err("list_del corruption, %p->%s is NULL\n", e, next ? "prev" : "next");
		return corrupt();
	}
	if (prev->next != e) {
		pr_err("list_del corruption. prev->next should be %p, but was %p. (prev=%p)\n",
		       e, prev->next, prev);
		return corrupt();
	}
	if (next->prev != e) {
		pr_err("list_del corruption. next->prev should be %p, but was %p. (next=%p)\n",
		       e, next->prev, next);
		return corrupt();
	}
	return true;
}
