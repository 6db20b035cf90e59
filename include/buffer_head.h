/*
 * include/buffer_head.h - one file-system block read from a block device
 * (Linux: include/linux/buffer_head.h, without the cache: every sb_bread
 * reads the block into a fresh kmalloc'd buffer, brelse frees it, and a
 * changed buffer is written through at once with sync_dirty_buffer).
 */
#ifndef _FAULTLINE_BUFFER_HEAD_H
#define _FAULTLINE_BUFFER_HEAD_H
#include "types.h"
#include "blkdev.h"

struct super_block;
struct inode;

#define BH_Mapped (1u << 0)		/* b_blocknr names a disk block (get_block) */
#define BH_Uptodate (1u << 1)		/* b_data holds the block */

struct buffer_head {
	u32 b_state;
	sector_t b_blocknr;		/* in units of b_size */
	u32 b_size;
	struct block_device *b_bdev;
	u8 *b_data;
};

static inline bool buffer_mapped(const struct buffer_head *bh) { return bh->b_state & BH_Mapped; }

static inline void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block);

/* Read block @block of @size bytes; NULL if it lies past the device or memory is short. */
struct buffer_head *__bread(struct block_device *bd, sector_t block, u32 size);
void brelse(struct buffer_head *bh);
/* Write @bh's block back to the device now (Linux: mark_buffer_dirty plus
 * sync_dirty_buffer; with no cache every dirty buffer is written at once). */
int sync_dirty_buffer(struct buffer_head *bh);
/* A zero-filled buffer for block @block, not read from the device (Linux: sb_getblk + memset). */
struct buffer_head *sb_getblk_zero(struct super_block *sb, sector_t block);

/* The file system's block size: a power of two from 512 up to the page size... or beyond (ext2: 64 KiB). */
int sb_set_blocksize(struct super_block *sb, u32 size);
struct buffer_head *sb_bread(struct super_block *sb, sector_t block);

/* Map file block @iblock of @inode to a disk block in @bh (b_blocknr, BH_Mapped; unmapped: a hole). */
typedef int get_block_t(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create);

static inline void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block)
{
	(void)sb;
	bh->b_state |= BH_Mapped;
	bh->b_blocknr = block;
}

#endif
