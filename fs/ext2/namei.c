/*
 * fs/ext2/namei.c - ext2's inode_operations (Linux: fs/ext2/namei.c and
 * fs/ext2/symlink.c): the lookup of one name in a directory, and symlink
 * targets, fast (inside i_block) or slow (in data block 0).
 */
#include "ext2.h"
#include <mm.h>
#include <errno.h>
#include <string.h>

ssize_t ext2_readlink(struct ext2_sb_info *fs, struct ext2_inode_info *ip, char *buf, size_t size)
{
	size_t n;

	if (!ext2_is_symlink(ip))
		return ext2_fail_num(fs, -EINVAL, "not a symlink: inode", ip->ino, EXT2_REASON_DEC);
	if (!ext2_is_fast_symlink(fs, ip))
		return ext2_read(fs, ip, 0, buf, size);
	if (ip->size >= EXT2_FAST_LINK_MAX)
		return ext2_fail_num(fs, -EIO, "fast symlink too long:", ip->size, EXT2_REASON_DEC);
	n = MIN(size, ip->size);
	memcpy(buf, ip->block, n);
	return n;
}


static int ext2_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	u32 ino = 0;
	int err = ext2_dir_lookup(EXT2_SB(dir->i_sb), EXT2_I(dir), name, len, &ino);

	if (err)
		return err;
	*out = ext2_iget(dir->i_sb, ino, &err);
	return err;
}

static int ext2_symlink_readlink(struct inode *inode, char *buf, size_t size)
{
	return ext2_readlink(EXT2_SB(inode->i_sb), EXT2_I(inode), buf, size);
}

/* The write half (create, mkdir, unlink, setattr) comes with a writable ext2. */
const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_lookup,
};

const struct inode_operations ext2_file_inode_operations = {
	.setattr = NULL,
};

const struct inode_operations ext2_symlink_inode_operations = {
	.readlink = ext2_symlink_readlink,
};
