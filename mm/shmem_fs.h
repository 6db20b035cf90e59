/*
 * mm/shmem_fs.h - what the three shmem files share (Linux:
 * include/linux/shmem_fs.h): shmem.c (the pages of a memory file),
 * shmem_super.c (tmpfs, the file system: options, limits, inodes) and
 * shmem_dir.c (tmpfs directories, symlinks and special files).
 *
 * A memfd or shared anonymous memory is an inode of no super block, with
 * no limit.  A tmpfs file is an inode of a tmpfs super block: its pages
 * count against the mount's size= (sbinfo->used_blocks, Linux's
 * shmem_inode_acct_blocks) and every inode, and every extra hard link,
 * against nr_inodes (Linux's shmem_reserve_inode).
 */
#ifndef _MM_SHMEM_FS_H
#define _MM_SHMEM_FS_H
#include <fs.h>

#define MEMFD_VM_NAME_MAX 280		/* "/memfd:" + a 249-byte name + " (deleted)" */
#define BLOCKS_PER_PAGE (PAGE_SIZE / 512)	/* i_blocks counts 512-byte sectors */

/* One tmpfs mount (Linux: struct shmem_sb_info). A limit of 0 is none. */
struct shmem_sb_info {
	u64 max_blocks;			/* size=, in pages */
	u64 used_blocks;		/* pages its files hold now */
	u64 max_inodes;			/* nr_inodes= */
	u64 free_inodes;
	u32 next_ino;			/* st_ino of the next new inode: unique within the mount */
	umode_t mode;			/* mode=: of the root directory */
	u32 uid, gid;			/* uid=, gid=: its owner */
};

/* One name in a tmpfs directory (Linux: a dentry pinned by tmpfs, and its simple_offset). */
struct shmem_dirent {
	struct list_head list;		/* in the directory's entries, by offset */
	loff_t offset;			/* its readdir position, never reused in this directory */
	struct inode *inode;		/* a reference: a named inode stays in memory */
	size_t len;
	char name[];
};

/* What a shmem inode keeps beside its pages (Linux: struct shmem_inode_info). */
struct shmem_inode_info {
	u32 seals;			/* memfd's F_SEAL_*; a tmpfs file has F_SEAL_SEAL (Linux) */
	u64 alloced;			/* tmpfs: pages counted in used_blocks */
	char vm_name[MEMFD_VM_NAME_MAX];	/* memfd: what /proc/PID/maps calls its mappings */
	/* a tmpfs directory */
	struct list_head entries;	/* struct shmem_dirent, by offset */
	loff_t next_offset;		/* the next entry's offset (0 and 1 are "." and "..") */
	struct inode *parent;		/* "..": a reference; NULL for the root, whose ".." is itself */
	/* a tmpfs symlink */
	char *link;			/* its target, NUL-terminated */
};

/* A tmpfs inode: the VFS's and ours in one allocation (Linux: the inode in shmem_inode_info). */
struct shmem_inode {
	struct inode vfs_inode;
	struct shmem_inode_info info;
};

static inline struct shmem_inode_info *SHMEM_I(struct inode *inode) { return inode->i_private; }
static inline struct shmem_sb_info *SHMEM_SB(struct super_block *sb) { return sb->s_fs_info; }

/* mm/shmem.c: a tmpfs regular file's operations and page accounting */
void shmem_reg_inode_init(struct inode *inode);
void shmem_recalc_inode(struct inode *inode);
int shmem_fileattr_set(struct inode *inode, u32 flags);	/* FS_IOC_SETFLAGS on a file or directory */	/* pages gone or come since: used_blocks follows */
void shmem_unacct_inode(struct inode *inode);	/* it goes: all its pages (alloced) leave used_blocks */

/* mm/shmem_super.c */
int shmem_reserve_inode(struct super_block *sb);	/* 0 or -ENOSPC (nr_inodes) */
int shmem_charge_page(struct inode *inode);	/* a page outside the page cache: 0 or -ENOSPC (size=) */
void shmem_free_inode(struct super_block *sb);
struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode, dev_t dev,
			      int *err);

/* mm/shmem_dir.c */
void shmem_dir_inode_init(struct inode *inode, struct inode *parent);
void shmem_special_inode_init(struct inode *inode, dev_t dev);
void shmem_symlink_inode_init(struct inode *inode);
void shmem_drop_all_entries(struct inode *root);	/* umount: every name goes */

#endif
