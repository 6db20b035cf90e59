/*
 * The VFS in miniature (Linux: include/linux/fs.h): super blocks, inodes
 * (one per file, cached, each with its page cache), open files, and the
 * operation tables a file system fills in: super_operations,
 * inode_operations, file_operations and address_space_operations. The root
 * file system is mounted by fs/super.c; a few character devices
 * (fs/char_dev.c) and pipes have inodes of no file system.
 */
#ifndef _FAULTLINE_FS_H
#define _FAULTLINE_FS_H
#include "types.h"
#include "list.h"
#include "xarray.h"
#include "buffer_head.h"

#ifndef __user
#define __user			/* a user-space pointer (as in include/syscalls.h) */
#endif

#ifdef __KERNEL__	/* user space (the host tests) has these from libc */

#include "uapi/linux/fcntl.h"
#include "uapi/linux/stat.h"
#include "uapi/linux/fs.h"
#define PATH_MAX 4096
#endif

#define MAXSYMLINKS 40			/* Linux: links followed in one walk before -ELOOP */
#define NAME_MAX 255
typedef s64 loff_t;
typedef u16 umode_t;

struct inode;
struct file;
struct page;
struct super_block;
struct block_device;
struct writeback_control;
struct address_space;

/* How a file system moves pages between its blocks and the page cache. */
struct address_space_operations {
	int (*readpage)(struct file *file, struct page *page);	/* fill one page (Linux: read_folio) */
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*write_begin)(struct file *file, struct address_space *mapping, loff_t pos, unsigned len,
			   struct page **pagep, void **fsdata);
	int (*write_end)(struct file *file, struct address_space *mapping, loff_t pos, unsigned len,
			 unsigned copied, struct page *page, void *fsdata);
};

struct address_space {
	struct inode *host;
	struct xarray i_pages;         /* the cached pages, by page index (lib/xarray.c) */
	u64 nrpages;
	const struct address_space_operations *a_ops;	/* NULL: nothing behind the pages (shmem) */
};

/* One directory entry handed to a dir_context's actor (Linux: filldir). */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen, loff_t next_pos,
			  u64 ino, unsigned d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;		/* where the next entry starts */
};

struct file_operations {
	ssize_t (*read)(struct file *f, char *ubuf, size_t n);
	ssize_t (*write)(struct file *f, const char *ubuf, size_t n);
	int (*iterate_shared)(struct file *f, struct dir_context *ctx);	/* readdir */
	long (*ioctl)(struct file *f, unsigned cmd, u64 arg);
	unsigned (*poll)(struct file *f);        /* POLLIN/POLLOUT/...; NULL: always ready */
	void (*release)(struct file *f);
	bool seekable;
};

/* Names in a directory, and symlinks; the write half (create...) comes with a writable file system. */
struct inode_operations {
	/* Find @name in @dir: 0 and *out (a reference), or -ENOENT, -ENAMETOOLONG, -EIO. */
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	/* A symlink's target into @buf (not NUL-terminated): its length, or -errno. */
	int (*readlink)(struct inode *inode, char *buf, size_t size);
	int (*create)(struct inode *dir, const char *name, size_t len, u16 mode, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len, u16 mode);
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*setattr)(struct inode *inode, loff_t new_size);
};

struct pipe_inode_info;
struct inode {
	u32 i_ino;
	u16 i_mode;
	u64 i_size;
	u32 i_nlink;
	u32 i_uid, i_gid;
	u64 i_blocks;                  /* 512-byte sectors */
	s64 i_atime, i_mtime, i_ctime;
	int i_count;
	u32 i_state;                   /* I_NEW while the file system fills it in */
	dev_t i_rdev;                  /* char devices: which one */
	struct super_block *i_sb;      /* NULL: a pipe, a device, shmem */
	struct address_space i_mapping;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct pipe_inode_info *i_pipe;
	struct list_head i_list;       /* the super block's inode cache */
};
#define I_NEW 1u

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	int (*write_inode)(struct inode *inode, struct writeback_control *wbc);	/* NULL: read-only */
	void (*put_super)(struct super_block *sb);
};

#define SB_RDONLY 1u

struct super_block {
	struct block_device *s_bdev;
	u32 s_blocksize;
	u8 s_blocksize_bits;
	u32 s_flags;                   /* SB_RDONLY */
	u64 s_magic;
	u32 s_dev;                     /* st_dev of its files */
	const struct super_operations *s_op;
	struct file_system_type *s_type;
	struct inode *s_root;
	struct list_head s_inodes;     /* the inode cache */
	void *s_fs_info;               /* the file system's own */
};

