/*
 * include/xarray.h - a sparse array of pointers indexed by u64, stored as a
 * radix tree of 64-way nodes (Linux: include/linux/xarray.h).  The page cache
 * indexes each file's pages by page offset in one; lib/xarray.c explains the
 * tree.
 *
 * Entries are any non-NULL pointer; NULL means "nothing here", so storing
 * NULL erases.  The array owns its nodes, never the entries: xa_destroy()
 * frees the tree and leaves the entries to the caller.
 *
 * Each entry can carry marks (XA_MARK_0, XA_MARK_1); the page cache uses
 * them for "dirty" and "under writeback" (Linux: PAGECACHE_TAG_DIRTY is
 * XA_MARK_0, PAGECACHE_TAG_WRITEBACK is XA_MARK_1).  A search for marked
 * entries skips every subtree that holds none.
 *
 * No locking: the caller serialises calls on one array (the lock that
 * protects the address_space, in the page cache).
 */
#ifndef _FAULTLINE_XARRAY_H
#define _FAULTLINE_XARRAY_H
#include "types.h"

#define XA_CHUNK_SHIFT 6			/* index bits one node decodes */
#define XA_CHUNK_SIZE (1U << XA_CHUNK_SHIFT)	/* slots per node */
#define XA_CHUNK_MASK (XA_CHUNK_SIZE - 1)

typedef unsigned int xa_mark_t;
#define XA_MARK_0 ((xa_mark_t)0U)
#define XA_MARK_1 ((xa_mark_t)1U)
#define XA_MARK_MAX XA_MARK_1
#define XA_MAX_MARKS (XA_MARK_MAX + 1)

/* One node of the tree; only lib/xarray.c (and its host test) look inside. */
struct xa_node {
	struct xa_node *parent;		/* NULL for the top node */
	u8 offset;			/* our slot in parent */
	u8 shift;			/* index bits below this node's digit; 0 in a leaf */
	u8 count;			/* non-NULL slots */
	u64 marks[XA_MAX_MARKS];	/* a bit per slot: marked entry, or marked entries below */
	void *slots[XA_CHUNK_SIZE];	/* entries (in a leaf) or child nodes */
};

struct xarray {
	struct xa_node *xa_head;	/* the top node; NULL when empty */
};

#define XARRAY_INIT { .xa_head = NULL }
#define DEFINE_XARRAY(name) struct xarray name = XARRAY_INIT

void xa_init(struct xarray *xa);
bool xa_empty(const struct xarray *xa);
void xa_destroy(struct xarray *xa);

void *xa_load(const struct xarray *xa, u64 index);
int xa_store(struct xarray *xa, u64 index, void *entry);	/* 0 or -ENOMEM */
void *xa_erase(struct xarray *xa, u64 index);			/* the old entry */

/*
 * The first entry whose index is in [*index, max]: sets *index to its index
 * and returns it, or returns NULL and leaves *index alone.  The _after
 * versions look in [*index + 1, max], for loops.
 */
void *xa_find(const struct xarray *xa, u64 *index, u64 max);
void *xa_find_after(const struct xarray *xa, u64 *index, u64 max);
void *xa_find_marked(const struct xarray *xa, u64 *index, u64 max, xa_mark_t mark);
void *xa_find_after_marked(const struct xarray *xa, u64 *index, u64 max, xa_mark_t mark);

/* Marks live on present entries only: setting one at an empty index does
 * nothing, and erasing an entry clears its marks. */
void xa_set_mark(struct xarray *xa, u64 index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, u64 index, xa_mark_t mark);
bool xa_get_mark(const struct xarray *xa, u64 index, xa_mark_t mark);

/*
 * Visit the entries in index order; @index (a u64) and @entry (a void *) are
 * the caller's variables.  The body may store and erase, at @index too.
 */
#define xa_for_each_range(xa, index, entry, start, last)		\
	for ((index) = (start), (entry) = xa_find((xa), &(index), (last));	\
	     (entry);							\
	     (entry) = xa_find_after((xa), &(index), (last)))

#define xa_for_each_start(xa, index, entry, start) \
	xa_for_each_range(xa, index, entry, start, ~(u64)0)

#define xa_for_each(xa, index, entry) \
	xa_for_each_start(xa, index, entry, 0)

#define xa_for_each_marked(xa, index, entry, mark)			\
	for ((index) = 0, (entry) = xa_find_marked((xa), &(index), ~(u64)0, (mark)); \
	     (entry);							\
	     (entry) = xa_find_after_marked((xa), &(index), ~(u64)0, (mark)))

#endif
