/*
 * fs/ext2/ialloc.c - the inode bitmaps (Linux: fs/ext2/ialloc.c): a free
 * inode number for a new file, near its directory, and giving one back when
 * the last link and the last user of a file are gone.
 *
 * As with blocks, three things change together and are written at once: the
 * bitmap bit, the group's bg_free_inodes_count (and bg_used_dirs_count for
 * a directory) and the superblock's s_free_inodes_count.
 */
#include "ext2.h"
#include <errno.h>

/* Inode numbers start at 1; the first s_first_ino - 1 are reserved (root is 2). */
static long alloc_in_group(struct ext2_sb_info *fs, u32 group, bool dir)
{
	struct ext2_group_desc gd;
	long bit;
	int err = ext2_get_group_desc(fs, group, &gd);

	if (err)
		return err;
	if (!gd.bg_free_inodes_count)
		return -ENOSPC;
	bit = ext2_bitmap_take(fs, gd.bg_inode_bitmap, fs->inodes_per_group, 0);
	if (bit < 0)
		return bit;
	gd.bg_free_inodes_count--;
	if (dir)
		gd.bg_used_dirs_count++;
	if ((err = ext2_put_group_desc(fs, group, &gd)))
		return err;
	fs->free_inodes--;
	if ((err = ext2_sync_super(fs)))
		return err;
	return (u64)group * fs->inodes_per_group + bit + 1;
}

/*
 * A free inode number, searched from the parent directory's group on (Linux
 * find_group_other, without the Orlov spreading of directories): the
 * number, -ENOSPC when every inode is used, or -EIO.
 */
long ext2_new_inode_number(struct ext2_sb_info *fs, u32 parent_ino, bool dir)
{
	u32 start = (parent_ino - 1) / fs->inodes_per_group;

	if (!fs->free_inodes)
		return -ENOSPC;
	for (u32 i = 0; i < fs->groups_count; i++) {
		long ino = alloc_in_group(fs, (start + i) % fs->groups_count, dir);

		if (ino != -ENOSPC) {
			if (ino > 0 && (u64)ino < fs->first_ino)
				return ext2_fail_num(fs, -EIO, "inode bitmap hands out reserved inode", ino,
						     EXT2_REASON_DEC);
			return ino;
		}
	}
	return -ENOSPC;
}

/* Linux ext2_free_inode: the bits only; the caller has freed the blocks. */
int ext2_free_inode_number(struct ext2_sb_info *fs, u32 ino, bool dir)
{
	struct ext2_group_desc gd;
	u32 group = (ino - 1) / fs->inodes_per_group, bit = (ino - 1) % fs->inodes_per_group;
	int err;

	if (ino < fs->first_ino || ino > fs->inodes_count)
		return ext2_fail_num(fs, -EIO, "freeing a reserved or out-of-range inode", ino, EXT2_REASON_DEC);
	if ((err = ext2_get_group_desc(fs, group, &gd)) || (err = ext2_bitmap_release(fs, gd.bg_inode_bitmap, bit)))
		return err;
	gd.bg_free_inodes_count++;
	if (dir)
		gd.bg_used_dirs_count--;
	if ((err = ext2_put_group_desc(fs, group, &gd)))
		return err;
	fs->free_inodes++;
	return ext2_sync_super(fs);
}
