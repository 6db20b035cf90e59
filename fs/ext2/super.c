/*
 * fs/ext2/super.c - mounting ext2: the superblock and group descriptor
 * checks, the super_operations, and the "ext2" file_system_type (Linux:
 * fs/ext2/super.c). The rest of ext2 is in inode.c (inodes, the block map,
 * the page-cache readpage), dir.c (directories) and namei.c (names, symlinks).
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
 * every block is read by number through sb_bread(), which refuses anything
 * outside the device, and every loop advances by at least one validated step, so a corrupt
 * image gives -EIO (with the reason in fs->error), never a crash or a hang.
 *
 * Writing: balloc.c and ialloc.c take blocks and inodes from the bitmaps,
 * keeping the group descriptors' and this superblock's free counts right
 * (ext2_sync_super); every change is written through to the device at once.
 * An ro_compat feature we do not know (e.g. ext4's huge_file) makes the
 * mount read-only, as Linux does.
 *
 * Not supported: the ext3/ext4 incompat features (journal recovery,
 * extents, 64-bit descriptors, meta_bg, flex_bg, inline data...): ext2_setup
 * refuses every incompat feature but filetype, as a reader must.
 */
#include "ext2.h"
#include <init.h>
#include <mm.h>
#include <errno.h>
#include <string.h>
#include <time.h>

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

	if (base == EXT2_REASON_HEX)
		reason_str(r, "0x");
	if (base == EXT2_REASON_OCT)
		reason_str(r, "0");
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n > 0 && r->p < r->end)
		*r->p++ = digits[--n];
}

static struct reason reason_begin(struct ext2_sb_info *fs)
{
	struct reason r = { fs->error_buf, fs->error_buf + sizeof(fs->error_buf) - 1 };

	reason_str(&r, "ext2: ");
	return r;
}

static int reason_end(struct ext2_sb_info *fs, struct reason *r, int err)
{
	*r->p = '\0';
	fs->error = fs->error_buf;
	return err;
}

/* Record "ext2: <what> <value>" and return @err. */
int ext2_fail_num(struct ext2_sb_info *fs, int err, const char *what, u64 value, u32 base)
{
	struct reason r = reason_begin(fs);

	reason_str(&r, what);
	reason_str(&r, " ");
	reason_num(&r, value, base);
	return reason_end(fs, &r, err);
}

int ext2_fail(struct ext2_sb_info *fs, int err, const char *what)
{
	struct reason r = reason_begin(fs);

	reason_str(&r, what);
	return reason_end(fs, &r, err);
}

int ext2_fail_truncated(struct ext2_sb_info *fs, u64 have, u64 want)
{
	struct reason r = reason_begin(fs);

	reason_str(&r, "image truncated: ");
	reason_num(&r, have, EXT2_REASON_DEC);
	reason_str(&r, " bytes, superblock says ");
	reason_num(&r, want, EXT2_REASON_DEC);
	return reason_end(fs, &r, -EIO);
}

/* ------------------------------------------------------------ superblock */

/* The superblock is 1 KiB at byte 1024: block 1 while the block size is still 1 KiB. */
static int read_super(struct ext2_sb_info *fs, struct ext2_super_block *sb)
{
	struct buffer_head *bh;

	sb_set_blocksize(fs->s_sb, EXT2_MIN_BLOCK_SIZE);
	bh = sb_bread(fs->s_sb, EXT2_SUPERBLOCK_OFFSET / EXT2_MIN_BLOCK_SIZE);
	if (!bh)
		return ext2_fail_num(fs, -EIO, "image too small for a superblock:", bdev_nr_bytes(fs->s_sb->s_bdev),
				     EXT2_REASON_DEC);
	memcpy(sb, bh->b_data, sizeof(*sb));
	brelse(bh);
	if (sb->s_magic != EXT2_SUPER_MAGIC)
		return ext2_fail_num(fs, -EINVAL, "bad magic", sb->s_magic, EXT2_REASON_HEX);
	if (sb->s_rev_level > EXT2_DYNAMIC_REV)
		return ext2_fail_num(fs, -EINVAL, "unknown revision", sb->s_rev_level, EXT2_REASON_DEC);
	fs->rev_level = sb->s_rev_level;
	return 0;
}

