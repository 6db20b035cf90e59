/*
 * fs/ext2/dir.c - ext2 directories (Linux: fs/ext2/dir.c): checking and
 * walking the entries of a directory's blocks, readdir (iterate_shared) and
 * the lookup of one name.
 */
#include "ext2.h"
#include <mm.h>
#include <errno.h>
#include <string.h>

/* ------------------------------------------------------------ directories */

/* One entry inside a directory block held in memory. */
struct dir_slot {
	struct buffer_head *bh;		/* the block (the caller brelse()s it) */
	u32 off;			/* the entry's byte in the block */
	u32 prev;			/* the entry before it in the block, or off itself if first */
	u32 rec_len, name_len;
};

static struct ext2_dir_entry_2 *slot_de(const struct dir_slot *s)
{
	return (struct ext2_dir_entry_2 *)(s->bh->b_data + s->off);
}


/*
 * Directory sizes must be whole blocks (ext2 never leaves a partial
 * directory block), and no larger than the file system: that bounds every
 * directory scan.
 */
static int check_dir(struct ext2_sb_info *fs, const struct ext2_inode_info *dir)
{
	if (!ext2_is_dir(dir))
		return ext2_fail_num(fs, -ENOTDIR, "not a directory: inode", dir->ino, EXT2_REASON_DEC);
	if (dir->size % fs->block_size)
		return ext2_fail_num(fs, -EIO, "directory size is not whole blocks:", dir->size, EXT2_REASON_DEC);
	if (dir->size > (u64)fs->blocks_count * fs->block_size)
		return ext2_fail_num(fs, -EIO, "directory larger than the file system:", dir->size, EXT2_REASON_DEC);
	return 0;
}

/* Linux ext2_rec_len_from_disk: a 64 KiB block's single entry stores 65536 as 65535 (or 0). */
static u32 rec_len_from_disk(const struct ext2_sb_info *fs, u16 raw)
{
	if (fs->block_size > EXT2_MAX_REC_LEN && (raw == EXT2_MAX_REC_LEN || raw == 0))
		return fs->block_size;
	return raw;
}

/* Without INCOMPAT_FILETYPE (revision 0 style) name_len is 16 bits wide. */
static u32 dirent_name_len(const struct ext2_sb_info *fs, const struct ext2_dir_entry_2 *de)
{
	if (fs->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE)
		return de->name_len;
	return de->name_len | (u32)de->file_type << BITS_PER_BYTE;
}

