/*
 * fs/ext2.c - read-only ext2, read straight from the RAM-disk image.
 *
 * A word on the layout (the "Second Extended File System" spec, and Linux
 * fs/ext2/ext2.h). All fields are little-endian. For 1 KiB blocks:
 *
 *   block 0      1            2 ..          bitmap  bitmap  inode table     data
 *  +-----------+------------+-------------+-------+-------+---------------+--------
 *  | boot area | superblock | group desc. | block | inode | inodes_per_   | file and
 *  | (unused)  | (byte 1024)| table (GDT) |       |       | group inodes  | dir blocks
 *  +-----------+------------+-------------+-------+-------+---------------+--------
 *  |<------------------------- block group 0 ------------------------------------->
 *
 *  - The superblock is always at byte 1024, whatever the block size. With
 *    1 KiB blocks it fills block 1 and s_first_data_block is 1; with larger
 *    blocks it sits inside block 0 and s_first_data_block is 0.
 *  - The group descriptor table starts in the block after the superblock's
 *    (s_first_data_block + 1): one 32-byte descriptor per group, each naming
 *    where that group's bitmaps and inode table are. Group g covers blocks
 *    s_first_data_block + g * s_blocks_per_group onwards. Backups of the
 *    superblock and GDT in other groups are never read here.
 *  - Inode n (numbered from 1; 2 is the root directory) is entry
 *    (n - 1) % inodes_per_group of the inode table of group
 *    (n - 1) / inodes_per_group, each entry s_inode_size bytes.
 *  - An inode's data is found through i_block[15] (p = block_size / 4
 *    pointers fit in one block):
 *
 *      i_block[0..11] -> data blocks 0..11
 *      i_block[12]    -> [p ptrs] -> data                      next p blocks
 *      i_block[13]    -> [p ptrs] -> [p ptrs] -> data          next p^2
 *      i_block[14]    -> [p ptrs] -> [p ptrs] -> [p ptrs] -> data   next p^3
 *
 *    A 0 anywhere on that path is a hole, which reads as zeros.
 *  - A directory is a file of blocks filled with entries
 *    {inode, rec_len, name_len, file_type, name}; rec_len chains to the next
 *    entry, entries never cross a block, and inode 0 marks a free slot.
 *  - A symlink whose target is under 60 bytes keeps it in i_block itself
 *    (a "fast" symlink); a longer one keeps it in data block 0.
 *
 * Trust: the image is input, not memory we own. Every number read from it
 * (block numbers, inode numbers, rec_len, sizes) is checked before it is used,
 * every read goes through bdev_read(), which refuses anything outside the
 * image, and every loop advances by at least one validated step, so a corrupt
 * image gives -EIO (with the reason in fs->error), never a crash or a hang.
 *
 * Not supported: writing, and the ext3/ext4 incompat features (journal
 * recovery, extents, 64-bit descriptors, meta_bg, flex_bg, inline data...):
 * ext2_mount refuses every incompat feature but filetype, as a reader must.
 */
#include <ext2.h>
#include <errno.h>
#include <string.h>

#define BITS_PER_BYTE 8
#define EXT2_SECTOR_SIZE 512		/* unit of i_blocks */
#define EXT2_DIR_PAD 4			/* ext2: directory entries are 4-byte aligned */
#define EXT2_DIR_HEAD ((u32)sizeof(struct ext2_dir_entry_2))
#define EXT2_DIR_REC_LEN(name_len) (((name_len) + EXT2_DIR_HEAD + EXT2_DIR_PAD - 1) & ~(EXT2_DIR_PAD - 1))
#define EXT2_MAX_REC_LEN 65535		/* a 16-bit rec_len cannot say 65536 */
#define EXT2_MAX_DEPTH 4		/* the i_block slot plus up to three indirect levels */
#define EXT2_MAX_RW_COUNT 0x7ffff000UL	/* Linux MAX_RW_COUNT: the most one read returns */
#define EXT2_FAST_LINK_MAX (EXT2_N_BLOCKS * sizeof(u32))
#define NAMEI_BUF 512			/* room for spliced symlink targets in one walk */

#define REASON_OCT 8
#define REASON_DEC 10
#define REASON_HEX 16

/* ------------------------------------------------------------ reasons */

