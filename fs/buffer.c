/*
 * fs/buffer.c - file-system blocks from a block device (Linux: fs/buffer.c).
 *
 * No cache yet: sb_bread() reads the block into a new buffer and brelse()
 * frees it. A file system asks for a block by number; the sector range is
 * checked by the block layer, so a block past the device gives NULL.
 */
#include <buffer_head.h>
#include <fs.h>
#include <mm.h>
#include <errno.h>

#define MIN_BLOCK_SIZE SECTOR_SIZE
#define MAX_BLOCK_SIZE (64u << 10)	/* ext2's largest */

struct buffer_head *__bread(struct block_device *bd, sector_t block, u32 size)
{
	u32 sectors_per_block = size >> SECTOR_SHIFT;
	struct buffer_head *bh;

	if (block > bd->bd_nr_sectors / sectors_per_block)
		return NULL;                 /* also keeps block * sectors_per_block from overflowing */
	bh = kmalloc(sizeof(*bh) + size, 0);
	if (!bh)
		return NULL;
	bh->b_data = (u8 *)(bh + 1);
	bh->b_blocknr = block;
	bh->b_size = size;
	bh->b_bdev = bd;
	bh->b_state = BH_Mapped;
	if (bdev_read_sectors(bd, block * sectors_per_block, bh->b_data, sectors_per_block) < 0) {
		kfree(bh);
		return NULL;
	}
	bh->b_state |= BH_Uptodate;
	return bh;
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