static u8 dirent_type(const struct ext2_sb_info *fs, const struct ext2_dir_entry_2 *de)
{
	static const u8 ft_to_dt[EXT2_FT_MAX] = {
		[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG, [EXT2_FT_DIR] = DT_DIR,
		[EXT2_FT_CHRDEV] = DT_CHR,	[EXT2_FT_BLKDEV] = DT_BLK,	[EXT2_FT_FIFO] = DT_FIFO,
		[EXT2_FT_SOCK] = DT_SOCK,	[EXT2_FT_SYMLINK] = DT_LNK,
	};

	if (!(fs->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) || de->file_type >= EXT2_FT_MAX)
		return DT_UNKNOWN;
	return ft_to_dt[de->file_type];
}

/* Linux ext2_check_page, one entry: the rules that keep a scan inside its block. */
static int check_dirent(struct ext2_sb_info *fs, u32 in_block, u32 rec_len, u32 name_len, u32 ino)
{
	if (rec_len < EXT2_DIR_REC_LEN(1))
		return ext2_fail_num(fs, -EIO, "dirent rec_len below the minimum:", rec_len, EXT2_REASON_DEC);
	if (rec_len % EXT2_DIR_PAD)
		return ext2_fail_num(fs, -EIO, "dirent rec_len not 4-byte aligned:", rec_len, EXT2_REASON_DEC);
	if (rec_len > fs->block_size - in_block)
		return ext2_fail_num(fs, -EIO, "dirent rec_len runs past the block:", rec_len, EXT2_REASON_DEC);
	if (name_len > EXT2_NAME_LEN || rec_len < EXT2_DIR_REC_LEN(name_len))
		return ext2_fail_num(fs, -EIO, "dirent name_len does not fit:", name_len, EXT2_REASON_DEC);
	if (ino > fs->inodes_count)
		return ext2_fail_num(fs, -EIO, "dirent inode number out of range:", ino, EXT2_REASON_DEC);
	if (ino && name_len == 0)
		return ext2_fail(fs, -EIO, "dirent with an empty name");
	return 0;
}

/* Where byte @pos of @dir lives on disk; a hole in a directory is corruption. */
static int dir_pos_to_disk(struct ext2_sb_info *fs, struct ext2_inode_info *dir, u64 pos, u32 *disk_blk)
{
	u32 in_block = pos % fs->block_size, blk = 0;
	int err = ext2_bmap(fs, dir, pos / fs->block_size, &blk);

	if (err)
		return err;
	if (blk == 0)
		return ext2_fail_num(fs, -EIO, "hole in directory inode", dir->ino, EXT2_REASON_DEC);
	if (fs->block_size - in_block < EXT2_DIR_REC_LEN(1))
		return ext2_fail_num(fs, -EIO, "dirent starts too close to the block end in inode", dir->ino,
				EXT2_REASON_DEC);
	*disk_blk = blk;
	return 0;
}

/* Read and check the entry at byte @pos of @dir; *rec_len is the step to the next one. */
static int dirent_at(struct ext2_sb_info *fs, struct ext2_inode_info *dir, u64 pos, struct ext2_dirent_out *out,
		     u32 *rec_len)
{
	struct ext2_dir_entry_2 de;
	u32 blk = 0, in_block = pos % fs->block_size;
	u32 name_len;
	int err = dir_pos_to_disk(fs, dir, pos, &blk);

	if (err)
		return err;
	if (ext2_read_bytes(fs, blk, in_block, &de, sizeof(de)) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read dirent in block", blk, EXT2_REASON_DEC);
	*rec_len = rec_len_from_disk(fs, de.rec_len);
	name_len = dirent_name_len(fs, &de);
	err = check_dirent(fs, pos % fs->block_size, *rec_len, name_len, de.inode);
	if (err)
		return err;
	out->ino = de.inode;
	out->type = dirent_type(fs, &de);
	out->namelen = de.inode ? name_len : 0;
	if (ext2_read_bytes(fs, blk, in_block + sizeof(de), out->name, out->namelen) < 0)
		return ext2_fail_num(fs, -EIO, "cannot read dirent name in block", blk, EXT2_REASON_DEC);
	out->name[out->namelen] = '\0';
	return 0;
}

/* Each step moves *pos on by a checked rec_len of at least 12, so the scan ends. */
int ext2_readdir(struct ext2_sb_info *fs, struct ext2_inode_info *dir, u64 *pos, struct ext2_dirent_out *out)
{
	int err = check_dir(fs, dir);

	if (err)
		return err;
	if (*pos % EXT2_DIR_PAD)
		return ext2_fail_num(fs, -EINVAL, "misaligned directory position", *pos, EXT2_REASON_DEC);
	while (*pos < dir->size) {
		u32 rec_len = 0;

		err = dirent_at(fs, dir, *pos, out, &rec_len);
		if (err)
			return err;
		*pos += rec_len;
		if (out->ino)
			return 1;
	}
	return 0;
}

static int find_entry_in(struct ext2_sb_info *fs, struct ext2_inode_info *dir, const char *name, size_t len,
			 struct dir_slot *s);

int ext2_dir_lookup(struct ext2_sb_info *fs, struct ext2_inode_info *dir, const char *name, size_t namelen,
		    u32 *ino)
{
	struct dir_slot s;
	int r;

	if (namelen > EXT2_NAME_LEN)
		return ext2_fail_num(fs, -ENAMETOOLONG, "name too long:", namelen, EXT2_REASON_DEC);
	if (namelen == 0)
		return -ENOENT;
	if ((r = check_dir(fs, dir)))
		return r;
	/* One block read per directory block, not per entry: lookups in big directories stay cheap. */
	r = find_entry_in(fs, dir, name, namelen, &s);
	if (r)
		return r;
	*ino = ((struct ext2_dir_entry_2 *)(s.bh->b_data + s.off))->inode;
	brelse(s.bh);
	return 0;
}


/* ------------------------------------------------------------ the VFS side */

/* Hand entries to ctx->actor until it is full; ctx->pos only moves past entries it took. */
static int ext2_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file->f_inode;
	struct ext2_dirent_out de;
	u64 pos = ctx->pos;
	int r;

	while ((r = ext2_readdir(EXT2_SB(inode->i_sb), EXT2_I(inode), &pos, &de)) > 0) {
		if (!ctx->actor(ctx, de.name, de.namelen, pos, de.ino, de.type))
			return 0;
		ctx->pos = pos;
	}
	return r;
}

static ssize_t ext2_dir_read(struct file *f, char *ubuf, size_t n)
{
	return -EISDIR;
}

const struct file_operations ext2_dir_operations = {
	.read = ext2_dir_read,
	.iterate_shared = ext2_iterate,
	.seekable = true,
};

/* ------------------------------------------------------------ changing directories */

/* Linux ext2_rec_len_to_disk: the one entry of a 64 KiB block says 65535. */
static u16 rec_len_to_disk(u32 len)
{
	return len > EXT2_MAX_REC_LEN ? EXT2_MAX_REC_LEN : len;
}

static u8 mode_to_file_type(const struct ext2_sb_info *fs, umode_t mode)
{
	if (!(fs->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE))
		return EXT2_FT_UNKNOWN;
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	default: return EXT2_FT_UNKNOWN;
	}
}

