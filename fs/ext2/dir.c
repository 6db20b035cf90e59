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

int ext2_dir_lookup(struct ext2_sb_info *fs, struct ext2_inode_info *dir, const char *name, size_t namelen,
		    u32 *ino)
{
	struct ext2_dirent_out ent;
	u64 pos = 0;
	int r;

	if (namelen > EXT2_NAME_LEN)
		return ext2_fail_num(fs, -ENAMETOOLONG, "name too long:", namelen, EXT2_REASON_DEC);
	if (namelen == 0)
		return -ENOENT;
	while ((r = ext2_readdir(fs, dir, &pos, &ent)) > 0) {
		if (ent.namelen == namelen && !memcmp(ent.name, name, namelen)) {
			*ino = ent.ino;
			return 0;
		}
	}
	return r < 0 ? r : -ENOENT;
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