/* fs->error text is built without a printf: "ext2: " + words + a number. */
struct reason {
	char *p, *end;
};

static void reason_str(struct reason *r, const char *s)
{
	while (*s && r->p < r->end)
		*r->p++ = *s++;
}

static void reason_num(struct reason *r, u64 v, u32 base)
{
	char digits[24];
	int n = 0;

	if (base == REASON_HEX)
		reason_str(r, "0x");
	if (base == REASON_OCT)
		reason_str(r, "0");
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n > 0 && r->p < r->end)
		*r->p++ = digits[--n];
}

static struct reason reason_begin(struct ext2_fs *fs)
{
	struct reason r = { fs->error_buf, fs->error_buf + sizeof(fs->error_buf) - 1 };

	reason_str(&r, "ext2: ");
	return r;
}

static int reason_end(struct ext2_fs *fs, struct reason *r, int err)
{
	*r->p = '\0';
	fs->error = fs->error_buf;
	return err;
}

/* Record "ext2: <what> <value>" and return @err. */
static int fail_num(struct ext2_fs *fs, int err, const char *what, u64 value, u32 base)
{
	struct reason r = reason_begin(fs);

	reason_str(&r, what);
	reason_str(&r, " ");
	reason_num(&r, value, base);
	return reason_end(fs, &r, err);
}

static int fail(struct ext2_fs *fs, int err, const char *what)
{
	struct reason r = reason_begin(fs);

	reason_str(&r, what);
	return reason_end(fs, &r, err);
}

static int fail_truncated(struct ext2_fs *fs, u64 have, u64 want)
{
	struct reason r = reason_begin(fs);

	reason_str(&r, "image truncated: ");
	reason_num(&r, have, REASON_DEC);
	reason_str(&r, " bytes, superblock says ");
	reason_num(&r, want, REASON_DEC);
	return reason_end(fs, &r, -EIO);
}

/* ------------------------------------------------------------ superblock */

static int read_super(struct ext2_fs *fs, struct ext2_super_block *sb)
{
	if (bdev_read(fs->bd, EXT2_SUPERBLOCK_OFFSET, sb, sizeof(*sb)) < 0)
		return fail_num(fs, -EIO, "image too small for a superblock:", fs->bd->size, REASON_DEC);
	if (sb->s_magic != EXT2_SUPER_MAGIC)
		return fail_num(fs, -EINVAL, "bad magic", sb->s_magic, REASON_HEX);
	if (sb->s_rev_level > EXT2_DYNAMIC_REV)
		return fail_num(fs, -EINVAL, "unknown revision", sb->s_rev_level, REASON_DEC);
	fs->rev_level = sb->s_rev_level;
	return 0;
}

/* ext2: block size = 1024 << s_log_block_size, from 1 KiB to 64 KiB. */
static int decode_block_size(struct ext2_fs *fs, const struct ext2_super_block *sb)
{
	if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG_SIZE - EXT2_MIN_BLOCK_LOG_SIZE)
		return fail_num(fs, -EINVAL, "bad s_log_block_size", sb->s_log_block_size, REASON_DEC);
	fs->block_size = EXT2_MIN_BLOCK_SIZE << sb->s_log_block_size;
	fs->ptrs_per_block = fs->block_size / sizeof(u32);
	return 0;
}

/* Each group's block and inode bitmaps are one block, which bounds the per-group counts. */
static int decode_counts(struct ext2_fs *fs, const struct ext2_super_block *sb)
{
	u32 bitmap_bits = fs->block_size * BITS_PER_BYTE;

	fs->blocks_count = sb->s_blocks_count;
	fs->inodes_count = sb->s_inodes_count;
	fs->blocks_per_group = sb->s_blocks_per_group;
	fs->inodes_per_group = sb->s_inodes_per_group;
	if (!fs->blocks_count || !fs->inodes_count)
		return fail(fs, -EINVAL, "zero block or inode count");
	if (!fs->blocks_per_group || fs->blocks_per_group > bitmap_bits)
		return fail_num(fs, -EINVAL, "bad s_blocks_per_group", fs->blocks_per_group, REASON_DEC);
	if (!fs->inodes_per_group || fs->inodes_per_group > bitmap_bits)
		return fail_num(fs, -EINVAL, "bad s_inodes_per_group", fs->inodes_per_group, REASON_DEC);
	return 0;
}