/* Read directory block @n (a hole is corruption in a directory). */
static int read_dir_block(struct ext2_sb_info *fs, struct ext2_inode_info *dir, u64 n, struct buffer_head **bh)
{
	u32 blk = 0;
	int err = dir_pos_to_disk(fs, dir, n * fs->block_size, &blk);

	if (err)
		return err;
	*bh = sb_bread(fs->s_sb, blk);
	return *bh ? 0 : ext2_fail_num(fs, -EIO, "cannot read directory block", blk, EXT2_REASON_DEC);
}

/* Decode and check the entry at s->off; the walk moves on by s->rec_len. */
static int slot_check(struct ext2_sb_info *fs, struct dir_slot *s)
{
	struct ext2_dir_entry_2 *de = slot_de(s);

	s->rec_len = rec_len_from_disk(fs, de->rec_len);
	s->name_len = dirent_name_len(fs, de);
	return check_dirent(fs, s->off, s->rec_len, s->name_len, de->inode);
}

/* Linux ext2_find_entry: the slot holding @name, with its block read; -ENOENT if none. */
static int find_entry_in(struct ext2_sb_info *fs, struct ext2_inode_info *dir, const char *name, size_t len,
			 struct dir_slot *s)
{
	u64 nblocks = dir->size / fs->block_size;
	int err;

	for (u64 n = 0; n < nblocks; n++) {
		if ((err = read_dir_block(fs, dir, n, &s->bh)))
			return err;
		for (s->off = s->prev = 0; s->off < fs->block_size; s->prev = s->off, s->off += s->rec_len) {
			struct ext2_dir_entry_2 *de = slot_de(s);

			if ((err = slot_check(fs, s))) {
				brelse(s->bh);
				return err;
			}
			if (de->inode && s->name_len == len && !memcmp(de + 1, name, len))
				return 0;
		}
		brelse(s->bh);
	}
	return -ENOENT;
}

static int find_entry(struct inode *dir, const char *name, size_t len, struct dir_slot *s)
{
	return find_entry_in(EXT2_SB(dir->i_sb), EXT2_I(dir), name, len, s);
}

static void fill_entry(struct ext2_sb_info *fs, struct ext2_dir_entry_2 *de, const char *name, size_t len,
		       struct inode *inode)
{
	de->inode = inode->i_ino;
	de->name_len = len;
	de->file_type = mode_to_file_type(fs, inode->i_mode);
	memcpy(de + 1, name, len);
}

/* The directory changed: its times, and its size and blocks if it grew, to the disk. */
static void dir_changed(struct inode *dir)
{
	dir->i_blocks = EXT2_I(dir)->blocks;
	inode_set_mtime_ctime_now(dir);
	mark_inode_dirty(dir);
}

/* Room for an entry of @need bytes in the block: the free tail of a live entry, or an unused one. */
static int add_in_block(struct ext2_sb_info *fs, struct buffer_head *bh, u32 need, const char *name, size_t len,
			struct inode *inode)
{
	struct dir_slot s = { .bh = bh };
	int err;

	for (s.off = 0; s.off < fs->block_size; s.off += s.rec_len) {
		struct ext2_dir_entry_2 *de = slot_de(&s);
		u32 used;

		if ((err = slot_check(fs, &s)))
			return err;
		used = de->inode ? EXT2_DIR_REC_LEN(s.name_len) : 0;
		if (s.rec_len - used < need)
			continue;
		if (used) {
			struct ext2_dir_entry_2 *nde = (struct ext2_dir_entry_2 *)((u8 *)de + used);

			nde->rec_len = rec_len_to_disk(s.rec_len - used);
			de->rec_len = used;
			de = nde;
		}
		fill_entry(fs, de, name, len, inode);
		return sync_dirty_buffer(bh) < 0 ? -EIO : 1;
	}
	return 0;
}

