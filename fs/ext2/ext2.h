/*
 * fs/ext2/ext2.h - ext2, read and written (Linux: fs/ext2/ext2.h and
 * include/linux/ext2_fs.h).
 *
 * Two halves: the on-disk format (structs whose layout is the ext2 spec, all
 * little-endian, so x86-64 can read them as they are) and the in-memory
 * state and calls shared by the files of fs/ext2/ (and tests/host/test_ext2.c). The
 * VFS sees none of this: only the operation tables ext2 fills in. The
 * layout of a whole image is drawn at the top of fs/ext2/super.c.
 */
#ifndef _FAULTLINE_EXT2_H
#define _FAULTLINE_EXT2_H
#include "types.h"
#include "blkdev.h"
#include "buffer_head.h"
#include "fs.h"

/* ------------------------------------------------------------ on disk */

#define EXT2_SUPER_MAGIC 0xEF53
#define EXT2_SUPERBLOCK_OFFSET 1024	/* bytes 0..1023 are left for a boot loader */
#define EXT2_SUPERBLOCK_SIZE 1024
#define EXT2_MIN_BLOCK_LOG_SIZE 10	/* 1 KiB */
#define EXT2_MAX_BLOCK_LOG_SIZE 16	/* 64 KiB */
#define EXT2_MIN_BLOCK_SIZE (1u << EXT2_MIN_BLOCK_LOG_SIZE)

#define EXT2_GOOD_OLD_REV 0		/* fixed 128-byte inodes, first_ino 11 */
#define EXT2_DYNAMIC_REV 1		/* s_inode_size, s_first_ino and feature flags are valid */
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO 11

#define EXT2_ROOT_INO 2
#define EXT2_NAME_LEN 255

/* i_block[]: 12 direct pointers, then one single, double and triple indirect. */
#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK 12
#define EXT2_DIND_BLOCK 13
#define EXT2_TIND_BLOCK 14
#define EXT2_N_BLOCKS 15

/* Feature bits (s_feature_incompat): a reader must refuse any it does not know. */
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002	/* dirent has a file_type byte */
#define EXT2_FEATURE_INCOMPAT_SUPP EXT2_FEATURE_INCOMPAT_FILETYPE
/* s_feature_ro_compat: a writer must refuse (mount read-only) any it does not know. */
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001	/* superblock backups only in groups 0, 1, 3^n, 5^n, 7^n */
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002	/* some file is 2 GiB or more */
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR 0x0004
#define EXT2_FEATURE_RO_COMPAT_SUPP \
	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE | EXT2_FEATURE_RO_COMPAT_BTREE_DIR)

/* i_mode file type bits (the same values as Linux's S_IF*). */
#define EXT2_S_IFMT 0xF000
#define EXT2_S_IFSOCK 0xC000
#define EXT2_S_IFLNK 0xA000
#define EXT2_S_IFREG 0x8000
#define EXT2_S_IFBLK 0x6000
#define EXT2_S_IFDIR 0x4000
#define EXT2_S_IFCHR 0x2000
#define EXT2_S_IFIFO 0x1000

/* Linux ext2: the i_flags FS_IOC_GETFLAGS shows and those chattr may change. */
#define EXT2_FL_USER_VISIBLE 0x0004BDFFu
#define EXT2_FL_USER_MODIFIABLE 0x000380FFu

/* i_flags a block-map reader must not meet (ext4 extents, inline data). */
#define EXT4_EXTENTS_FL 0x00080000
#define EXT4_INLINE_DATA_FL 0x10000000

/* Directory entry file_type values (with INCOMPAT_FILETYPE). */
#define EXT2_FT_UNKNOWN 0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR 2
#define EXT2_FT_CHRDEV 3
#define EXT2_FT_BLKDEV 4
#define EXT2_FT_FIFO 5
#define EXT2_FT_SOCK 6
#define EXT2_FT_SYMLINK 7
#define EXT2_FT_MAX 8