/*
 * e2fsck: s_first_data_block is 1 for 1 KiB blocks (block 0 is the boot
 * area) and 0 otherwise. ext4_fill_super: s_inodes_count must be exactly
 * inodes_per_group times the number of groups.
 */
static int decode_groups(struct ext2_fs *fs, const struct ext2_super_block *sb)
{
	u32 want_first = fs->block_size == EXT2_MIN_BLOCK_SIZE ? 1 : 0;
	u64 data_blocks;

	if (sb->s_first_data_block != want_first)
		return fail_num(fs, -EINVAL, "bad s_first_data_block", sb->s_first_data_block, REASON_DEC);
	fs->first_data_block = sb->s_first_data_block;
	if (fs->blocks_count <= fs->first_data_block)
		return fail_num(fs, -EINVAL, "too few blocks:", fs->blocks_count, REASON_DEC);
	data_blocks = fs->blocks_count - fs->first_data_block;
	fs->groups_count = (data_blocks + fs->blocks_per_group - 1) / fs->blocks_per_group;
	if ((u64)fs->inodes_per_group * fs->groups_count != fs->inodes_count)
		return fail_num(fs, -EINVAL, "s_inodes_count disagrees with the group count:", fs->inodes_count,
				REASON_DEC);
	fs->gdt_block = fs->first_data_block + 1;
	return 0;
}

/* Linux ext2_fill_super: a power of two from 128 up to the block size. */
static bool inode_size_ok(u32 size, u32 block_size)
{
	return size >= EXT2_GOOD_OLD_INODE_SIZE && size <= block_size && !(size & (size - 1));
}

/* Revision 0 has fixed inodes and no feature fields. */
static int decode_inodes(struct ext2_fs *fs, const struct ext2_super_block *sb)
{
	u64 table_bytes;

	fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
	fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	if (fs->rev_level >= EXT2_DYNAMIC_REV) {
		fs->inode_size = sb->s_inode_size;
		fs->first_ino = sb->s_first_ino;
		fs->feature_compat = sb->s_feature_compat;
		fs->feature_incompat = sb->s_feature_incompat;
		fs->feature_ro_compat = sb->s_feature_ro_compat;
	}
	if (!inode_size_ok(fs->inode_size, fs->block_size))
		return fail_num(fs, -EINVAL, "bad inode size", fs->inode_size, REASON_DEC);
	table_bytes = (u64)fs->inodes_per_group * fs->inode_size;
	fs->inode_table_blocks = (table_bytes + fs->block_size - 1) / fs->block_size;
	return 0;
}

/* Incompat features change the layout: reading on regardless would misread the image. */
static int check_features(struct ext2_fs *fs)
{
	u32 unknown = fs->feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;

	if (unknown)
		return fail_num(fs, -EINVAL, "unsupported incompat features", unknown, REASON_HEX);
	return 0;
}

static int check_image_size(struct ext2_fs *fs)
{
	u64 fs_bytes = (u64)fs->blocks_count * fs->block_size;

	if (fs->bd->size < fs_bytes)
		return fail_truncated(fs, fs->bd->size, fs_bytes);
	return 0;
}

static int check_gdt(struct ext2_fs *fs)
{
	u64 gdt_bytes = (u64)fs->groups_count * sizeof(struct ext2_group_desc);
	u64 gdt_blocks = (gdt_bytes + fs->block_size - 1) / fs->block_size;

	if (fs->gdt_block + gdt_blocks > fs->blocks_count)
		return fail(fs, -EINVAL, "group descriptor table runs past the last block");
	return 0;
}

static int check_root(struct ext2_fs *fs)
{
	struct ext2_inode_info root;
	int err = ext2_read_inode(fs, EXT2_ROOT_INO, &root);

	if (err)
		return err;
	if (!ext2_is_dir(&root))
		return fail_num(fs, -EINVAL, "root inode is not a directory: mode", root.mode, REASON_OCT);
	return 0;
}

