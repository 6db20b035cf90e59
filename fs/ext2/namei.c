/*
 * fs/ext2/namei.c - ext2's inode_operations (Linux: fs/ext2/namei.c and
 * fs/ext2/symlink.c): the lookup of one name in a directory; create, mkdir,
 * link, unlink, rmdir, rename and symlink, each a few directory-entry and
 * link-count changes (dir.c does the entries); setattr; and symlink
 * targets, fast (inside i_block) or slow (in data block 0).
 *
 * Link counts follow ext2: a file has one per name; a directory has one for
 * its name in the parent, one for its own ".", and one for each
 * subdirectory's "..". The VFS (fs/namei.c) has checked every name and
 * permission before any of these runs.
 */
#include "ext2.h"
#include <mm.h>
#include <errno.h>
#include <string.h>
#include <time.h>

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

/* A new inode that did not get its name goes again: no links, and the last iput frees it. */
static int discard_new(struct inode *inode, int err)
{
	inode->i_nlink = 0;
	iput(inode);
	return err;
}

/* The last step of mknod and symlink: the new inode gets its name (unless @err), and our reference goes. */
static int name_new(struct inode *dir, const char *name, size_t len, struct inode *inode, int err)
{
	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err)
		return discard_new(inode, err);
	iput(inode);
	return 0;
}

static int ext2_create(struct inode *dir, const char *name, size_t len, umode_t mode, struct inode **out)
{
	int err;
	struct inode *inode = ext2_new_inode(dir, S_IFREG | (mode & S_IALLUGO), &err);

	if (!inode)
		return err;
	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err)
		return discard_new(inode, err);
	*out = inode;
	return 0;
}

/* Linux ext2_tmpfile: an allocated inode with no directory entry; its
 * last iput frees it, as for any unlinked file that was open. */
static int ext2_tmpfile(struct inode *dir, umode_t mode, struct inode **out)
{
	int err;
	struct inode *inode = ext2_new_inode(dir, S_IFREG | (mode & S_IALLUGO), &err);

	if (!inode)
		return err;
	if (err)
		return discard_new(inode, err);
	inode->i_nlink = 0;
	mark_inode_dirty(inode);
	*out = inode;
	return 0;
}

/* Linux ext2_mknod: a device keeps its number in i_block[0] (the old 16-bit encoding) or [1]. */
static int ext2_mknod(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t rdev)
{
	int err;
	struct inode *inode = ext2_new_inode(dir, mode, &err);

	if (!inode)
		return err;
	if (!err && (S_ISCHR(mode) || S_ISBLK(mode))) {
		inode->i_rdev = rdev;
		ext2_encode_dev(EXT2_I(inode), rdev);
		err = ext2_sync_inode(inode);
	}
	return name_new(dir, name, len, inode, err);
}

static int ext2_mkdir(struct inode *dir, const char *name, size_t len, umode_t mode)
{
	int err;
	struct inode *inode = ext2_new_inode(dir, S_IFDIR | (mode & S_IALLUGO), &err);

	if (!inode)
		return err;
	inode->i_nlink = 2;			/* its name and its "." */
	if (!err)
		err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err)
		return discard_new(inode, err);
	dir->i_nlink++;				/* the new ".." */
	mark_inode_dirty(dir);
	iput(inode);
	return 0;
}

static int ext2_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	int err = ext2_add_link(dir, name, len, old);

	if (err)
		return err;
	old->i_nlink++;
	inode_set_ctime_now(old);
	mark_inode_dirty(old);
	return 0;
}

static int ext2_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	int err = ext2_delete_entry(dir, name, len);

	if (err)
		return err;
	victim->i_nlink--;
	victim->i_ctime = dir->i_ctime;
	victim->i_ctime_nsec = dir->i_ctime_nsec;
	mark_inode_dirty(victim);
	return 0;			/* the blocks go at the last iput (ext2_evict_inode) */
}

static int ext2_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	int empty = ext2_empty_dir(victim), err;

	if (empty <= 0)
		return empty < 0 ? empty : -ENOTEMPTY;
	if ((err = ext2_delete_entry(dir, name, len)))
		return err;
	victim->i_nlink = 0;		/* its name and its "." */
	victim->i_size = 0;
	mark_inode_dirty(victim);
	dir->i_nlink--;			/* its ".." */
	mark_inode_dirty(dir);
	return 0;
}

