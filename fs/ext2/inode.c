/*
 * fs/ext2/inode.c - ext2 inodes (Linux: fs/ext2/inode.c): reading and
 * writing one in its group's inode table, the block map through every
 * indirect level (ext2_bmap; ext2_bmap_alloc fills a hole, ext2_truncate_blocks
 * frees a tail), and the address_space_operations: readpage fills a
 * page-cache page (holes read as zeros), write_begin allocates the blocks a
 * write() will need (so a full disk is ENOSPC at write() time), writepage
 * puts a dirty page back into its blocks.
 */
#include "ext2.h"
#include <mm.h>
#include <errno.h>
#include <string.h>
#include <printk.h>
#include <time.h>

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

/* The other way: change @len bytes at @off of block @blk and write the block back. */
int ext2_write_bytes(struct ext2_sb_info *fs, u32 blk, u32 off, const void *buf, u32 len)
{
	struct buffer_head *bh;
	int err;

	if (off > fs->block_size || len > fs->block_size - off)
		return -EIO;
	bh = sb_bread(fs->s_sb, blk);
	if (!bh)
		return ext2_fail_num(fs, -EIO, "cannot read block for writing", blk, EXT2_REASON_DEC);
	memcpy(bh->b_data + off, buf, len);
	err = sync_dirty_buffer(bh);
	brelse(bh);
	return err;
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

/* Where inode @ino lives: a block of its group's inode table and the byte in it. */
static int inode_location(struct ext2_sb_info *fs, u32 ino, u32 *blk, u32 *off)
{
	u32 group, index, table = 0;
	u64 byte;
	int err;

	if (ino == 0 || ino > fs->inodes_count)
		return ext2_fail_num(fs, -EINVAL, "inode number out of range:", ino, EXT2_REASON_DEC);
	group = (ino - 1) / fs->inodes_per_group;
	index = (ino - 1) % fs->inodes_per_group;
	err = inode_table_of(fs, group, &table);
	if (err)
		return err;
	byte = (u64)index * fs->inode_size;
	*blk = table + byte / fs->block_size;
	*off = byte % fs->block_size;
	return 0;
}

static void inode_encode(const struct ext2_inode_info *ip, struct ext2_inode *raw);

int ext2_read_inode(struct ext2_sb_info *fs, u32 ino, struct ext2_inode_info *out)
{
	struct ext2_inode raw;
	u32 blk = 0, off = 0;
	int err = inode_location(fs, ino, &blk, &off);

	if (err)
		return err;
	if (ext2_read_bytes(fs, blk, off, &raw, sizeof(raw)) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read inode", ino, EXT2_REASON_DEC);
	inode_decode(ino, &raw, out);
	inode_encode(out, &out->on_disk);	/* what writing it back unchanged would write */
	return 0;
}

/* Linux ext2_write_inode: the 128 bytes every revision has; a larger inode's extra bytes stay as they are. */
static void inode_encode(const struct ext2_inode_info *ip, struct ext2_inode *raw)
{
	memset(raw, 0, sizeof(*raw));
	raw->i_mode = ip->mode;
	raw->i_uid = ip->uid;
	raw->i_gid = ip->gid;
	raw->i_links_count = ip->links;
	raw->i_size = (u32)ip->size;
	if ((ip->mode & EXT2_S_IFMT) == EXT2_S_IFREG)
		raw->i_size_high = ip->size >> 32;
	raw->i_blocks = ip->blocks;
	raw->i_flags = ip->flags;
	raw->i_file_acl = ip->file_acl;
	raw->i_atime = ip->atime;
	raw->i_ctime = ip->ctime;
	raw->i_mtime = ip->mtime;
	raw->i_dtime = ip->dtime;
	raw->i_generation = ip->generation;
	memcpy(raw->i_block, ip->block, sizeof(raw->i_block));
}

int ext2_write_inode_raw(struct ext2_sb_info *fs, struct ext2_inode_info *ip)
{
	struct ext2_inode raw;
	u32 blk = 0, off = 0;
	int err = inode_location(fs, ip->ino, &blk, &off);

	if (err)
		return err;
	inode_encode(ip, &raw);
	if (!memcmp(&raw, &ip->on_disk, sizeof(raw)))
		return 0;
	if ((err = ext2_write_bytes(fs, blk, off, &raw, sizeof(raw))) < 0)
		return err;
	ip->on_disk = raw;
	return err;
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

/* A new block for @ip, zeroed on the disk and counted in i_blocks. */
static long alloc_zeroed_block(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u32 goal)
{
	long blk = ext2_new_block(fs, goal ? goal : (ip->ino - 1) / fs->inodes_per_group * fs->blocks_per_group);
	struct buffer_head *bh;
	int err;

	if (blk < 0)
		return blk;
	bh = sb_getblk_zero(fs->s_sb, blk);
	err = bh ? sync_dirty_buffer(bh) : -EIO;
	brelse(bh);
	if (err) {
		ext2_free_block(fs, blk);
		return err;
	}
	ip->blocks += fs->block_size / EXT2_SECTOR_SIZE;
	return blk;
}

/* Store @value as entry @index of indirect block @blk. */
static int write_block_ptr(struct ext2_sb_info *fs, u32 blk, u32 index, u32 value)
{
	return ext2_write_bytes(fs, blk, index * sizeof(u32), &value, sizeof(value));
}

/*
 * Linux ext2_get_blocks with create: follow the path, and where it meets a 0
 * put a new zeroed block there (an indirect block on the way, the data
 * block at the end). The inode itself is written by the caller.
 */
int ext2_bmap_alloc(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u64 file_block, u32 *disk_block)
{
	u32 path[EXT2_MAX_DEPTH], blk = 0, parent = 0;
	int depth, i, err;

	if ((err = check_block_mapped(fs, ip)))
		return err;
	depth = block_to_path(fs, file_block, path);
	if (depth < 0)
		return -EFBIG;
	for (i = 0; i < depth; i++) {
		long nblk;

		if (i == 0)
			blk = ip->block[path[0]];
		else if ((err = check_block(fs, parent)) || (err = read_block_ptr(fs, parent, path[i], &blk)))
			return err;
		if (!blk) {
			nblk = alloc_zeroed_block(fs, ip, parent ? parent + 1 : 0);
			if (nblk < 0)
				return nblk;
			blk = nblk;
			if (i == 0)
				ip->block[path[0]] = blk;
			else if ((err = write_block_ptr(fs, parent, path[i], blk)))
				return err;
		}
		parent = blk;
	}
	if ((err = check_block(fs, blk)))
		return err;
	*disk_block = blk;
	return 0;
}

/* Free a whole subtree of @depth indirect levels under @blk (depth 0: a data block). */
static int free_tree(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u32 blk, int depth)
{
	struct buffer_head *bh;
	int err = 0;

	if ((err = check_block(fs, blk)))
		return err;
	if (depth > 0) {
		if (!(bh = sb_bread(fs->s_sb, blk)))
			return ext2_fail_num(fs, -EIO, "cannot read indirect block", blk, EXT2_REASON_DEC);
		for (u32 i = 0; i < fs->ptrs_per_block && !err; i++) {
			u32 child = ((u32 *)bh->b_data)[i];
			if (child)
				err = free_tree(fs, ip, child, depth - 1);
		}
		brelse(bh);
		if (err)
			return err;
	}
	ip->blocks -= fs->block_size / EXT2_SECTOR_SIZE;
	return ext2_free_block(fs, blk);
}

/*
 * Trim the subtree in *slot, which maps file blocks [base, base + span) with
 * @depth indirect levels: everything from file block @keep on goes. A tree
 * wholly past @keep is freed and *slot cleared; one that straddles it is
 * trimmed entry by entry and kept.
 */
static int trim_tree(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u32 *slot, int depth, u64 base,
		     u64 span, u64 keep)
{
	struct buffer_head *bh;
	u64 child_span = span / fs->ptrs_per_block;
	bool changed = false;
	int err = 0;

	if (!*slot || base + span <= keep)
		return 0;
	if (base >= keep) {
		err = free_tree(fs, ip, *slot, depth);
		*slot = 0;
		return err;
	}
	if ((err = check_block(fs, *slot)))
		return err;
	if (!(bh = sb_bread(fs->s_sb, *slot)))
		return ext2_fail_num(fs, -EIO, "cannot read indirect block", *slot, EXT2_REASON_DEC);
	for (u32 i = 0; i < fs->ptrs_per_block && !err; i++) {
		u32 *child = (u32 *)bh->b_data + i, before = *child;

		err = trim_tree(fs, ip, child, depth - 1, base + i * child_span, child_span, keep);
		changed |= *child != before;
	}
	if (changed && !err)
		err = sync_dirty_buffer(bh);
	brelse(bh);
	return err;
}

/* Linux old_encode_dev / new_encode_dev as ext2 stores them (fs/ext2/inode.c). */
void ext2_encode_dev(struct ext2_inode_info *ip, dev_t rdev)
{
	u32 major = rdev >> MINORBITS, minor = rdev & ((1u << MINORBITS) - 1);

	if (major < 256 && minor < 256) {
		ip->block[0] = (major << 8) | minor;
		ip->block[1] = 0;
	} else {
		ip->block[0] = 0;
		ip->block[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
	}
}

static dev_t ext2_decode_dev(const struct ext2_inode_info *ip)
{
	u32 v = ip->block[0] ? ip->block[0] : ip->block[1];

	if (ip->block[0])
		return MKDEV((v >> 8) & 0xff, v & 0xff);
	return MKDEV((v & 0xfff00) >> 8, (v & 0xff) | ((v >> 12) & 0xfff00));
}

int ext2_truncate_blocks(struct ext2_sb_info *fs, struct ext2_inode_info *ip, u64 keep)
{
	u64 base = EXT2_NDIR_BLOCKS, span = fs->ptrs_per_block;
	int err = 0;

	/* Only files, directories and slow symlinks have blocks: a device keeps its number in i_block. */
	if (!ext2_is_reg(ip) && !ext2_is_dir(ip) && !ext2_is_symlink(ip))
		return 0;
	if (ext2_is_fast_symlink(fs, ip) || (ip->flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL)))
		return 0;
	for (u32 i = 0; i < EXT2_NDIR_BLOCKS && !err; i++)
		err = trim_tree(fs, ip, &ip->block[i], 0, i, 1, keep);
	for (int level = 1; level < EXT2_MAX_DEPTH && !err; level++) {
		err = trim_tree(fs, ip, &ip->block[EXT2_IND_BLOCK + level - 1], level, base, span, keep);
		base += span;
		span *= fs->ptrs_per_block;
	}
	return err;
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

/*
 * Linux ext2_get_block: map file block @iblock into @bh; a hole stays
 * unmapped unless @create, which fills it (and writes the inode, whose
 * i_block or i_blocks changed). -ENOSPC when the disk is full.
 */
static int ext2_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create)
{
	struct ext2_sb_info *fs = EXT2_SB(inode->i_sb);
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 blk = 0, before = ei->blocks;
	int err = ext2_bmap(fs, ei, iblock, &blk);

	if (!err && !blk && create) {
		err = ext2_bmap_alloc(fs, ei, iblock, &blk);
		if (ei->blocks != before) {
			inode->i_blocks = ei->blocks;
			mark_inode_dirty(inode);
		}
	}
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

static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	return mpage_writepage(page, ext2_get_block);
}

static int ext2_write_begin(struct file *file, struct address_space *mapping, loff_t pos, unsigned len,
			    struct page **pagep, void **fsdata)
{
	return block_write_begin(mapping, pos, len, pagep, ext2_get_block);
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.write_begin = ext2_write_begin,
	.write_end = generic_write_end,
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
	inode->i_fsflags = ei->flags & EXT2_FL_USER_VISIBLE;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		inode->i_rdev = ext2_decode_dev(ei);
	ext2_set_ops(inode);
}

/* The VFS inode is where the system calls change things; ext2's copy follows it to the disk. */
int ext2_sync_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	ei->mode = inode->i_mode;
	ei->size = inode->i_size;
	ei->links = inode->i_nlink;
	ei->uid = inode->i_uid;
	ei->gid = inode->i_gid;
	ei->atime = inode->i_atime;
	ei->mtime = inode->i_mtime;
	ei->ctime = inode->i_ctime;
	return ext2_write_inode_raw(EXT2_SB(inode->i_sb), ei);
}

/*
 * Linux ext2_new_inode: a free number near the parent, a VFS inode for it
 * with one link, owned by the caller (the owner's group: the parent's if it
 * is setgid, as Linux's inode_init_owner), written to the disk at once.
 */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode, int *err)
{
	struct ext2_sb_info *fs = EXT2_SB(dir->i_sb);
	long ino = ext2_new_inode_number(fs, dir->i_ino, S_ISDIR(mode));
	struct inode *inode;
	struct ext2_inode_info *ei;

	if (ino < 0) {
		*err = ino;
		return NULL;
	}
	inode = iget_locked(dir->i_sb, ino);
	if (!inode || !(inode->i_state & I_NEW)) {
		*err = inode ? ext2_fail_num(fs, -EIO, "new inode is already in use:", ino, EXT2_REASON_DEC) : -ENOMEM;
		iput(inode);
		ext2_free_inode_number(fs, ino, S_ISDIR(mode));
		return NULL;
	}
	ei = EXT2_I(inode);
	memset(ei->block, 0, sizeof(ei->block));
	ei->ino = ino;
	ei->blocks = ei->flags = ei->file_acl = ei->dtime = ei->generation = 0;
	inode_init_owner(inode, dir, mode);
	inode->i_nlink = 1;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode_set_times_now(inode);
	ext2_set_ops(inode);
	unlock_new_inode(inode);
	*err = ext2_sync_inode(inode);
	return inode;
}

/*
 * Linux ext2_evict_inode: the last user is gone. A file with no links left
 * loses its blocks and its number (its deletion time marks it for e2fsck);
 * a linked one only needs its pages and inode on the disk.
 */
void ext2_evict_inode(struct inode *inode)
{
	struct ext2_sb_info *fs = EXT2_SB(inode->i_sb);
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (inode->i_nlink) {
		write_inode_now(inode);
		return;
	}
	inode->i_size = 0;
	if (ext2_truncate_blocks(fs, ei, 0) < 0)
		pr_err("%s (freeing inode %u)\n", fs->error, ei->ino);
	inode->i_blocks = ei->blocks;
	ei->dtime = ktime_get_real_seconds();
	if (ext2_sync_inode(inode) < 0 || ext2_free_inode_number(fs, ei->ino, S_ISDIR(inode->i_mode)) < 0)
		pr_err("%s (freeing inode %u)\n", fs->error, ei->ino);
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