/* Each step decodes one part of the superblock and checks it before the next relies on it. */
int ext2_mount(struct ext2_fs *fs, struct block_device *bd)
{
	struct ext2_super_block sb;
	int err;

	memset(fs, 0, sizeof(*fs));
	fs->bd = bd;
	fs->error = "ext2: no error";
	if ((err = read_super(fs, &sb)) || (err = decode_block_size(fs, &sb)) ||
	    (err = decode_counts(fs, &sb)) || (err = decode_groups(fs, &sb)) ||
	    (err = decode_inodes(fs, &sb)) || (err = check_features(fs)) ||
	    (err = check_image_size(fs)) || (err = check_gdt(fs)) || (err = check_root(fs)))
		return err;
	return 0;
}

/* ------------------------------------------------------------ inodes */

/* The group's inode table must lie wholly past the GDT and inside the file system. */
static int inode_table_of(struct ext2_fs *fs, u32 group, u32 *table)
{
	struct ext2_group_desc gd;
	u64 off = (u64)fs->gdt_block * fs->block_size + (u64)group * sizeof(gd);

	if (bdev_read(fs->bd, off, &gd, sizeof(gd)) < 0)
		return fail_num(fs, -EIO, "cannot read descriptor of group", group, REASON_DEC);
	if (gd.bg_inode_table <= fs->gdt_block ||
	    (u64)gd.bg_inode_table + fs->inode_table_blocks > fs->blocks_count)
		return fail_num(fs, -EIO, "inode table outside the image, group", group, REASON_DEC);
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

int ext2_read_inode(struct ext2_fs *fs, u32 ino, struct ext2_inode_info *out)
{
	struct ext2_inode raw;
	u32 group, index, table = 0;
	u64 off;
	int err;

	if (ino == 0 || ino > fs->inodes_count)
		return fail_num(fs, -EINVAL, "inode number out of range:", ino, REASON_DEC);
	group = (ino - 1) / fs->inodes_per_group;
	index = (ino - 1) % fs->inodes_per_group;
	err = inode_table_of(fs, group, &table);
	if (err)
		return err;
	off = (u64)table * fs->block_size + (u64)index * fs->inode_size;
	if (bdev_read(fs->bd, off, &raw, sizeof(raw)) < 0)
		return fail_num(fs, -EIO, "cannot read inode", ino, REASON_DEC);
	inode_decode(ino, &raw, out);
	return 0;
}

/* Linux ext2_iget: no links and (no mode or a deletion time) is a deleted inode. */
static bool inode_is_free(const struct ext2_inode_info *ip)
{
	return ip->links == 0 && (ip->mode == 0 || ip->dtime != 0);
}

/* Linux ext2_inode_is_fast_symlink: a symlink with no blocks beyond its xattr block. */
static bool is_fast_symlink(const struct ext2_fs *fs, const struct ext2_inode_info *ip)
{
	u32 xattr_sectors = ip->file_acl ? fs->block_size / EXT2_SECTOR_SIZE : 0;

	return ext2_is_symlink(ip) && ip->blocks == xattr_sectors;
}

/* ------------------------------------------------------------ block map */

/* Linux ext2_data_block_valid: past the superblock and below s_blocks_count. */
static int check_block(struct ext2_fs *fs, u32 blk)
{
	if (blk <= fs->first_data_block || blk >= fs->blocks_count)
		return fail_num(fs, -EIO, "block number outside the file system:", blk, REASON_DEC);
	return 0;
}

/* i_block holds something else in fast symlinks and ext4-only inodes. */
static int check_block_mapped(struct ext2_fs *fs, const struct ext2_inode_info *ip)
{
	if (ip->flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL))
		return fail_num(fs, -EIO, "inode is not block-mapped:", ip->ino, REASON_DEC);
	if (is_fast_symlink(fs, ip))
		return fail_num(fs, -EINVAL, "fast symlink has no data blocks:", ip->ino, REASON_DEC);
	return 0;
}

/*
 * Linux ext2_block_to_path: which i_block slot holds @fblock, then which
 * pointer to follow in each indirect block below it. Returns the path length.
 */
static int block_to_path(const struct ext2_fs *fs, u64 fblock, u32 path[EXT2_MAX_DEPTH])
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
static int read_block_ptr(struct ext2_fs *fs, u32 blk, u32 index, u32 *out)
{
	u64 off = (u64)blk * fs->block_size + (u64)index * sizeof(u32);

	if (bdev_read(fs->bd, off, out, sizeof(*out)) < 0)
		return fail_num(fs, -EIO, "cannot read indirect block", blk, REASON_DEC);
	return 0;
}

