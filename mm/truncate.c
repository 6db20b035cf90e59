/*
 * mm/truncate.c - shrinking a file's page cache (Linux: mm/truncate.c).
 *
 * When a file gets shorter, three things must happen before its blocks can
 * be freed (docs/scenarios/sigbus-beyond-eof.md: a touch past EOF is SIGBUS, even in a process
 * that mapped the file before the truncate):
 *   1. every mapping of a page wholly past the new end is removed from
 *      every process (unmap_mapping_range, through the file's i_mmap), so
 *      the next touch faults and filemap_fault finds it beyond EOF;
 *   2. those pages leave the page cache;
 *   3. the bytes past the new end in the last page become zero, so that if
 *      the file grows again the gap reads as zeros, as POSIX requires.
 */
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <xarray.h>
#include <string.h>

/* Drop every cached page from index @first on (dirty or not: the data is gone). */
static void truncate_inode_pages_from(struct address_space *m, u64 first)
{
	u64 index;
	struct page *pg;

	xa_for_each(&m->i_pages, index, pg)
		if (index >= first)
			delete_from_page_cache(pg);
}

/* Drop every cached page (the inode is going away). */
void truncate_inode_pages(struct address_space *m)
{
	truncate_inode_pages_from(m, 0);
	xa_destroy(&m->i_pages);
}

/*
 * Drop the pages [first, last] that can go without losing anything: clean,
 * mapped by no process, used by nobody but the cache (Linux
 * invalidate_mapping_pages, behind fadvise DONTNEED).  Returns how many went.
 */
u64 invalidate_mapping_pages(struct address_space *m, u64 first, u64 last)
{
	u64 index, dropped = 0;
	struct page *pg;

	xa_for_each_range(&m->i_pages, index, pg, first, last) {
		if ((pg->flags & (PG_dirty | PG_locked)) || page_mapcount(pg) || pg->refcount != 1)
			continue;
		delete_from_page_cache(pg);
		dropped++;
	}
	return dropped;
}

/* Zero the part of page @index from byte @from on, if the page is cached, and keep it dirty. */
static void zero_page_tail(struct address_space *m, u64 index, u32 from)
{
	struct page *pg = find_get_page(m, index);

	if (!pg)
		return;
	memset((u8 *)page_address(pg) + from, 0, PAGE_SIZE - from);
	set_page_dirty(pg);
}

/*
 * Linux truncate_setsize and truncate_pagecache. Growing only moves i_size
 * (the new part is a hole, read as zeros); the old last page's tail is
 * zeroed too, since a store through a mapping may have put bytes there.
 */
void truncate_setsize(struct inode *inode, loff_t newsize)
{
	struct address_space *m = &inode->i_mapping;
	u64 oldsize = inode->i_size, first_gone = DIV_ROUND_UP((u64)newsize, PAGE_SIZE);

	inode->i_size = newsize;
	if ((u64)newsize > oldsize) {
		if (oldsize & (PAGE_SIZE - 1))
			zero_page_tail(m, oldsize >> PAGE_SHIFT, oldsize & (PAGE_SIZE - 1));
		return;
	}
	unmap_mapping_range(m, first_gone);
	truncate_inode_pages_from(m, first_gone);
	if (newsize & (PAGE_SIZE - 1)) {
		struct page *last = find_get_page(m, newsize >> PAGE_SHIFT);
		if (last)	/* the file system frees the blocks past the new end */
			last->flags &= ~PG_mappedtodisk;
		zero_page_tail(m, newsize >> PAGE_SHIFT, newsize & (PAGE_SIZE - 1));
	}
}
