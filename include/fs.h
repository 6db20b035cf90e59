/*
 * The VFS in miniature: inodes (one per file, cached, each with its page
 * cache), open files, and the operations behind file descriptors.
 * Backed by the ext2 RAM disk (fs/ext2.c), plus a few character devices
 * (/dev/null, /dev/ttyS0..3) and pipes.
 */
#ifndef _FAULTLINE_FS_H
#define _FAULTLINE_FS_H
#include "types.h"
#include "list.h"
#include "ext2.h"

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFREG 0100000
#define S_IFIFO 0010000
#define S_IFLNK 0120000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)

#define O_ACCMODE 3
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0x40
#define O_EXCL 0x80
#define O_NOCTTY 0x100
#define O_TRUNC 0x200
#define O_APPEND 0x400
#define O_NONBLOCK 0x800
#define O_LARGEFILE 0x8000
#define O_DIRECTORY 0x10000
#define O_NOFOLLOW 0x20000
#define O_CLOEXEC 0x80000
#define AT_FDCWD (-100)
#define PATH_MAX 4096

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

struct inode;
struct file;
struct address_space {
	struct inode *host;
	struct list_head pages;        /* struct page.lru, in no order */
	u64 nrpages;
};

struct file_operations {
	ssize_t (*read)(struct file *f, char *ubuf, size_t n);
	ssize_t (*write)(struct file *f, const char *ubuf, size_t n);
	long (*ioctl)(struct file *f, unsigned cmd, u64 arg);
	unsigned (*poll)(struct file *f);        /* POLLIN/POLLOUT/...; NULL: always ready */
	void (*release)(struct file *f);
	bool seekable;
};

struct pipe_inode_info;
struct inode {
	u32 i_ino;
	u16 i_mode;
	u64 i_size;
	int i_count;
	u32 i_rdev;                    /* char devices: which one */
	struct ext2_inode_info ext2;
	struct address_space i_mapping;
	const struct file_operations *i_fop;
	struct pipe_inode_info *i_pipe;
	struct list_head i_list;       /* the inode cache */
};

struct file {
	int f_count;
	u32 f_flags;
	u64 f_pos;
	struct inode *f_inode;
	const struct file_operations *f_op;
	char *f_path;                  /* absolute path it was opened by (for *at calls, fchdir) */
};

struct stat {                      /* Linux x86-64 struct stat, 144 bytes */
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, __pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 __unused[3];
};

/* fs/namei.c + fs/inode.c */
void vfs_init(void);
int path_lookup(const char *path, struct inode **out);
int user_path_lookup(u64 upath, char *buf, size_t size, struct inode **out);
int absolute_path(const char *path, char *buf, size_t size);
void normalize_path(const char *in, char *out, size_t size);
int user_path_at(u64 dfd, u64 upath, char *buf, size_t size);
void iput(struct inode *inode);
struct inode *igrab(struct inode *inode);
extern struct ext2_fs rootfs;

/* fs/file.c */
struct file *file_open_inode(struct inode *inode, u32 flags);
struct file *filp_open(const char *path, u32 flags, int *err);
struct file *fget(int fd);
void fput(struct file *f);
int fd_install(struct file *f, int minfd);
ssize_t kernel_read(struct file *f, u64 pos, void *buf, size_t n);
void do_close_on_exec(void);

/* fs/pipe.c, drivers/tty/tty_io.c */
int do_pipe(struct file **rd, struct file **wr);
struct inode *tty_inode(int port);
struct inode *null_inode(void);
#define MEM_MINOR_ZERO 5                /* Linux drivers/char/mem.c minors */
#define MEM_MINOR_FULL 7
#define MEM_MINOR_RANDOM 8
#define MEM_MINOR_URANDOM 9
#define ZERO_RDEV 0x105
static inline bool is_dev_zero(const struct inode *i) { return S_ISCHR(i->i_mode) && i->i_rdev == ZERO_RDEV; }
extern int user_console_port;

/* mm/filemap.c */
extern const struct vm_operations_struct generic_file_vm_ops;
struct page *find_get_page(struct address_space *m, u64 index);
struct page *read_cache_page(struct inode *inode, u64 index, bool *major);
void truncate_inode_pages(struct address_space *m);

#endif
