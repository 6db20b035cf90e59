/*
 * fs/mpage.c - filling a page-cache page from a block file system's blocks
 * (Linux: fs/mpage.c, mpage_read_folio). The file system maps each file
 * block with its get_block; an unmapped block is a hole and reads as zeros,
 * and so do the bytes past i_size in the last page.
 */
#include <fs.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

/*
 * Bytes [in_block, in_block + n) of file block @iblock into @dst, read from
 * the device straight into the page (no buffer, so a read needs no memory
 * beyond the page itself, which matters when reclaim is short of it, and
 * the same path mpage_writepage takes back). Pages and blocks are both
 * multiples of a sector and aligned to each other, so in_block and n are
 * whole sectors.
 */
static int read_block_part(struct inode *inode, get_block_t *get_block, sector_t iblock, u32 in_block,
			   u8 *dst, u32 n)
{
	struct buffer_head map = { 0 };
	u32 bits = inode->i_sb->s_blocksize_bits;
	int err = get_block(inode, iblock, &map, 0);

	if (err)
		return err;
	if (!buffer_mapped(&map)) {
		memset(dst, 0, n);
		return 0;
	}
	return bdev_read_sectors(inode->i_sb->s_bdev, (map.b_blocknr << (bits - SECTOR_SHIFT)) +
				 (in_block >> SECTOR_SHIFT), dst, n >> SECTOR_SHIFT);
}

int mpage_readpage(struct page *page, get_block_t *get_block)
{
	struct inode *inode = page->mapping->host;
	u32 bits = inode->i_sb->s_blocksize_bits, bs = inode->i_sb->s_blocksize;
	u64 pos = page->index << PAGE_SHIFT;
	u8 *kaddr = page_address(page);
	u32 done = 0;

	while (done < PAGE_SIZE && pos + done < inode->i_size) {
		u64 off = pos + done;
		u32 in_block = off & (bs - 1);
		u32 n = MIN((u32)PAGE_SIZE - done, bs - in_block);
		int err = read_block_part(inode, get_block, off >> bits, in_block, kaddr + done, n);

		if (err)
			return err;
		done += n;
	}
	if (pos + done > inode->i_size)
		done = inode->i_size - pos;
	memset(kaddr + done, 0, PAGE_SIZE - done);
	page->flags |= PG_uptodate;
	return 0;
}

/*
 * Linux mpage_writepage (and block_write_full_page): each file block of
 * the page below i_size goes to its disk block, given one by get_block if
 * it is still a hole (a store through a mapping into a hole). Bytes past
 * EOF in the last page are zeroed first: they never reach the disk.
 */
int mpage_writepage(struct page *page, get_block_t *get_block)
{
	struct inode *inode = page->mapping->host;
	u32 bs = inode->i_sb->s_blocksize, bits = inode->i_sb->s_blocksize_bits;
	u64 pos = page->index << PAGE_SHIFT;
	u8 *kaddr = page_address(page);

	if (pos >= inode->i_size)
		return 0;			/* truncated meanwhile: nothing of it is in the file */
	if (inode->i_size - pos < PAGE_SIZE)
		memset(kaddr + (inode->i_size - pos), 0, PAGE_SIZE - (inode->i_size - pos));
	for (u32 done = 0; done < PAGE_SIZE && pos + done < inode->i_size; done += bs) {
		struct buffer_head map = { 0 };
		int err = get_block(inode, (pos + done) >> bits, &map, 1);

		if (err)
			return err;
		err = bdev_write_sectors(inode->i_sb->s_bdev, map.b_blocknr << (bits - SECTOR_SHIFT), kaddr + done,
					 bs >> SECTOR_SHIFT);
		if (err)
			return err;
	}
	return 0;
}
