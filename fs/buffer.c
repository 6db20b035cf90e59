/*
 * fs/buffer.c - file-system blocks from a block device (Linux: fs/buffer.c).
 *
 * No cache yet: sb_bread() reads the block into a new buffer and brelse()
 * frees it; a changed buffer goes straight back with sync_dirty_buffer(). A file system asks for a block by number; the sector range is
 * checked by the block layer, so a block past the device gives NULL.
 */
#include <buffer_head.h>
#include <fs.h>
#include <mm.h>
#include <errno.h>
#include <string.h>

#define MIN_BLOCK_SIZE SECTOR_SIZE
#define MAX_BLOCK_SIZE (64u << 10)	/* ext2's largest */

/* A buffer for @block, not yet read; NULL past the device or without memory. */
static struct buffer_head *alloc_buffer(struct block_device *bd, sector_t block, u32 size)
{
	struct buffer_head *bh;

	if (block > bd->bd_nr_sectors / (size >> SECTOR_SHIFT))
		return NULL;                 /* also keeps block * sectors_per_block from overflowing */
	bh = kmalloc(sizeof(*bh) + size, 0);
	if (!bh)
		return NULL;
	bh->b_data = (u8 *)(bh + 1);
	bh->b_blocknr = block;
	bh->b_size = size;
	bh->b_bdev = bd;
	bh->b_state = BH_Mapped;
	return bh;
}

struct buffer_head *__bread(struct block_device *bd, sector_t block, u32 size)
{
	u32 sectors_per_block = size >> SECTOR_SHIFT;
	struct buffer_head *bh = alloc_buffer(bd, block, size);

	if (!bh)
		return NULL;
	if (bdev_read_sectors(bd, block * sectors_per_block, bh->b_data, sectors_per_block) < 0) {
		kfree(bh);
		return NULL;
	}
	bh->b_state |= BH_Uptodate;
	return bh;
}

struct buffer_head *sb_getblk_zero(struct super_block *sb, sector_t block)
{
	struct buffer_head *bh = alloc_buffer(sb->s_bdev, block, sb->s_blocksize);

	if (!bh)
		return NULL;
	memset(bh->b_data, 0, bh->b_size);
	bh->b_state |= BH_Uptodate;
	return bh;
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	u32 sectors_per_block = bh->b_size >> SECTOR_SHIFT;

	return bdev_write_sectors(bh->b_bdev, bh->b_blocknr * sectors_per_block, bh->b_data, sectors_per_block);
}

void brelse(struct buffer_head *bh)
{
	kfree(bh);
}

int sb_set_blocksize(struct super_block *sb, u32 size)
{
	if (size < MIN_BLOCK_SIZE || size > MAX_BLOCK_SIZE || (size & (size - 1)))
		return -EINVAL;
	sb->s_blocksize = size;
	sb->s_blocksize_bits = __builtin_ctz(size);
	return 0;
}

struct buffer_head *sb_bread(struct super_block *sb, sector_t block)
{
	return __bread(sb->s_bdev, block, sb->s_blocksize);
}

/* ------------------------------------------------------------ writes into the page cache */

/* Bring the page up to date before part of it is overwritten (a whole-page write need not read). */
static int prepare_page(struct address_space *mapping, struct page *pg, loff_t pos, unsigned len)
{
	struct inode *inode = mapping->host;
	bool whole = !(pos & (PAGE_SIZE - 1)) && len == PAGE_SIZE;
	bool past_eof = (pg->index << PAGE_SHIFT) >= inode->i_size;
	int err;

	if ((pg->flags & PG_uptodate) || whole || past_eof) {
		pg->flags |= PG_uptodate;
		return 0;
	}
	err = mapping->a_ops->readpage(NULL, pg);
	return err;
}

/*
 * Linux block_write_begin: the cache page for [pos, pos + len) (which lies
 * in one page), up to date, with a disk block behind every part the write
 * touches, so that writeback cannot run out of room later.
 */
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned len, struct page **pagep,
		      get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	u32 bits = inode->i_sb->s_blocksize_bits;
	struct page *pg = grab_cache_page(mapping, pos >> PAGE_SHIFT);
	int err;

	if (!pg)
		return -ENOMEM;
	if ((err = prepare_page(mapping, pg, pos, len)))
		return err;
	*pagep = pg;
	if (pg->flags & PG_mappedtodisk)
		return 0;		/* an earlier write allocated every block already */
	for (u64 b = (u64)pos >> bits; b <= ((u64)pos + len - 1) >> bits; b++) {
		struct buffer_head map = { 0 };

		if ((err = get_block(inode, b, &map, 1)))
			return err;
	}
	/* Linux PG_mappedtodisk: a write over the whole page has a block behind
	 * every part of it, so the next write need not ask the file system. */
	if (!(pos & (PAGE_SIZE - 1)) && len == PAGE_SIZE)
		pg->flags |= PG_mappedtodisk;
	return 0;
}

/* Linux generic_write_end: the page is newer than the disk now, and the file may be longer. */
int generic_write_end(struct file *file, struct address_space *mapping, loff_t pos, unsigned len,
		      unsigned copied, struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;

	if (!copied)
		return 0;
	set_page_dirty(page);
	if ((u64)pos + copied > inode->i_size)
		inode->i_size = pos + copied;
	return copied;
}