/* Linux ext2_symlink: a target under 60 bytes lives in i_block itself (a fast symlink). */
static int ext2_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	struct ext2_sb_info *fs = EXT2_SB(dir->i_sb);
	size_t tlen = strlen(target);
	int err;
	struct inode *inode;
	u32 blk = 0;

	if (tlen + 1 > fs->block_size)
		return -ENAMETOOLONG;
	if (!(inode = ext2_new_inode(dir, S_IFLNK | 0777, &err)))
		return err;
	inode->i_size = tlen;
	if (!err && tlen < EXT2_FAST_LINK_MAX)
		memcpy(EXT2_I(inode)->block, target, tlen);
	else if (!err && !(err = ext2_bmap_alloc(fs, EXT2_I(inode), 0, &blk)))
		err = ext2_write_bytes(fs, blk, 0, target, tlen);
	inode->i_blocks = EXT2_I(inode)->blocks;
	if (!err)
		err = ext2_sync_inode(inode);
	return name_new(dir, name, len, inode, err);
}

/*
 * Linux ext2_rename: the new name takes the old inode (over @victim, whose
 * link goes), the old name goes, and a moved directory's ".." is pointed at
 * its new parent, moving one link from the old parent to the new.
 */
static int ext2_rename(struct inode *old_dir, const char *old_name, size_t old_len, struct inode *old,
		       struct inode *new_dir, const char *new_name, size_t new_len, struct inode *victim)
{
	bool is_dir = S_ISDIR(old->i_mode);
	int err;

	if (victim) {
		if (is_dir && (err = ext2_empty_dir(victim)) <= 0)
			return err < 0 ? err : -ENOTEMPTY;
		if ((err = ext2_set_link(new_dir, new_name, new_len, old)))
			return err;
		victim->i_nlink = is_dir ? 0 : victim->i_nlink - 1;
		inode_set_ctime_now(victim);
		mark_inode_dirty(victim);
		if (is_dir)
			new_dir->i_nlink--;	/* the victim's ".." is gone */
	} else if ((err = ext2_add_link(new_dir, new_name, new_len, old))) {
		return err;
	}
	if ((err = ext2_delete_entry(old_dir, old_name, old_len)))
		return err;
	inode_set_ctime_now(old);
	mark_inode_dirty(old);
	if (is_dir && old_dir != new_dir) {
		if ((err = ext2_set_link(old, "..", 2, new_dir)))
			return err;
		old_dir->i_nlink--;
		new_dir->i_nlink++;
	}
	mark_inode_dirty(old_dir);
	mark_inode_dirty(new_dir);
	return 0;
}

/*
 * Linux ext2_fileattr_set: the flags chattr may change are taken, the
 * others (extents, index...) stay; the change is a ctime change.
 */
static int ext2_fileattr_set(struct inode *inode, u32 flags)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	ei->flags = (ei->flags & ~EXT2_FL_USER_MODIFIABLE) | (flags & EXT2_FL_USER_MODIFIABLE);
	inode->i_fsflags = ei->flags & EXT2_FL_USER_VISIBLE;
	inode_set_ctime_now(inode);
	return ext2_sync_inode(inode);
}

/* Linux ext2_setattr: a size change is the page cache's and the block map's; the rest is the inode's. */
static int ext2_setattr(struct inode *inode, const struct iattr *attr)
{
	struct ext2_sb_info *fs = EXT2_SB(inode->i_sb);

	if ((attr->ia_valid & ATTR_SIZE) && (u64)attr->ia_size != inode->i_size) {
		u64 keep = ((u64)attr->ia_size + fs->block_size - 1) / fs->block_size;
		bool shrink = (u64)attr->ia_size < inode->i_size;
		int err;

		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		truncate_setsize(inode, attr->ia_size);
		if (shrink && (err = ext2_truncate_blocks(fs, EXT2_I(inode), keep)))
			return err;
		inode->i_blocks = EXT2_I(inode)->blocks;
	}
	setattr_copy(inode, attr);
	mark_inode_dirty(inode);
	return 0;
}

const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.tmpfile = ext2_tmpfile,
	.mkdir = ext2_mkdir,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.symlink = ext2_symlink,
	.mknod = ext2_mknod,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
	.fileattr_set = ext2_fileattr_set,
};

const struct inode_operations ext2_file_inode_operations = {
	.setattr = ext2_setattr,
	.fileattr_set = ext2_fileattr_set,
};

const struct inode_operations ext2_symlink_inode_operations = {
	.readlink = ext2_symlink_readlink,
	.setattr = ext2_setattr,
};