int ext2_bmap(struct ext2_fs *fs, struct ext2_inode_info *ip, u64 file_block, u32 *disk_block)
{
	u32 path[EXT2_MAX_DEPTH], blk;
	int depth, i, err;

	err = check_block_mapped(fs, ip);
	if (err)
		return err;
	depth = block_to_path(fs, file_block, path);
	if (depth < 0)
		return fail_num(fs, depth, "file block past the triple-indirect map:", file_block, REASON_DEC);
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
static ssize_t read_in_block(struct ext2_fs *fs, struct ext2_inode_info *ip, u64 off, u8 *buf, u64 len)
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
	if (bdev_read(fs->bd, (u64)blk * fs->block_size + in_block, buf, n) < 0)
		return fail_num(fs, -EIO, "cannot read data block", blk, REASON_DEC);
	return n;
}

/* Linux filemap_read: once some bytes are copied, a later error gives a short read. */
ssize_t ext2_read(struct ext2_fs *fs, struct ext2_inode_info *ip, u64 off, void *buf, size_t len)
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

ssize_t ext2_readlink(struct ext2_fs *fs, struct ext2_inode_info *ip, char *buf, size_t size)
{
	size_t n;

	if (!ext2_is_symlink(ip))
		return fail_num(fs, -EINVAL, "not a symlink: inode", ip->ino, REASON_DEC);
	if (!is_fast_symlink(fs, ip))
		return ext2_read(fs, ip, 0, buf, size);
	if (ip->size >= EXT2_FAST_LINK_MAX)
		return fail_num(fs, -EIO, "fast symlink too long:", ip->size, REASON_DEC);
	n = MIN(size, ip->size);
	memcpy(buf, ip->block, n);
	return n;
}

/* ------------------------------------------------------------ directories */

/*
 * Directory sizes must be whole blocks (ext2 never leaves a partial
 * directory block), and no larger than the file system: that bounds every
 * directory scan.
 */
static int check_dir(struct ext2_fs *fs, const struct ext2_inode_info *dir)
{
	if (!ext2_is_dir(dir))
		return fail_num(fs, -ENOTDIR, "not a directory: inode", dir->ino, REASON_DEC);
	if (dir->size % fs->block_size)
		return fail_num(fs, -EIO, "directory size is not whole blocks:", dir->size, REASON_DEC);
	if (dir->size > (u64)fs->blocks_count * fs->block_size)
		return fail_num(fs, -EIO, "directory larger than the file system:", dir->size, REASON_DEC);
	return 0;
}

/* Linux ext2_rec_len_from_disk: a 64 KiB block's single entry stores 65536 as 65535 (or 0). */
static u32 rec_len_from_disk(const struct ext2_fs *fs, u16 raw)
{
	if (fs->block_size > EXT2_MAX_REC_LEN && (raw == EXT2_MAX_REC_LEN || raw == 0))
		return fs->block_size;
	return raw;
}

/* Without INCOMPAT_FILETYPE (revision 0 style) name_len is 16 bits wide. */
static u32 dirent_name_len(const struct ext2_fs *fs, const struct ext2_dir_entry_2 *de)
{
	if (fs->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE)
		return de->name_len;
	return de->name_len | (u32)de->file_type << BITS_PER_BYTE;
}

static u8 dirent_type(const struct ext2_fs *fs, const struct ext2_dir_entry_2 *de)
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
static int check_dirent(struct ext2_fs *fs, u32 in_block, u32 rec_len, u32 name_len, u32 ino)
{
	if (rec_len < EXT2_DIR_REC_LEN(1))
		return fail_num(fs, -EIO, "dirent rec_len below the minimum:", rec_len, REASON_DEC);
	if (rec_len % EXT2_DIR_PAD)
		return fail_num(fs, -EIO, "dirent rec_len not 4-byte aligned:", rec_len, REASON_DEC);
	if (rec_len > fs->block_size - in_block)
		return fail_num(fs, -EIO, "dirent rec_len runs past the block:", rec_len, REASON_DEC);
	if (name_len > EXT2_NAME_LEN || rec_len < EXT2_DIR_REC_LEN(name_len))
		return fail_num(fs, -EIO, "dirent name_len does not fit:", name_len, REASON_DEC);
	if (ino > fs->inodes_count)
		return fail_num(fs, -EIO, "dirent inode number out of range:", ino, REASON_DEC);
	if (ino && name_len == 0)
		return fail(fs, -EIO, "dirent with an empty name");
	return 0;
}