/* ext2: block size = 1024 << s_log_block_size, from 1 KiB to 64 KiB. */
static int decode_block_size(struct ext2_sb_info *fs, const struct ext2_super_block *sb)
{
	if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG_SIZE - EXT2_MIN_BLOCK_LOG_SIZE)
		return ext2_fail_num(fs, -EINVAL, "bad s_log_block_size", sb->s_log_block_size, EXT2_REASON_DEC);
	fs->block_size = EXT2_MIN_BLOCK_SIZE << sb->s_log_block_size;
	fs->ptrs_per_block = fs->block_size / sizeof(u32);
	return sb_set_blocksize(fs->s_sb, fs->block_size);
}

/* Each group's block and inode bitmaps are one block, which bounds the per-group counts. */
static int decode_counts(struct ext2_sb_info *fs, const struct ext2_super_block *sb)
{
	u32 bitmap_bits = fs->block_size * BITS_PER_BYTE;

	fs->blocks_count = sb->s_blocks_count;
	fs->inodes_count = sb->s_inodes_count;
	fs->free_blocks = sb->s_free_blocks_count;
	fs->free_inodes = sb->s_free_inodes_count;
	fs->blocks_per_group = sb->s_blocks_per_group;
	fs->inodes_per_group = sb->s_inodes_per_group;
	if (!fs->blocks_count || !fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "zero block or inode count");
	if (fs->free_blocks > fs->blocks_count || fs->free_inodes > fs->inodes_count)
		return ext2_fail(fs, -EINVAL, "free counts larger than the totals");
	if (!fs->blocks_per_group || fs->blocks_per_group > bitmap_bits)
		return ext2_fail_num(fs, -EINVAL, "bad s_blocks_per_group", fs->blocks_per_group, EXT2_REASON_DEC);
	if (!fs->inodes_per_group || fs->inodes_per_group > bitmap_bits)
		return ext2_fail_num(fs, -EINVAL, "bad s_inodes_per_group", fs->inodes_per_group, EXT2_REASON_DEC);
	return 0;
}

/*
 * e2fsck: s_first_data_block is 1 for 1 KiB blocks (block 0 is the boot
 * area) and 0 otherwise. ext4_fill_super: s_inodes_count must be exactly
 * inodes_per_group times the number of groups.
 */
static int decode_groups(struct ext2_sb_info *fs, const struct ext2_super_block *sb)
{
	u32 want_first = fs->block_size == EXT2_MIN_BLOCK_SIZE ? 1 : 0;
	u64 data_blocks;

	if (sb->s_first_data_block != want_first)
		return ext2_fail_num(fs, -EINVAL, "bad s_first_data_block", sb->s_first_data_block, EXT2_REASON_DEC);
	fs->first_data_block = sb->s_first_data_block;
	if (fs->blocks_count <= fs->first_data_block)
		return ext2_fail_num(fs, -EINVAL, "too few blocks:", fs->blocks_count, EXT2_REASON_DEC);
	data_blocks = fs->blocks_count - fs->first_data_block;
	fs->groups_count = (data_blocks + fs->blocks_per_group - 1) / fs->blocks_per_group;
	if ((u64)fs->inodes_per_group * fs->groups_count != fs->inodes_count)
		return ext2_fail_num(fs, -EINVAL, "s_inodes_count disagrees with the group count:", fs->inodes_count,
				EXT2_REASON_DEC);
	fs->gdt_block = fs->first_data_block + 1;
	return 0;
}

/* Linux ext2_fill_super: a power of two from 128 up to the block size. */
static bool inode_size_ok(u32 size, u32 block_size)
{
	return size >= EXT2_GOOD_OLD_INODE_SIZE && size <= block_size && !(size & (size - 1));
}

/* Revision 0 has fixed inodes and no feature fields. */
static int decode_inodes(struct ext2_sb_info *fs, const struct ext2_super_block *sb)
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
		return ext2_fail_num(fs, -EINVAL, "bad inode size", fs->inode_size, EXT2_REASON_DEC);
	table_bytes = (u64)fs->inodes_per_group * fs->inode_size;
	fs->inode_table_blocks = (table_bytes + fs->block_size - 1) / fs->block_size;
	return 0;
}

/* Incompat features change the layout: reading on regardless would misread the image. */
static int check_features(struct ext2_sb_info *fs)
{
	u32 unknown = fs->feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;

	if (unknown)
		return ext2_fail_num(fs, -EINVAL, "unsupported incompat features", unknown, EXT2_REASON_HEX);
	return 0;
}

static int check_image_size(struct ext2_sb_info *fs)
{
	u64 fs_bytes = (u64)fs->blocks_count * fs->block_size;
	u64 have = bdev_nr_bytes(fs->s_sb->s_bdev);

	if (have < fs_bytes)
		return ext2_fail_truncated(fs, have, fs_bytes);
	return 0;
}

