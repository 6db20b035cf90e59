/*
 * mm/vmscan.c - page reclaim (Linux: mm/vmscan.c and mm/swap.c's LRU).
 *
 * Every page-cache page is on one LRU list, oldest first. Reclaim takes
 * pages from the old end with a second chance (Linux's active and inactive
 * lists, reduced to a clock): a page used since the last look
 * (PG_referenced, set by every cache hit) goes to the young end instead.
 * A page chosen for eviction is
 *   1. unmapped from every process that maps it (try_to_unmap, through the
 *      file's i_mmap), so a later touch is a fault that reads it again;
 *   2. written back first if it is dirty (a_ops->writepage);
 *   3. dropped from the cache, which frees it.
 * Only pages a file system can read back are taken (ext2's, not shmem's or
 * a pipe's: there is no swap), and never one someone is using right now
 * (an extra reference, or PG_locked during a copy to or from user space).
 * Anonymous pages stay; when nothing can be freed, mm/oom_kill.c kills.
 *
 * reclaim_if_low() is the kswapd part, run from the fault path and the
 * read/write loops, where no page-cache pointer is held across it.
 */
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <list.h>

#define LOW_WATERMARK_PAGES 256		/* below 1 MiB free, reclaim a batch */
#define RECLAIM_BATCH_PAGES 64

static LIST_HEAD(page_lru);
static u64 nr_lru;

void lru_cache_add(struct page *p)
{
	list_add_tail(&p->lru, &page_lru);
	nr_lru++;
}

void lru_cache_del(struct page *p)
{
	list_del(&p->lru);
	nr_lru--;
}

u64 nr_page_cache_pages(void)
{
	return nr_lru;
}

static bool reclaimable(const struct page *p)
{
	const struct address_space *m = p->mapping;

	return m && m->a_ops && m->a_ops->readpage && m->a_ops->writepage && !(p->flags & PG_locked);
}

/* Linux shrink_folio_list, one page: true if it was freed. */
static bool reclaim_page(struct page *p)
{
	if (!reclaimable(p))
		return false;
	if (page_mapcount(p))
		try_to_unmap(p);
	if (p->refcount != 1)
		return false;			/* the cache's reference is not the only one */
	if (test_clear_page_dirty(p) && p->mapping->a_ops->writepage(p, NULL)) {
		set_page_dirty(p);		/* could not write it: it stays */
		return false;
	}
	delete_from_page_cache(p);
	return true;
}

/* Look at each page at most twice (once to clear PG_referenced, once to take it). */
u64 shrink_page_cache(u64 nr_to_free)
{
	u64 freed = 0, budget = 2 * nr_lru;

	while (freed < nr_to_free && budget-- && !list_empty(&page_lru)) {
		struct page *p = list_first_entry(&page_lru, struct page, lru);

		list_move_tail(&p->lru, &page_lru);
		if (p->flags & PG_referenced) {
			p->flags &= ~PG_referenced;
			continue;
		}
		freed += reclaim_page(p);
	}
	return freed;
}

/* Linux invalidate_mapping_pages over every file: clean, unmapped, unused pages only. */
void drop_clean_page_cache(void)
{
	struct list_head *p, *n;

	list_for_each_safe(p, n, &page_lru) {
		struct page *pg = list_entry(p, struct page, lru);

		if (reclaimable(pg) && !page_mapcount(pg) && pg->refcount == 1 && !(pg->flags & PG_dirty))
			delete_from_page_cache(pg);
	}
}

void reclaim_if_low(void)
{
	if (nr_free_pages() >= LOW_WATERMARK_PAGES)
		return;
	if (shrink_page_cache(RECLAIM_BATCH_PAGES) < RECLAIM_BATCH_PAGES)
		prune_icache(false);		/* the unused inodes left with no pages */
}
