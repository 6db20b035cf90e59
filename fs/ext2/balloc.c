/*
 * fs/ext2/balloc.c - the block groups' descriptors and the block bitmaps
 * (Linux: fs/ext2/balloc.c): finding a free block, near a goal, and giving
 * one back.
 *
 * Every allocation changes three things on the disk, each written at once:
 * the group's bitmap bit, the group's bg_free_blocks_count and the
 * superblock's s_free_blocks_count. e2fsck checks that all three agree with
 * what the inodes use (its pass 5), so none may be skipped.
 */
#include "ext2.h"
#include <errno.h>
#include <string.h>

/* ------------------------------------------------------------ group descriptors */

/* Where descriptor @group lives: which block of the table, and the byte in it. */
static void gd_location(struct ext2_sb_info *fs, u32 group, u32 *blk, u32 *off)
{
	u64 byte = (u64)group * sizeof(struct ext2_group_desc);

	*blk = fs->gdt_block + byte / fs->block_size;
	*off = byte % fs->block_size;
}

int ext2_get_group_desc(struct ext2_sb_info *fs, u32 group, struct ext2_group_desc *gd)
{
	u32 blk, off;

	if (group >= fs->groups_count)
		return ext2_fail_num(fs, -EIO, "group number out of range:", group, EXT2_REASON_DEC);
	gd_location(fs, group, &blk, &off);
	if (ext2_read_bytes(fs, blk, off, gd, sizeof(*gd)) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read descriptor of group", group, EXT2_REASON_DEC);
	return 0;
}

int ext2_put_group_desc(struct ext2_sb_info *fs, u32 group, const struct ext2_group_desc *gd)
{
	u32 blk, off;

	gd_location(fs, group, &blk, &off);
	return ext2_write_bytes(fs, blk, off, gd, sizeof(*gd));
}

/* ------------------------------------------------------------ bitmaps */

/* First clear bit in [from, nbits) of @map, or -1. */
static long find_zero_bit(const u8 *map, u32 nbits, u32 from)
{
	for (u32 i = from; i < nbits; i++)
		if (!(map[i / BITS_PER_BYTE] & (1u << (i % BITS_PER_BYTE))))
			return i;
	return -1;
}

static bool test_bit_le(const u8 *map, u32 bit)
{
	return map[bit / BITS_PER_BYTE] & (1u << (bit % BITS_PER_BYTE));
}

static void change_bit_le(u8 *map, u32 bit, bool set)
{
	if (set)
		map[bit / BITS_PER_BYTE] |= 1u << (bit % BITS_PER_BYTE);
	else
		map[bit / BITS_PER_BYTE] &= ~(1u << (bit % BITS_PER_BYTE));
}

/*
 * Take a clear bit of the bitmap in block @bitmap_blk (only the first
 * @nbits count), starting the search at @from: its number, -ENOSPC if all
 * are set, -EIO if the bitmap cannot be read or written.
 */
long ext2_bitmap_take(struct ext2_sb_info *fs, u32 bitmap_blk, u32 nbits, u32 from)
{
	struct buffer_head *bh = sb_bread(fs->s_sb, bitmap_blk);
	long bit;

	if (!bh)
		return ext2_fail_num(fs, -EIO, "cannot read bitmap block", bitmap_blk, EXT2_REASON_DEC);
	bit = find_zero_bit(bh->b_data, nbits, from < nbits ? from : 0);
	if (bit < 0 && from)
		bit = find_zero_bit(bh->b_data, nbits, 0);
	if (bit >= 0) {
		change_bit_le(bh->b_data, bit, true);
		if (sync_dirty_buffer(bh) < 0)
			bit = -EIO;
	}
	brelse(bh);
	return bit < 0 && bit != -EIO ? -ENOSPC : bit;
}

/* Clear bit @bit; a bit that was already clear is corruption (a double free). */
int ext2_bitmap_release(struct ext2_sb_info *fs, u32 bitmap_blk, u32 bit)
{
	struct buffer_head *bh = sb_bread(fs->s_sb, bitmap_blk);
	int err = 0;

	if (!bh)
		return ext2_fail_num(fs, -EIO, "cannot read bitmap block", bitmap_blk, EXT2_REASON_DEC);
	if (!test_bit_le(bh->b_data, bit))
		err = ext2_fail_num(fs, -EIO, "freeing a free bitmap bit", bit, EXT2_REASON_DEC);
	else {
		change_bit_le(bh->b_data, bit, false);
		err = sync_dirty_buffer(bh);
	}
	brelse(bh);
	return err;
}

/* ------------------------------------------------------------ blocks */

/* The last group may be short: only its real blocks are in its bitmap. */
static u32 blocks_in_group(struct ext2_sb_info *fs, u32 group)
{
	u64 first = fs->first_data_block + (u64)group * fs->blocks_per_group;

	return MIN((u64)fs->blocks_per_group, fs->blocks_count - first);
}

/* Try one group: the block number, or -ENOSPC / -EIO. */
static long alloc_in_group(struct ext2_sb_info *fs, u32 group, u32 from)
{
	struct ext2_group_desc gd;
	long bit;
	int err = ext2_get_group_desc(fs, group, &gd);

	if (err)
		return err;
	if (!gd.bg_free_blocks_count)
		return -ENOSPC;
	bit = ext2_bitmap_take(fs, gd.bg_block_bitmap, blocks_in_group(fs, group), from);
	if (bit < 0)
		return bit;
	gd.bg_free_blocks_count--;
	if ((err = ext2_put_group_desc(fs, group, &gd)))
		return err;
	fs->free_blocks--;
	if ((err = ext2_sync_super(fs)))
		return err;
	return fs->first_data_block + (u64)group * fs->blocks_per_group + bit;
}

/*
 * Linux ext2_new_blocks, one block at a time: search the goal's group from
 * the goal on, then every other group in turn. The block is not zeroed.
 * Returns the block number, or -ENOSPC (the disk is full) or -EIO.
 */
long ext2_new_block(struct ext2_sb_info *fs, u32 goal)
{
	u32 group = 0, from = 0;

	if (goal > fs->first_data_block && goal < fs->blocks_count) {
		group = (goal - fs->first_data_block) / fs->blocks_per_group;
		from = (goal - fs->first_data_block) % fs->blocks_per_group;
	}
	if (!fs->free_blocks)
		return -ENOSPC;
	for (u32 i = 0; i < fs->groups_count; i++) {
		u32 g = (group + i) % fs->groups_count;
		long blk = alloc_in_group(fs, g, i ? 0 : from);

		if (blk != -ENOSPC)
			return blk;
	}
	return -ENOSPC;
}

/* Linux ext2_free_blocks, one block: clear its bit and count it free again. */
int ext2_free_block(struct ext2_sb_info *fs, u32 blk)
{
	struct ext2_group_desc gd;
	u32 group, bit;
	int err;

	if (blk <= fs->first_data_block || blk >= fs->blocks_count)
		return ext2_fail_num(fs, -EIO, "freeing a block outside the file system:", blk, EXT2_REASON_DEC);
	group = (blk - fs->first_data_block) / fs->blocks_per_group;
	bit = (blk - fs->first_data_block) % fs->blocks_per_group;
	if ((err = ext2_get_group_desc(fs, group, &gd)) || (err = ext2_bitmap_release(fs, gd.bg_block_bitmap, bit)))
		return err;
	gd.bg_free_blocks_count++;
	if ((err = ext2_put_group_desc(fs, group, &gd)))
		return err;
	fs->free_blocks++;
	return ext2_sync_super(fs);
}