/* Where byte @pos of @dir lives on disk; a hole in a directory is corruption. */
static int dir_pos_to_disk(struct ext2_fs *fs, struct ext2_inode_info *dir, u64 pos, u64 *disk_off)
{
	u32 in_block = pos % fs->block_size, blk = 0;
	int err = ext2_bmap(fs, dir, pos / fs->block_size, &blk);

	if (err)
		return err;
	if (blk == 0)
		return fail_num(fs, -EIO, "hole in directory inode", dir->ino, REASON_DEC);
	if (fs->block_size - in_block < EXT2_DIR_REC_LEN(1))
		return fail_num(fs, -EIO, "dirent starts too close to the block end in inode", dir->ino,
				REASON_DEC);
	*disk_off = (u64)blk * fs->block_size + in_block;
	return 0;
}

/* Read and check the entry at byte @pos of @dir; *rec_len is the step to the next one. */
static int dirent_at(struct ext2_fs *fs, struct ext2_inode_info *dir, u64 pos, struct ext2_dirent_out *out,
		     u32 *rec_len)
{
	struct ext2_dir_entry_2 de;
	u64 off = 0;
	u32 name_len;
	int err = dir_pos_to_disk(fs, dir, pos, &off);

	if (err)
		return err;
	if (bdev_read(fs->bd, off, &de, sizeof(de)) < 0)
		return fail_num(fs, -EIO, "cannot read dirent at byte", off, REASON_DEC);
	*rec_len = rec_len_from_disk(fs, de.rec_len);
	name_len = dirent_name_len(fs, &de);
	err = check_dirent(fs, pos % fs->block_size, *rec_len, name_len, de.inode);
	if (err)
		return err;
	out->ino = de.inode;
	out->type = dirent_type(fs, &de);
	out->namelen = de.inode ? name_len : 0;
	if (bdev_read(fs->bd, off + sizeof(de), out->name, out->namelen) < 0)
		return fail_num(fs, -EIO, "cannot read dirent name at byte", off, REASON_DEC);
	out->name[out->namelen] = '\0';
	return 0;
}

