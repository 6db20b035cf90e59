/*
 * fs/ext2/inode.c - ext2 inodes (Linux: fs/ext2/inode.c): reading one from
 * its group's inode table, the block map through every indirect level
 * (ext2_bmap, ext2_get_block), and the address_space_operations whose
 * readpage fills a page-cache page (holes read as zeros).
 */
#include "ext2.h"
#include <mm.h>
#include <errno.h>
#include <string.h>

/* ------------------------------------------------------------ inodes */

/* Copy @len bytes at byte @off of block @blk (the range must lie inside the block). */
int ext2_read_bytes(struct ext2_sb_info *fs, u32 blk, u32 off, void *buf, u32 len)
{
	struct buffer_head *bh;

	if (off > fs->block_size || len > fs->block_size - off)
		return -EIO;
	bh = sb_bread(fs->s_sb, blk);
	if (!bh)
		return -EIO;
	memcpy(buf, bh->b_data + off, len);
	brelse(bh);
	return 0;
}

/* The group's inode table must lie wholly past the GDT and inside the file system. */
static int inode_table_of(struct ext2_sb_info *fs, u32 group, u32 *table)
{
	struct ext2_group_desc gd;
	u64 off = (u64)group * sizeof(gd);

	if (ext2_read_bytes(fs, fs->gdt_block + off / fs->block_size, off % fs->block_size, &gd, sizeof(gd)) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read descriptor of group", group, EXT2_REASON_DEC);
	if (gd.bg_inode_table <= fs->gdt_block ||
	    (u64)gd.bg_inode_table + fs->inode_table_blocks > fs->blocks_count)
		return ext2_fail_num(fs, -EIO, "inode table outside the image, group", group, EXT2_REASON_DEC);
	*table = gd.bg_inode_table;
	return 0;
}

/* ext2: i_size_high holds the top half of a regular file's size; on directories it was i_dir_acl. */
static void inode_decode(u32 ino, const struct ext2_inode *raw, struct ext2_inode_info *ip)
{
	ip->ino = ino;
	ip->mode = raw->i_mode;
	ip->uid = raw->i_uid;
	ip->gid = raw->i_gid;
	ip->links = raw->i_links_count;
	ip->size = raw->i_size;
	if ((ip->mode & EXT2_S_IFMT) == EXT2_S_IFREG)
		ip->size |= (u64)raw->i_size_high << 32;
	ip->blocks = raw->i_blocks;
	ip->flags = raw->i_flags;
	ip->file_acl = raw->i_file_acl;
	ip->atime = raw->i_atime;
	ip->ctime = raw->i_ctime;
	ip->mtime = raw->i_mtime;
	ip->dtime = raw->i_dtime;
	ip->generation = raw->i_generation;
	memcpy(ip->block, raw->i_block, sizeof(ip->block));
}

int ext2_read_inode(struct ext2_sb_info *fs, u32 ino, struct ext2_inode_info *out)
{
	struct ext2_inode raw;
	u32 group, index, table = 0;
	u64 off;
	int err;

	if (ino == 0 || ino > fs->inodes_count)
		return ext2_fail_num(fs, -EINVAL, "inode number out of range:", ino, EXT2_REASON_DEC);
	group = (ino - 1) / fs->inodes_per_group;
	index = (ino - 1) % fs->inodes_per_group;
	err = inode_table_of(fs, group, &table);
	if (err)
		return err;
	off = (u64)index * fs->inode_size;
	if (ext2_read_bytes(fs, table + off / fs->block_size, off % fs->block_size, &raw, sizeof(raw)) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read inode", ino, EXT2_REASON_DEC);
	inode_decode(ino, &raw, out);
	return 0;
}

/* Linux ext2_iget: no links and (no mode or a deletion time) is a deleted inode. */
bool ext2_inode_is_free(const struct ext2_inode_info *ip)
{
	return ip->links == 0 && (ip->mode == 0 || ip->dtime != 0);
}

/* Linux ext2_inode_is_fast_symlink: a symlink with no blocks beyond its xattr block. */
bool ext2_is_fast_symlink(const struct ext2_sb_info *fs, const struct ext2_inode_info *ip)
{
	u32 xattr_sectors = ip->file_acl ? fs->block_size / EXT2_SECTOR_SIZE : 0;

	return ext2_is_symlink(ip) && ip->blocks == xattr_sectors;
}

/* ------------------------------------------------------------ block map */

/* Linux ext2_data_block_valid: past the superblock and below s_blocks_count. */
static int check_block(struct ext2_sb_info *fs, u32 blk)
{
	if (blk <= fs->first_data_block || blk >= fs->blocks_count)
		return ext2_fail_num(fs, -EIO, "block number outside the file system:", blk, EXT2_REASON_DEC);
	return 0;
}

/* i_block holds something else in fast symlinks and ext4-only inodes. */
static int check_block_mapped(struct ext2_sb_info *fs, const struct ext2_inode_info *ip)
{
	if (ip->flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL))
		return ext2_fail_num(fs, -EIO, "inode is not block-mapped:", ip->ino, EXT2_REASON_DEC);
	if (ext2_is_fast_symlink(fs, ip))
		return ext2_fail_num(fs, -EINVAL, "fast symlink has no data blocks:", ip->ino, EXT2_REASON_DEC);
	return 0;
}

/*
 * Linux ext2_block_to_path: which i_block slot holds @fblock, then which
 * pointer to follow in each indirect block below it. Returns the path length.
 */
static int block_to_path(const struct ext2_sb_info *fs, u64 fblock, u32 path[EXT2_MAX_DEPTH])
{
	u64 ptrs = fs->ptrs_per_block, span = ptrs;
	int level, i;

	if (fblock < EXT2_NDIR_BLOCKS) {
		path[0] = fblock;
		return 1;
	}
	fblock -= EXT2_NDIR_BLOCKS;
	for (level = 1; level < EXT2_MAX_DEPTH; level++) {
		if (fblock < span) {
			path[0] = EXT2_IND_BLOCK + level - 1;
			for (i = level; i >= 1; i--, fblock /= ptrs)
				path[i] = fblock % ptrs;
			return level + 1;
		}
		fblock -= span;
		span *= ptrs;
	}
	return -EFBIG;
}

/* Entry @index of indirect block @blk. */
static int read_block_ptr(struct ext2_sb_info *fs, u32 blk, u32 index, u32 *out)
{
	if (ext2_read_bytes(fs, blk, index * sizeof(u32), out, sizeof(*out)) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read indirect block", blk, EXT2_REASON_DEC);
	return 0;
}

int ext2_bmap(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u64 file_block, u32 *disk_block)
{
	u32 path[EXT2_MAX_DEPTH], blk;
	int depth, i, err;

	err = check_block_mapped(fs, ip);
	if (err)
		return err;
	depth = block_to_path(fs, file_block, path);
	if (depth < 0)
		return ext2_fail_num(fs, depth, "file block past the triple-indirect map:", file_block, EXT2_REASON_DEC);
	blk = ip->block[path[0]];
	for (i = 1; i < depth && blk; i++) {
		if ((err = check_block(fs, blk)) || (err = read_block_ptr(fs, blk, path[i], &blk)))
			return err;
	}
	if (blk && (err = check_block(fs, blk)))
		return err;
	*disk_block = blk;
	return 0;
}

/* ------------------------------------------------------------ file data */

/* Copy the part of one file block that [off, off + len) covers; returns the byte count. */
static ssize_t read_in_block(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u64 off, u8 *buf, u64 len)
{
	u32 in_block = off % fs->block_size;
	u64 n = MIN(len, (u64)(fs->block_size - in_block));
	u32 blk = 0;
	int err = ext2_bmap(fs, ip, off / fs->block_size, &blk);

	if (err)
		return err;
	if (blk == 0) {
		memset(buf, 0, n);
		return n;
	}
	if (ext2_read_bytes(fs, blk, in_block, buf, n) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read data block", blk, EXT2_REASON_DEC);
	return n;
}

/* Linux filemap_read: once some bytes are copied, a later error gives a short read. */
ssize_t ext2_read(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u64 off, void *buf, size_t len)
{
	u8 *dst = buf;
	u64 done = 0;

	if (off >= ip->size)
		return 0;
	len = MIN(len, ip->size - off);
	len = MIN(len, EXT2_MAX_RW_COUNT);
	while (done < len) {
		ssize_t n = read_in_block(fs, ip, off + done, dst + done, len - done);

		if (n < 0)
			return done ? (ssize_t)done : n;
		done += n;
	}
	return done;
}


/* ------------------------------------------------------------ the VFS side */

/* Linux ext2_get_block, read half: a hole leaves @bh unmapped. */
static int ext2_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create)
{
	u32 blk = 0;
	int err;

	if (create)
		return -EROFS;		/* block allocation comes with balloc.c */
	err = ext2_bmap(EXT2_SB(inode->i_sb), EXT2_I(inode), iblock, &blk);
	if (err)
		return err;
	if (blk)
		map_bh(bh, inode->i_sb, blk);
	return 0;
}

static int ext2_readpage(struct file *file, struct page *page)
{
	return mpage_readpage(page, ext2_get_block);
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = NULL,		/* the write half comes with a writable ext2 */
	.write_begin = NULL,
	.write_end = NULL,
};

static void ext2_set_ops(struct inode *inode)
{
	inode->i_mapping.a_ops = &ext2_aops;
	inode->i_fop = &ext2_file_operations;
	inode->i_op = &ext2_file_inode_operations;
	if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
	} else if (S_ISLNK(inode->i_mode)) {
		inode->i_op = &ext2_symlink_inode_operations;
	}
}

static void ext2_fill_vfs_inode(struct inode *inode, const struct ext2_inode_info *ei)
{
	inode->i_mode = ei->mode;
	inode->i_size = ei->size;
	inode->i_nlink = ei->links;
	inode->i_uid = ei->uid;
	inode->i_gid = ei->gid;
	inode->i_blocks = ei->blocks;
	inode->i_atime = ei->atime;
	inode->i_mtime = ei->mtime;
	inode->i_ctime = ei->ctime;
	ext2_set_ops(inode);
}

/* Linux ext2_iget: the cached inode, or a new one read from the disk. */
struct inode *ext2_iget(struct super_block *sb, u32 ino, int *err)
{
	struct inode *inode = iget_locked(sb, ino);
	struct ext2_inode_info *ei;

	*err = inode ? 0 : -ENOMEM;
	if (!inode || !(inode->i_state & I_NEW))
		return inode;
	ei = EXT2_I(inode);
	*err = ext2_read_inode(EXT2_SB(sb), ino, ei);
	if (!*err && ext2_inode_is_free(ei))
		*err = ext2_fail_num(EXT2_SB(sb), -EIO, "directory entry names a free inode:", ino, EXT2_REASON_DEC);
	if (*err) {
		iget_failed(inode);
		return NULL;
	}
	ext2_fill_vfs_inode(inode, ei);
	unlock_new_inode(inode);
	return inode;
}