/* No block has room: a new one at the end of the directory, holding only this entry. */
static int add_in_new_block(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ext2_sb_info *fs = EXT2_SB(dir->i_sb);
	struct ext2_inode_info *ei = EXT2_I(dir);
	struct buffer_head *bh;
	struct ext2_dir_entry_2 *de;
	u32 blk = 0;
	int err = ext2_bmap_alloc(fs, ei, dir->i_size / fs->block_size, &blk);

	if (err)
		return err;
	if (!(bh = sb_getblk_zero(dir->i_sb, blk)))
		return -EIO;
	de = (struct ext2_dir_entry_2 *)bh->b_data;
	de->rec_len = rec_len_to_disk(fs->block_size);
	fill_entry(fs, de, name, len, inode);
	err = sync_dirty_buffer(bh);
	brelse(bh);
	dir->i_size += fs->block_size;
	ei->size = dir->i_size;
	return err;
}

/* Linux ext2_add_link: @name in @dir now names @inode (the caller counts the link). */
int ext2_add_link(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ext2_sb_info *fs = EXT2_SB(dir->i_sb);
	u64 nblocks = dir->i_size / fs->block_size;
	u32 need = EXT2_DIR_REC_LEN(len);
	int r = 0;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (u64 n = 0; n < nblocks && r == 0; n++) {
		struct buffer_head *bh;

		if ((r = read_dir_block(fs, EXT2_I(dir), n, &bh)))
			return r;
		r = add_in_block(fs, bh, need, name, len, inode);
		brelse(bh);
	}
	if (r == 0)
		r = add_in_new_block(dir, name, len, inode);
	if (r < 0)
		return r;
	dir_changed(dir);
	return 0;
}

/* Linux ext2_delete_entry: the previous entry swallows it, or, first in its block, it is marked unused. */
int ext2_delete_entry(struct inode *dir, const char *name, size_t len)
{
	struct dir_slot s;
	int err = find_entry(dir, name, len, &s);

	if (err)
		return err;
	if (s.prev != s.off) {
		struct ext2_dir_entry_2 *pde = (struct ext2_dir_entry_2 *)(s.bh->b_data + s.prev);

		pde->rec_len = rec_len_to_disk(rec_len_from_disk(EXT2_SB(dir->i_sb), pde->rec_len) + s.rec_len);
	}
	slot_de(&s)->inode = 0;
	err = sync_dirty_buffer(s.bh);
	brelse(s.bh);
	if (!err)
		dir_changed(dir);
	return err;
}

/* Linux ext2_set_link: @name now names @inode (rename over a file; ".." of a moved directory). */
int ext2_set_link(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct dir_slot s;
	int err = find_entry(dir, name, len, &s);

	if (err)
		return err;
	fill_entry(EXT2_SB(dir->i_sb), slot_de(&s), name, len, inode);
	err = sync_dirty_buffer(s.bh);
	brelse(s.bh);
	if (!err)
		dir_changed(dir);
	return err;
}

/* Linux ext2_make_empty: a new directory's first block, "." and "..". */
int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	struct ext2_sb_info *fs = EXT2_SB(inode->i_sb);
	struct ext2_dir_entry_2 *dot, *dotdot;
	struct buffer_head *bh;
	u32 blk = 0;
	int err = ext2_bmap_alloc(fs, EXT2_I(inode), 0, &blk);

	if (err)
		return err;
	if (!(bh = sb_getblk_zero(inode->i_sb, blk)))
		return -EIO;
	dot = (struct ext2_dir_entry_2 *)bh->b_data;
	dot->rec_len = EXT2_DIR_REC_LEN(1);
	fill_entry(fs, dot, ".", 1, inode);
	dotdot = (struct ext2_dir_entry_2 *)(bh->b_data + dot->rec_len);
	dotdot->rec_len = rec_len_to_disk(fs->block_size - dot->rec_len);
	fill_entry(fs, dotdot, "..", 2, parent);
	err = sync_dirty_buffer(bh);
	brelse(bh);
	inode->i_size = EXT2_I(inode)->size = fs->block_size;
	inode->i_blocks = EXT2_I(inode)->blocks;
	mark_inode_dirty(inode);
	return err;
}

/* Linux ext2_empty_dir: nothing in it but "." and "..". */
int ext2_empty_dir(struct inode *inode)
{
	struct ext2_sb_info *fs = EXT2_SB(inode->i_sb);
	struct ext2_dirent_out *de = kmalloc(sizeof(*de), 0);
	u64 pos = 0;
	int r;

	if (!de)
		return -ENOMEM;
	while ((r = ext2_readdir(fs, EXT2_I(inode), &pos, de)) > 0) {
		bool dots = (de->namelen == 1 && de->name[0] == '.') ||
			    (de->namelen == 2 && de->name[0] == '.' && de->name[1] == '.');
		if (!dots)
			break;
	}
	kfree(de);
	return r < 0 ? r : r == 0;
}
