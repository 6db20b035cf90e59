/* Doubly linked circular lists, as Linux's include/linux/list.h. */
#ifndef _FAULTLINE_LIST_H
#define _FAULTLINE_LIST_H
#include "types.h"

struct list_head { struct list_head *next, *prev; };

#define LIST_HEAD_INIT(n) { &(n), &(n) }
#define LIST_HEAD(n) struct list_head n = LIST_HEAD_INIT(n)
static inline void INIT_LIST_HEAD(struct list_head *l) { l->next = l->prev = l; }
/* lib/list_debug.c: false (after a report) when the links are corrupt. */
bool __list_add_valid(struct list_head *n, struct list_head *prev, struct list_head *next);
bool __list_del_entry_valid(struct list_head *e);

static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{
	if (!__list_add_valid(n, prev, next))
		return;
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}
static inline void list_add(struct list_head *n, struct list_head *h) { __list_add(n, h, h->next); }
static inline void list_add_tail(struct list_head *n, struct list_head *h) { __list_add(n, h->prev, h); }
static inline void list_del(struct list_head *e)
{
	if (!__list_del_entry_valid(e))
		return;
	e->next->prev = e->prev;
	e->prev->next = e->next;
	e->next = e->prev = e;
}
static inline void list_move_tail(struct list_head *e, struct list_head *h)
{
	list_del(e);
	list_add_tail(e, h);
}
static inline bool list_empty(const struct list_head *h) { return h->next == h; }
#define list_entry(p, t, m) container_of(p, t, m)
#define list_first_entry(h, t, m) list_entry((h)->next, t, m)
#define list_for_each(p, h) for (p = (h)->next; p != (h); p = p->next)
#define list_for_each_safe(p, n, h) for (p = (h)->next, n = p->next; p != (h); p = n, n = p->next)
#define list_for_each_entry(pos, h, m) \
	for (pos = list_entry((h)->next, __typeof__(*pos), m); &pos->m != (h); \
	     pos = list_entry(pos->m.next, __typeof__(*pos), m))

#endif
