/*
 * mm/page-writeback.c - putting dirty page-cache pages back into their
 * file (Linux: mm/page-writeback.c, write_cache_pages and
 * filemap_write_and_wait).
 *
 * A page is dirty if a write() marked it (PG_dirty) or if a process stored
 * into it through a shared mapping: then the CPU set the dirty bit of that
 * PTE, which page_mkclean (mm/rmap.c) moves to the page while it
 * write-protects the PTE. Each dirty page goes to the file system's
 * a_ops->writepage. Callers: fsync, msync(MS_SYNC), sync, and the last
 * iput of a file (its last close or unmap, and so exit).
 */
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <xarray.h>
#include <printk.h>
#include <errno.h>

/* One page: harvest its PTE dirty bits, then write it if it is dirty. */
static int write_one(struct address_space *m, struct page *pg)
{
	int err;

	if (page_mkclean(pg))
		set_page_dirty(pg);
	if (!test_clear_page_dirty(pg))
		return 0;
	err = m->a_ops->writepage(pg, NULL);
	if (err)
		set_page_dirty(pg);		/* still newer than the disk: try again next time */
	return err;
}

/* Every page, even after a failure; the first error is the answer (Linux: the mapping's wb_err). */
int filemap_write_and_wait(struct address_space *m)
{
	u64 index;
	struct page *pg;
	int first_err = 0;

	if (!m->a_ops || !m->a_ops->writepage)
		return 0;
	xa_for_each(&m->i_pages, index, pg) {
		int err = write_one(m, pg);

		if (err && !first_err)
			first_err = err;
	}
	if (first_err)
		pr_warn("writeback: inode %u: error %d\n", m->host->i_ino, first_err);
	return first_err;
}