struct ext2_super_block {
	u32 s_inodes_count;
	u32 s_blocks_count;
	u32 s_r_blocks_count;
	u32 s_free_blocks_count;
	u32 s_free_inodes_count;
	u32 s_first_data_block;		/* block holding the superblock: 1 for 1 KiB blocks, else 0 */
	u32 s_log_block_size;		/* block size = 1024 << this */
	u32 s_log_frag_size;
	u32 s_blocks_per_group;
	u32 s_frags_per_group;
	u32 s_inodes_per_group;
	u32 s_mtime;
	u32 s_wtime;
	u16 s_mnt_count;
	u16 s_max_mnt_count;
	u16 s_magic;
	u16 s_state;
	u16 s_errors;
	u16 s_minor_rev_level;
	u32 s_lastcheck;
	u32 s_checkinterval;
	u32 s_creator_os;
	u32 s_rev_level;
	u16 s_def_resuid;
	u16 s_def_resgid;
	/* EXT2_DYNAMIC_REV only from here on */
	u32 s_first_ino;
	u16 s_inode_size;
	u16 s_block_group_nr;
	u32 s_feature_compat;
	u32 s_feature_incompat;
	u32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	u8 s_reserved[EXT2_SUPERBLOCK_SIZE - 200];
};
_Static_assert(sizeof(struct ext2_super_block) == EXT2_SUPERBLOCK_SIZE, "ext2 superblock is 1024 bytes");

/* One per block group, packed in the table that follows the superblock's block. */
struct ext2_group_desc {
	u32 bg_block_bitmap;
	u32 bg_inode_bitmap;
	u32 bg_inode_table;		/* first block of this group's inode table */
	u16 bg_free_blocks_count;
	u16 bg_free_inodes_count;
	u16 bg_used_dirs_count;
	u16 bg_pad;
	u32 bg_reserved[3];
};
_Static_assert(sizeof(struct ext2_group_desc) == 32, "ext2 group descriptor is 32 bytes");

/* The first 128 bytes of every inode; s_inode_size may add more we ignore. */
struct ext2_inode {
	u16 i_mode;
	u16 i_uid;
	u32 i_size;			/* low 32 bits of the size */
	u32 i_atime;
	u32 i_ctime;
	u32 i_mtime;
	u32 i_dtime;			/* deletion time: nonzero on a freed inode */
	u16 i_gid;
	u16 i_links_count;
	u32 i_blocks;			/* 512-byte sectors in use, metadata included */
	u32 i_flags;
	u32 i_osd1;
	u32 i_block[EXT2_N_BLOCKS];	/* the block map, or a fast symlink's target */
	u32 i_generation;
	u32 i_file_acl;			/* extended-attribute block, 0 if none */
	u32 i_size_high;		/* regular files: high 32 bits of the size (was i_dir_acl) */
	u32 i_faddr;
	u8 i_osd2[12];
};
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "ext2 inode is 128 bytes");

/* Directory entry header; name_len bytes of name follow, not NUL-terminated. */
struct ext2_dir_entry_2 {
	u32 inode;			/* 0: unused slot */
	u16 rec_len;			/* distance to the next entry */
	u8 name_len;
	u8 file_type;			/* only with INCOMPAT_FILETYPE; else high byte of name_len */
};
_Static_assert(sizeof(struct ext2_dir_entry_2) == 8, "ext2 dirent header is 8 bytes");

/* ------------------------------------------------------------ in memory */

#ifdef __KERNEL__
/* d_type values of getdents64 (Linux include/linux/fs_types.h); user space has <dirent.h>. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#endif

#define EXT2_ERROR_MAX 96
#define BITS_PER_BYTE 8
#define EXT2_SECTOR_SIZE 512		/* unit of i_blocks */
#define EXT2_DIR_PAD 4			/* ext2: directory entries are 4-byte aligned */
#define EXT2_DIR_HEAD ((u32)sizeof(struct ext2_dir_entry_2))
#define EXT2_DIR_REC_LEN(name_len) (((name_len) + EXT2_DIR_HEAD + EXT2_DIR_PAD - 1) & ~(EXT2_DIR_PAD - 1))
#define EXT2_MAX_REC_LEN 65535		/* a 16-bit rec_len cannot say 65536 */
#define EXT2_MAX_DEPTH 4		/* the i_block slot plus up to three indirect levels */
#define EXT2_MAX_RW_COUNT 0x7ffff000UL	/* Linux MAX_RW_COUNT: the most one read returns */
#define EXT2_FAST_LINK_MAX (EXT2_N_BLOCKS * sizeof(u32))