/* What a mount tells its caller when it fails (Linux: the fs_context log). */
#define FC_LOG_MAX 128
struct fs_context {
	char log[FC_LOG_MAX];
};

struct file_system_type {
	const char *name;
	int (*fill_super)(struct super_block *sb, struct fs_context *fc);
	struct file_system_type *next;
};

struct file {
	int f_count;
	u32 f_flags;
	u64 f_pos;
	struct inode *f_inode;
	const struct file_operations *f_op;
	char *f_path;                  /* absolute path it was opened by (for *at calls, fchdir) */
};

#ifdef __KERNEL__
struct stat {                      /* Linux x86-64 struct stat, 144 bytes */
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, __pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 __unused[3];
};
#endif

/* fs/super.c */
extern struct super_block *root_sb;          /* the mounted root: where path walks start */
int register_filesystem(struct file_system_type *fs);
struct super_block *mount_bdev(const char *fstype, struct block_device *bd, u32 flags, struct fs_context *fc);
void vfs_init(void);

/* fs/inode.c */
struct inode *iget_locked(struct super_block *sb, u32 ino);
void unlock_new_inode(struct inode *inode);
void iget_failed(struct inode *inode);
struct inode *new_inode_pseudo(void);
void iput(struct inode *inode);
struct inode *igrab(struct inode *inode);

/* fs/namei.c */
#define LOOKUP_FOLLOW 1u                 /* follow a symlink in the last component */
int path_lookup(const char *path, struct inode **out);
int path_lookupat(const char *path, unsigned flags, struct inode **out);
int user_path_lookup(const char __user *upath, char *buf, size_t size, struct inode **out);
int absolute_path(const char *path, char *buf, size_t size);
void normalize_path(const char *in, char *out, size_t size);
int user_path_at(int dfd, const char __user *upath, char *buf, size_t size);
int may_open(struct inode *inode, u32 flags);
int mnt_want_write(struct inode *inode);
static inline bool IS_RDONLY(const struct inode *inode)
{
	return inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY);
}

/* fs/char_dev.c: drivers register /dev names at boot */
int register_chrdev_node(const char *name, dev_t rdev, const struct file_operations *fops);
int lookup_chrdev(const char *path, struct inode **out);

/* fs/file.c */
struct file *file_open_inode(struct inode *inode, u32 flags);
struct file *filp_open(const char *path, u32 flags, int *err);
struct file *fget(int fd);
void fput(struct file *f);
int fd_install(struct file *f, int minfd);
ssize_t kernel_read(struct file *f, u64 pos, void *buf, size_t n);
ssize_t ksys_read(unsigned int fd, char *buf, size_t count);
ssize_t ksys_write(unsigned int fd, const char *buf, size_t count);
int close_fd(unsigned int fd);
void do_close_on_exec(void);

/* fs/pipe.c */
int do_pipe(struct file **rd, struct file **wr);

/* Device numbers as Linux's 16-bit old encoding (major 8 bits, minor 8 bits),
 * which is what st_rdev shows for these small numbers. */
#define MINORBITS 8
#define MKDEV(major, minor) (((dev_t)(major) << MINORBITS) | (minor))
#define MEM_MAJOR 1                     /* Linux: drivers/char/mem.c */
#define MEM_MINOR_ZERO 5
#define TTY_MAJOR 4                     /* Linux: ttyS<n> is 4, 64 + n */
static inline bool is_dev_zero(const struct inode *i)
{
	return S_ISCHR(i->i_mode) && i->i_rdev == MKDEV(MEM_MAJOR, MEM_MINOR_ZERO);
}

/* mm/filemap.c */
extern const struct vm_operations_struct generic_file_vm_ops;
struct page *find_get_page(struct address_space *m, u64 index);
int add_to_page_cache(struct page *pg, struct address_space *m, u64 index);
struct page *read_cache_page(struct inode *inode, u64 index, bool *major);
ssize_t generic_file_read(struct file *f, char *ubuf, size_t n);
ssize_t filemap_read_kernel(struct inode *inode, u64 pos, void *buf, size_t n);
int mpage_readpage(struct page *page, get_block_t *get_block);
void truncate_inode_pages(struct address_space *m);

#endif
