/*
 * In-kernel tests of the page cache (mm/filemap.c): pages are found by
 * index in the file's radix tree, a miss fills a new page, and truncation
 * gives every page back.
 * Expectation: 512 pages spread over a sparse file of 2^28 pages (1 TiB)
 * are each cached once, found again at their own index and nowhere else,
 * and truncate_inode_pages returns the free-page count to where it was.
 */
#include <ktest.h>
#include <fs.h>
#include <mm.h>

#define NR_CACHED 512
#define SPAN_PAGES (1UL << 28)
#define STRIDE (SPAN_PAGES / NR_CACHED + 1)    /* odd spacing: not a power of two */

KTEST(page_cache_sparse_file)
{
	struct inode *inode = new_inode_pseudo();
	u64 free_before = nr_free_pages();
	bool major;
	int found = 0;

	KTEST_EXPECT(inode != NULL);
	inode->i_mode = S_IFREG | 0600;
	inode->i_size = SPAN_PAGES << PAGE_SHIFT;     /* no a_ops: pages read as zeros */
	for (u64 i = 0; i < NR_CACHED; i++) {
		struct page *pg = read_cache_page(inode, i * STRIDE, &major);
		KTEST_EXPECT(!IS_ERR(pg) && major && pg->index == i * STRIDE);
	}
	KTEST_EXPECT(inode->i_mapping.nrpages == NR_CACHED);
	for (u64 i = 0; i < NR_CACHED; i++) {
		struct page *pg = find_get_page(&inode->i_mapping, i * STRIDE);
		found += pg && pg->index == i * STRIDE && pg->mapping == &inode->i_mapping;
		KTEST_EXPECT(find_get_page(&inode->i_mapping, i * STRIDE + 1) == NULL);
	}
	KTEST_EXPECT(found == NR_CACHED);
	read_cache_page(inode, STRIDE, &major);       /* cached already: a minor fault */
	KTEST_EXPECT(!major && inode->i_mapping.nrpages == NR_CACHED);
	truncate_inode_pages(&inode->i_mapping);
	KTEST_EXPECT(inode->i_mapping.nrpages == 0);
	KTEST_EXPECT(find_get_page(&inode->i_mapping, 0) == NULL);
	iput(inode);
	KTEST_EXPECT(nr_free_pages() == free_before);
}