/* A mounted ext2 (Linux: struct ext2_sb_info): the superblock facts every lookup needs, decoded once. */
struct ext2_sb_info {
	struct super_block *s_sb;	/* blocks are read through it (sb_bread) */
	u32 block_size;
	u32 blocks_count;
	u32 inodes_count;
	u32 blocks_per_group;
	u32 inodes_per_group;
	u32 groups_count;
	u32 first_data_block;
	u32 gdt_block;			/* first block of the group descriptor table */
	u32 inode_size;
	u32 inode_table_blocks;		/* per group */
	u32 ptrs_per_block;		/* block numbers in one indirect block */
	u32 first_ino;
	u32 rev_level;
	u32 feature_compat;
	u32 feature_incompat;
	u32 feature_ro_compat;
	u32 free_blocks;		/* s_free_blocks_count, kept here and written through */
	u32 free_inodes;		/* s_free_inodes_count */
	const char *error;		/* why the last call failed, e.g. "ext2: bad magic 0x1234" */
	char error_buf[EXT2_ERROR_MAX];
};

/* ext2's part of an inode, decoded from struct ext2_inode, around the VFS inode. */
struct ext2_inode_info {
	u32 ino;
	u16 mode;
	u16 uid;
	u16 gid;
	u16 links;
	u64 size;			/* full 64-bit size for regular files */
	u32 blocks;			/* i_blocks: 512-byte sectors */
	u32 flags;
	u32 file_acl;
	u32 atime, ctime, mtime, dtime;
	u32 generation;
	u32 block[EXT2_N_BLOCKS];
	/* The 128 bytes as last read or written: writing an unchanged inode
	 * again is skipped (Linux writes only inodes marked dirty; faultline
	 * writes through, and every last iput of a directory a path walk
	 * passed would otherwise rewrite it). */
	struct ext2_inode on_disk;
	struct inode vfs_inode;
};

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* One directory entry as readdir returns it. */
struct ext2_dirent_out {
	u32 ino;
	u8 type;			/* a Linux DT_* value; DT_UNKNOWN without INCOMPAT_FILETYPE */
	u16 namelen;
	char name[EXT2_NAME_LEN + 1];	/* NUL-terminated */
};