static int check_gdt(struct ext2_sb_info *fs)
{
	u64 gdt_bytes = (u64)fs->groups_count * sizeof(struct ext2_group_desc);
	u64 gdt_blocks = (gdt_bytes + fs->block_size - 1) / fs->block_size;

	if (fs->gdt_block + gdt_blocks > fs->blocks_count)
		return ext2_fail(fs, -EINVAL, "group descriptor table runs past the last block");
	return 0;
}

static int check_root(struct ext2_sb_info *fs)
{
	struct ext2_inode_info root;
	int err = ext2_read_inode(fs, EXT2_ROOT_INO, &root);

	if (err)
		return err;
	if (!ext2_is_dir(&root))
		return ext2_fail_num(fs, -EINVAL, "root inode is not a directory: mode", root.mode, EXT2_REASON_OCT);
	return 0;
}

/* Each step decodes one part of the superblock and checks it before the next relies on it. */
int ext2_setup(struct ext2_sb_info *fs, struct super_block *s)
{
	struct ext2_super_block sb;
	int err;

	memset(fs, 0, sizeof(*fs));
	fs->s_sb = s;
	s->s_fs_info = fs;
	fs->error = "ext2: no error";
	if ((err = read_super(fs, &sb)) || (err = decode_block_size(fs, &sb)) ||
	    (err = decode_counts(fs, &sb)) || (err = decode_groups(fs, &sb)) ||
	    (err = decode_inodes(fs, &sb)) || (err = check_features(fs)) ||
	    (err = check_image_size(fs)) || (err = check_gdt(fs)) || (err = check_root(fs)))
		return err;
	return 0;
}

/* ------------------------------------------------------------ writing the superblock */

static bool is_power_of(u32 n, u32 base)
{
	while (n > 1 && n % base == 0)
		n /= base;
	return n == 1;
}

/* Linux ext2_group_sparse: with sparse_super only groups 0, 1 and powers of 3, 5, 7 keep a copy. */
static bool group_has_super(struct ext2_sb_info *fs, u32 group)
{
	if (!(fs->feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER) || group <= 1)
		return true;
	return is_power_of(group, 3) || is_power_of(group, 5) || is_power_of(group, 7);
}

/* Linux ext2_statfs's overhead: as it, the reserved GDT blocks are not counted. */
u32 ext2_overhead_blocks(struct ext2_sb_info *fs)
{
	u64 gdt_bytes = (u64)fs->groups_count * sizeof(struct ext2_group_desc);
	u32 gdt_blocks = (gdt_bytes + fs->block_size - 1) / fs->block_size;
	u64 overhead = fs->first_data_block;

	for (u32 g = 0; g < fs->groups_count; g++)
		if (group_has_super(fs, g))
			overhead += 1 + gdt_blocks;
	overhead += (u64)fs->groups_count * (2 + fs->inode_table_blocks);
	return MIN(overhead, (u64)fs->blocks_count);
}

/* Only the fields that change are written; the rest of the on-disk superblock stays as mke2fs left it. */
int ext2_sync_super(struct ext2_sb_info *fs)
{
	u32 blk = EXT2_SUPERBLOCK_OFFSET / fs->block_size, off = EXT2_SUPERBLOCK_OFFSET % fs->block_size;
	struct ext2_super_block *sb;
	struct buffer_head *bh = sb_bread(fs->s_sb, blk);
	int err;

	if (!bh)
		return ext2_fail(fs, -EIO, "cannot read the superblock back");
	sb = (struct ext2_super_block *)(bh->b_data + off);
	sb->s_free_blocks_count = fs->free_blocks;
	sb->s_free_inodes_count = fs->free_inodes;
	sb->s_wtime = ktime_get_real_seconds();
	err = sync_dirty_buffer(bh);
	brelse(bh);
	return err;
}

/* ------------------------------------------------------------ the VFS side */

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = kzalloc(sizeof(*ei));

	return ei ? &ei->vfs_inode : NULL;
}

static void ext2_free_inode(struct inode *inode)
{
	kfree(EXT2_I(inode));
}

static void ext2_put_super(struct super_block *sb)
{
	kfree(EXT2_SB(sb));
	sb->s_fs_info = NULL;
}

static int ext2_write_inode(struct inode *inode, struct writeback_control *wbc)
{
	return ext2_sync_inode(inode);
}