/* Each step moves *pos on by a checked rec_len of at least 12, so the scan ends. */
int ext2_readdir(struct ext2_fs *fs, struct ext2_inode_info *dir, u64 *pos, struct ext2_dirent_out *out)
{
	int err = check_dir(fs, dir);

	if (err)
		return err;
	if (*pos % EXT2_DIR_PAD)
		return fail_num(fs, -EINVAL, "misaligned directory position", *pos, REASON_DEC);
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

int ext2_dir_lookup(struct ext2_fs *fs, struct ext2_inode_info *dir, const char *name, size_t namelen,
		    u32 *ino)
{
	struct ext2_dirent_out ent;
	u64 pos = 0;
	int r;

	if (namelen > EXT2_NAME_LEN)
		return fail_num(fs, -ENAMETOOLONG, "name too long:", namelen, REASON_DEC);
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

/* ------------------------------------------------------------ path walk */

/*
 * One path walk (Linux's name for it). The unread part of the path is
 * rest[0..restlen): first inside the caller's string; once a symlink is
 * followed, target + "/" + rest is assembled right-aligned in buf, so a
 * later link is simply written in front of it.
 */
struct nameidata {
	struct ext2_fs *fs;
	const char *rest;
	size_t restlen;
	int links;			/* symlinks followed so far */
	bool follow_last;		/* follow a symlink in the last component */
	bool want_dir;			/* the path ended in '/': the result must be a directory */
	struct ext2_inode_info dir;	/* where the next component is looked up */
	char buf[NAMEI_BUF];
};

static void skip_slashes(struct nameidata *nd)
{
	while (nd->restlen && *nd->rest == '/') {
		nd->rest++;
		nd->restlen--;
	}
}

/* Take the next component off the rest; also notes a trailing '/' on the last one. */
static size_t take_component(struct nameidata *nd, const char **name)
{
	size_t len = 0;

	*name = nd->rest;
	while (len < nd->restlen && nd->rest[len] != '/')
		len++;
	nd->rest += len;
	nd->restlen -= len;
	if (nd->restlen) {
		skip_slashes(nd);
		if (!nd->restlen)
			nd->want_dir = true;
	}
	return len;
}

static int lookup_child(struct nameidata *nd, const char *name, size_t len, struct ext2_inode_info *child)
{
	u32 ino = 0;
	int err = ext2_dir_lookup(nd->fs, &nd->dir, name, len, &ino);

	if (err)
		return err;
	err = ext2_read_inode(nd->fs, ino, child);
	if (err)
		return err;
	if (inode_is_free(child))
		return fail_num(nd->fs, -EIO, "directory entry names a free inode:", ino, REASON_DEC);
	return 0;
}

/* Make the rest target + "/" + rest inside buf; *target is where the target goes. */
static int splice_target(struct nameidata *nd, size_t tlen, char **target)
{
	char *end = nd->buf + sizeof(nd->buf);
	size_t sep = nd->restlen ? 1 : 0;
	size_t need = tlen + sep + nd->restlen;

	if (need > sizeof(nd->buf))
		return -ENAMETOOLONG;
	memmove(end - nd->restlen, nd->rest, nd->restlen);
	if (sep)
		end[-(long)nd->restlen - 1] = '/';
	*target = end - need;
	nd->rest = *target;
	nd->restlen = need;
	return 0;
}

/* Linux: an empty target is ENOENT, an absolute one restarts at the root. */
static int follow_link(struct nameidata *nd, struct ext2_inode_info *link)
{
	char *target;
	ssize_t n;
	int err;

	if (++nd->links > EXT2_MAX_SYMLINKS)
		return -ELOOP;
	if (link->size == 0)
		return -ENOENT;
	if (link->size > sizeof(nd->buf))
		return -ENAMETOOLONG;
	err = splice_target(nd, link->size, &target);
	if (err)
		return err;
	n = ext2_readlink(nd->fs, link, target, link->size);
	if (n < 0)
		return n;
	if ((u64)n != link->size)
		return fail_num(nd->fs, -EIO, "short symlink target in inode", link->ino, REASON_DEC);
	if (*target == '/')
		return ext2_read_inode(nd->fs, EXT2_ROOT_INO, &nd->dir);
	return 0;
}

static bool should_follow(const struct nameidata *nd, const struct ext2_inode_info *child)
{
	return ext2_is_symlink(child) && (nd->restlen || nd->follow_last || nd->want_dir);
}

/* Every pass consumes a component or follows one of at most EXT2_MAX_SYMLINKS links. */
static int path_walk(struct nameidata *nd, struct ext2_inode_info *out)
{
	struct ext2_inode_info child;
	int err;

	if (nd->restlen == 0)
		return -ENOENT;
	err = ext2_read_inode(nd->fs, EXT2_ROOT_INO, &nd->dir);
	if (err)
		return err;
	for (;;) {
		const char *name;
		size_t len;

		skip_slashes(nd);
		if (nd->restlen == 0)
			break;
		len = take_component(nd, &name);
		err = lookup_child(nd, name, len, &child);
		if (err)
			return err;
		if (should_follow(nd, &child)) {
			err = follow_link(nd, &child);
			if (err)
				return err;
			continue;
		}
		if (nd->restlen == 0) {
			if (nd->want_dir && !ext2_is_dir(&child))
				return -ENOTDIR;
			*out = child;
			return 0;
		}
		nd->dir = child;
	}
	*out = nd->dir;
	return 0;
}

static int namei(struct ext2_fs *fs, const char *path, bool follow_last, struct ext2_inode_info *out)
{
	struct nameidata nd;

	nd.fs = fs;
	nd.rest = path;
	nd.restlen = strlen(path);
	nd.links = 0;
	nd.follow_last = follow_last;
	nd.want_dir = false;
	return path_walk(&nd, out);
}

int ext2_namei(struct ext2_fs *fs, const char *path, struct ext2_inode_info *out)
{
	return namei(fs, path, true, out);
}

int ext2_lnamei(struct ext2_fs *fs, const char *path, struct ext2_inode_info *out)
{
	return namei(fs, path, false, out);
}