static inline bool ext2_is_dir(const struct ext2_inode_info *ip)
{
	return (ip->mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
}

static inline bool ext2_is_reg(const struct ext2_inode_info *ip)
{
	return (ip->mode & EXT2_S_IFMT) == EXT2_S_IFREG;
}

static inline bool ext2_is_symlink(const struct ext2_inode_info *ip)
{
	return (ip->mode & EXT2_S_IFMT) == EXT2_S_IFLNK;
}

/*
 * All calls return 0 (or a count) on success and a negative errno on failure.
 * -EIO means the image is corrupt or truncated, -EINVAL a bad argument (or,
 * from ext2_setup, a bad superblock); for those, sbi->error says why. Plain
 * lookup outcomes (-ENOENT, -ENOTDIR) need not set it.
 */

/* fs/ext2/super.c: check the superblock and the root directory of sb->s_bdev, and fill @sbi. */
int ext2_setup(struct ext2_sb_info *sbi, struct super_block *sb);

/* fs/ext2/super.c: record "ext2: <what> <value>" in sbi->error and return @err. */
#define EXT2_REASON_OCT 8
#define EXT2_REASON_DEC 10
#define EXT2_REASON_HEX 16
int ext2_fail_num(struct ext2_sb_info *sbi, int err, const char *what, u64 value, u32 base);
int ext2_fail(struct ext2_sb_info *sbi, int err, const char *what);
int ext2_fail_truncated(struct ext2_sb_info *sbi, u64 have, u64 want);

/* fs/ext2/super.c: blocks of metadata (superblock copies, GDTs, bitmaps, inode tables), as statfs leaves out. */
u32 ext2_overhead_blocks(struct ext2_sb_info *sbi);
/* fs/ext2/super.c: write the free counts (and s_wtime) back into the on-disk superblock. */
int ext2_sync_super(struct ext2_sb_info *sbi);

/* fs/ext2/balloc.c: group descriptors, bitmaps, blocks. */
int ext2_get_group_desc(struct ext2_sb_info *sbi, u32 group, struct ext2_group_desc *gd);
int ext2_put_group_desc(struct ext2_sb_info *sbi, u32 group, const struct ext2_group_desc *gd);
long ext2_bitmap_take(struct ext2_sb_info *sbi, u32 bitmap_blk, u32 nbits, u32 from);
int ext2_bitmap_release(struct ext2_sb_info *sbi, u32 bitmap_blk, u32 bit);
long ext2_new_block(struct ext2_sb_info *sbi, u32 goal);	/* the block, or -ENOSPC / -EIO */
int ext2_free_block(struct ext2_sb_info *sbi, u32 blk);

/* fs/ext2/ialloc.c: inode numbers. */
long ext2_new_inode_number(struct ext2_sb_info *sbi, u32 parent_ino, bool dir);
int ext2_free_inode_number(struct ext2_sb_info *sbi, u32 ino, bool dir);

/* fs/ext2/inode.c */
int ext2_read_bytes(struct ext2_sb_info *sbi, u32 blk, u32 off, void *buf, u32 len);
int ext2_write_bytes(struct ext2_sb_info *sbi, u32 blk, u32 off, const void *buf, u32 len);
int ext2_write_inode_raw(struct ext2_sb_info *sbi, struct ext2_inode_info *ip);
/* Like ext2_bmap, but a hole gets a new zeroed block (and the indirect blocks on its way). */
int ext2_bmap_alloc(struct ext2_sb_info *sbi, struct ext2_inode_info *ip, u64 file_block, u32 *disk_block);
/* Free every block of @ip from file block @keep on (the indirect blocks that only served them too). */
int ext2_truncate_blocks(struct ext2_sb_info *sbi, struct ext2_inode_info *ip, u64 keep);
/* The VFS inode's fields (mode, size, links, owner, times) into ext2's copy, then to the disk. */
int ext2_sync_inode(struct inode *inode);
/* A new inode in @dir's file system: number, on-disk inode and VFS inode, one link. */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode, int *err);
void ext2_evict_inode(struct inode *inode);
void ext2_encode_dev(struct ext2_inode_info *ip, dev_t rdev);
int ext2_read_inode(struct ext2_sb_info *sbi, u32 ino, struct ext2_inode_info *out);	/* 1..inodes_count */
bool ext2_inode_is_free(const struct ext2_inode_info *ip);
bool ext2_is_fast_symlink(const struct ext2_sb_info *sbi, const struct ext2_inode_info *ip);
/* File block -> disk block through i_block[]; 0 for a hole. -EFBIG past the map. */
int ext2_bmap(struct ext2_sb_info *sbi, struct ext2_inode_info *ip, u64 file_block, u32 *disk_block);
/* Read up to @len bytes at @off, stopping at i_size; holes read as zeros. */
ssize_t ext2_read(struct ext2_sb_info *sbi, struct ext2_inode_info *ip, u64 off, void *buf, size_t len);
struct inode *ext2_iget(struct super_block *sb, u32 ino, int *err);

/* fs/ext2/namei.c: a symlink's target (not NUL-terminated); -EINVAL if @ip is not a symlink. */
ssize_t ext2_readlink(struct ext2_sb_info *sbi, struct ext2_inode_info *ip, char *buf, size_t size);

/* fs/ext2/dir.c: look @name up in @dir: 0 and *ino, or -ENOENT / -ENOTDIR / -ENAMETOOLONG / -EIO. */
int ext2_dir_lookup(struct ext2_sb_info *sbi, struct ext2_inode_info *dir, const char *name, size_t namelen,
		    u32 *ino);
/*
 * Next entry of @dir at byte offset *pos (0 to start; afterwards only values
 * this call stored). 1 and *out per entry, 0 at the end, or -errno.
 */
int ext2_readdir(struct ext2_sb_info *sbi, struct ext2_inode_info *dir, u64 *pos, struct ext2_dirent_out *out);
/* Directory changes (fs/ext2/dir.c), each written to the disk before it returns. */
int ext2_add_link(struct inode *dir, const char *name, size_t len, struct inode *inode);
int ext2_delete_entry(struct inode *dir, const char *name, size_t len);
int ext2_set_link(struct inode *dir, const char *name, size_t len, struct inode *inode);
int ext2_make_empty(struct inode *inode, struct inode *parent);
int ext2_empty_dir(struct inode *inode);	/* 1 if only "." and ".." are left, 0 if not, or -errno */

/* The operation tables (fs/ext2/{inode,dir,namei,file}.c). */
extern const struct address_space_operations ext2_aops;
extern const struct file_operations ext2_file_operations, ext2_dir_operations;
extern const struct inode_operations ext2_file_inode_operations, ext2_dir_inode_operations,
	ext2_symlink_inode_operations;

#endif