/* Linux ext2_statfs: f_bfree counts every free block, f_bavail leaves out the reserved ones. */
static int ext2_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_sb_info *fs = EXT2_SB(sb);
	u32 reserved = 0;
	struct buffer_head *bh = sb_bread(sb, EXT2_SUPERBLOCK_OFFSET / fs->block_size);

	if (bh) {
		reserved = ((struct ext2_super_block *)(bh->b_data + EXT2_SUPERBLOCK_OFFSET % fs->block_size))
				   ->s_r_blocks_count;
		brelse(bh);
	}
	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = fs->block_size;
	buf->f_blocks = fs->blocks_count - ext2_overhead_blocks(fs);
	buf->f_bfree = fs->free_blocks;
	buf->f_bavail = fs->free_blocks > reserved ? fs->free_blocks - reserved : 0;
	buf->f_files = fs->inodes_count;
	buf->f_ffree = fs->free_inodes;
	buf->f_namelen = EXT2_NAME_LEN;
	buf->f_frsize = fs->block_size;
	return 0;
}

static const struct super_operations ext2_sops = {
	.alloc_inode = ext2_alloc_inode,
	.free_inode = ext2_free_inode,
	.write_inode = ext2_write_inode,
	.evict_inode = ext2_evict_inode,
	.statfs = ext2_statfs,
	.put_super = ext2_put_super,
};

static void log_reason(struct fs_context *fc, const char *reason)
{
	size_t n = 0;

	while (reason[n] && n + 1 < sizeof(fc->log)) {
		fc->log[n] = reason[n];
		n++;
	}
	fc->log[n] = '\0';
}

/*
 * Linux ext2_parse_param: the mount options.  Each one faultline's ext2
 * knows has one way of doing it here, so they are accepted and change
 * nothing; ACLs are not there at all ("(no)acl": EINVAL, as a Linux built
 * without CONFIG_EXT2_FS_POSIX_ACL says), and anything else is EINVAL.
 */
static const char *const ext2_flag_options[] = {
	"bsddf", "minixdf", "grpid", "bsdgroups", "nogrpid", "sysvgroups", "nouid32", "debug",
	"oldalloc", "orlov", "nobh", "user_xattr", "nouser_xattr", "errors=continue",
	"errors=remount-ro", "errors=panic", NULL
};
static const char *const ext2_value_options[] = { "resuid=", "resgid=", NULL };

static bool ext2_known_option(const char *opt, size_t len)
{
	for (int i = 0; ext2_flag_options[i]; i++)
		if (strlen(ext2_flag_options[i]) == len && !strncmp(opt, ext2_flag_options[i], len))
			return true;
	for (int i = 0; ext2_value_options[i]; i++) {
		size_t n = strlen(ext2_value_options[i]);

		if (len > n && !strncmp(opt, ext2_value_options[i], n))
			return true;
	}
	return false;
}

static int ext2_parse_options(const char *data, struct fs_context *fc)
{
	while (data && *data) {
		size_t len = 0;

		while (data[len] && data[len] != ',')
			len++;
		if ((len == 3 && !strncmp(data, "acl", 3)) || (len == 5 && !strncmp(data, "noacl", 5))) {
			log_reason(fc, "(no)acl options not supported");
			return -EINVAL;
		}
		if (len && !ext2_known_option(data, len)) {
			log_reason(fc, "unrecognized mount option or missing value");
			return -EINVAL;
		}
		data += len + (data[len] == ',');
	}
	return 0;
}

/* Linux ext2_fill_super: the options, then check the image, then read the root directory's inode. */
static int ext2_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct ext2_sb_info *sbi;
	int err = ext2_parse_options(fc->data, fc);

	if (err)
		return err;
	if (!(sbi = kzalloc(sizeof(*sbi))))
		return -ENOMEM;
	err = ext2_setup(sbi, sb);
	if (!err) {
		sb->s_op = &ext2_sops;
		sb->s_magic = EXT2_SUPER_MAGIC;
		/* Unknown ro_compat features, or blocks larger than a page (writepage
		 * writes whole blocks from one page), leave the image read-only. */
		if ((sbi->feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP) || sbi->block_size > PAGE_SIZE)
			sb->s_flags |= SB_RDONLY;
		sb->s_root = ext2_iget(sb, EXT2_ROOT_INO, &err);
	}
	if (err) {
		log_reason(fc, sbi->error);
		kfree(sbi);
		sb->s_fs_info = NULL;
	}
	return err;
}

static struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.fill_super = ext2_fill_super,
};

static int init_ext2_fs(void)
{
	return register_filesystem(&ext2_fs_type);
}
fs_initcall(init_ext2_fs);
