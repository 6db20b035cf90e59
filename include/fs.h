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
#include "spinlock.h"
#include "buffer_head.h"
#include "errno.h"

#ifndef __user
#define __user			/* a user-space pointer (as in include/syscalls.h) */
#endif

#include "uapi/linux/fs.h"	/* libc has no chattr flags: the host tests need ours too */

#ifdef __KERNEL__	/* user space (the host tests) has these from libc */

#include "uapi/linux/fcntl.h"
#include "uapi/linux/stat.h"
#include "uapi/linux/limits.h"
#define S_IALLUGO 0007777		/* Linux include/linux/stat.h: every permission bit */
#define S_IRWXUGO (S_IRWXU | S_IRWXG | S_IRWXO)	/* Linux include/linux/stat.h: rwx for all three */
#endif

#define MAX_LFS_FILESIZE 0x7fffffffffffffffULL	/* Linux, 64-bit: the largest file offset */
#define MAX_RW_COUNT 0x7ffff000UL		/* Linux caps one read/write at this */
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
struct kstatfs;
struct vm_area_struct;
struct seq_file;

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
	spinlock_t tree_lock;          /* i_pages is looked up and changed under it (Linux: xa_lock, tree_lock before 4.17) */
	u64 nrpages;
	struct list_head i_mmap;       /* every VMA that maps this file (vma->shared): the reverse map */
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

/* One buffer of readv/writev/sendmsg (Linux: struct iovec; UIO_MAXIOV). */
struct iovec;
#ifdef __KERNEL__	/* user space (the host tests) has it from libc */
struct iovec { char __user *iov_base; u64 iov_len; };
#endif
#define IOV_MAX 1024

struct file_operations {
	ssize_t (*read)(struct file *f, char *ubuf, size_t n);
	ssize_t (*write)(struct file *f, const char *ubuf, size_t n);
	int (*iterate_shared)(struct file *f, struct dir_context *ctx);	/* readdir */
	long (*ioctl)(struct file *f, unsigned cmd, u64 arg);
	unsigned (*poll)(struct file *f);        /* POLLIN/POLLOUT/...; NULL: always ready */
	/* How many wake-ups so far concern @events (POLLIN side, POLLOUT side):
	 * what Linux's wait-queue callbacks tell epoll, so EPOLLET can report a
	 * new write to a pipe that was readable already. NULL: only changes of
	 * the poll mask count (fs/eventpoll.c). */
	u64 (*poll_seq)(struct file *f, unsigned events);
	/* A device's say at open (Linux f_op->open): 0, or the errno open(2) returns. NULL: 0. */
	int (*open)(struct file *f);
	void (*release)(struct file *f);
	/* O_ASYNC set or cleared: put the file on the driver's fasync list or off it (Linux f_op->fasync). */
	int (*fasync)(int fd, struct file *f, bool on);
	/* mmap: a new VMA of this file, vm_ops set to the page cache's; may change them or refuse (Linux f_op->mmap) */
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	/* fallocate(2) after the VFS's checks (Linux f_op->fallocate). NULL: EOPNOTSUPP. */
	long (*fallocate)(struct file *f, int mode, loff_t offset, loff_t len);
	/* /proc/PID/fdinfo/N's lines after the common ones (Linux f_op->show_fdinfo). NULL: none. */
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	bool seekable;
};

/* What notify_change() changes (Linux: struct iattr, ATTR_* with Linux's values). */
#define ATTR_MODE 1u
#define ATTR_UID 2u
#define ATTR_GID 4u
#define ATTR_SIZE 8u
#define ATTR_ATIME 16u
#define ATTR_MTIME 32u
#define ATTR_CTIME 64u
#define ATTR_TIMES_SET (1u << 16)	/* utimensat with explicit times: the owner only (EPERM) */
#define ATTR_TOUCH (1u << 17)		/* utimensat(NULL): the owner or a writer (EACCES) */
struct iattr {
	unsigned ia_valid;
	umode_t ia_mode;
	u32 ia_uid, ia_gid;
	loff_t ia_size;
	s64 ia_atime, ia_mtime, ia_ctime;	/* seconds */
	u32 ia_atime_nsec, ia_mtime_nsec, ia_ctime_nsec;
};

/*
 * Names in a directory, and symlinks (Linux: struct inode_operations). The
 * VFS has already checked that the names are free or taken as each call
 * needs, and that the file system is writable; the file system changes the
 * disk and the link counts. Each returns 0 or a negative errno.
 */
struct inode_operations {
	/* Find @name in @dir: 0 and *out (a reference), or -ENOENT, -ENAMETOOLONG, -EIO. */
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	/* A symlink's target into @buf (not NUL-terminated): its length, or -errno. */
	int (*readlink)(struct inode *inode, char *buf, size_t size);
	/* A "magic" link (/proc/PID/fd/N): the walk goes on at the open file's
	 * own inode, not at the path readlink shows, so a pipe, a deleted file
	 * or a memfd can be opened again (Linux: a ->get_link that calls
	 * nd_jump_link).  0 and *target (a reference), with the file's absolute
	 * name in @name (PATH_MAX bytes; "" if it has none), or -errno. */
	int (*get_link)(struct inode *link, struct inode **target, char *name);
	/* May current open or search @inode for @mask (MAY_*)? 0 or -EACCES. NULL: the mode bits
	 * (generic_permission) (Linux i_op->permission). */
	int (*permission)(struct inode *inode, int mask);
	int (*create)(struct inode *dir, const char *name, size_t len, umode_t mode, struct inode **out);
	/* O_TMPFILE: a new regular file of @dir's file system with no name (i_nlink 0). */
	int (*tmpfile)(struct inode *dir, umode_t mode, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len, umode_t mode);
	int (*unlink)(struct inode *dir, const char *name, size_t len, struct inode *victim);
	int (*rmdir)(struct inode *dir, const char *name, size_t len, struct inode *victim);
	int (*link)(struct inode *old, struct inode *dir, const char *name, size_t len);
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target);
	int (*mknod)(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t rdev);
	/* @victim: what new_name named before (NULL if nothing); it is a directory iff @old is, and empty. */
	int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len, struct inode *old,
		      struct inode *new_dir, const char *new_name, size_t new_len, struct inode *victim);
	int (*setattr)(struct inode *inode, const struct iattr *attr);
	/* FS_IOC_SETFLAGS, permission checked: keep @flags (and i_fsflags), or
	 * -EOPNOTSUPP for a flag the file system has not.  NULL: no flags (ENOTTY). */
	int (*fileattr_set)(struct inode *inode, u32 flags);
};

struct pipe_inode_info;
struct inode {
	u32 i_ino;
	u16 i_mode;
	u64 i_size;
	u32 i_nlink;
	u32 i_uid, i_gid;
	u64 i_blocks;                  /* 512-byte sectors */
	s64 i_atime, i_mtime, i_ctime; /* seconds; with the nanoseconds below (ext2 keeps only seconds on disk) */
	u32 i_atime_nsec, i_mtime_nsec, i_ctime_nsec;
	int i_count;
	u32 i_state;                   /* I_NEW while the file system fills it in */
	dev_t i_rdev;                  /* char devices: which one */
	struct super_block *i_sb;      /* NULL: a pipe, a device, shmem */
	struct address_space i_mapping;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct pipe_inode_info *i_pipe;
	void *i_private;               /* the owner's own (shmem: seals) */
	struct list_head i_list;       /* the super block's inode cache */
	int i_writecount;              /* > 0: open for writing that many times; < 0: a running program */
	int i_readcount;               /* regular file: open read-only that many times (leases) */
	struct file_lock_context *i_flctx;	/* fs/locks.c: its flock and record locks, NULL if never locked */
	u64 i_committed;               /* shmem: pages committed for it (mm/overcommit.c), given back when it goes */
	u32 i_fsflags;                 /* FS_*_FL (chattr) as FS_IOC_GETFLAGS shows them */
};
#define I_NEW 1u
#define I_LINKABLE 2u			/* an O_TMPFILE file (not O_EXCL): linkat may give it a name */

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	int (*write_inode)(struct inode *inode, struct writeback_control *wbc);	/* NULL: read-only */
	void (*evict_inode)(struct inode *inode);	/* the last iput: free it on the disk if unlinked */
	int (*statfs)(struct super_block *sb, struct kstatfs *buf);
	void (*put_super)(struct super_block *sb);
	/* Optional: the file system's own options after the flags in /proc/mounts (",size=1024k"). */
	void (*show_options)(struct seq_file *m, struct super_block *sb);
};

/* What statfs(2) reports (Linux: struct kstatfs; fs/statfs.c copies it out). */
struct kstatfs {
	u64 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_namelen, f_frsize, f_flags;
};

/* Super block flags: Linux's SB_*, equal to mount(2)'s MS_* (include/mount.h) */
#define SB_RDONLY 1u
#define SB_NOSUID 2u
#define SB_NODEV 4u
#define SB_NOEXEC 8u
#define SB_SYNCHRONOUS 16u
#define SB_MANDLOCK 64u
#define SB_DIRSYNC 128u
#define SB_NOSYMFOLLOW 256u
#define SB_NOATIME 1024u
#define SB_NODIRATIME 2048u

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
	int s_nr_files;                /* open files of it (fs/file.c): umount's EBUSY (fs/namespace.c) */
};

#define STAT_DEV 0x800			/* a file of no file system (a pipe, a /dev node): the root's, "sda" style */

/* The device fstat and epoll's fdinfo report for @i (Linux: i_sb->s_dev). */
static inline u64 inode_dev(const struct inode *i)
{
	return i->i_sb ? i->i_sb->s_dev : STAT_DEV;
}

/* What a mount tells its caller when it fails (Linux: the fs_context log). */
#define FC_LOG_MAX 128
struct fs_context {
	char log[FC_LOG_MAX];
	const char *data;              /* mount(2)'s option string ("size=1M,mode=755"), or NULL */
};

#define FS_REQUIRES_DEV 1              /* Linux: lives on a block device (ext2), not in memory (tmpfs) */

struct file_system_type {
	const char *name;
	int fs_flags;                  /* FS_REQUIRES_DEV */
	int (*fill_super)(struct super_block *sb, struct fs_context *fc);
	/* umount, before the VFS evicts the inodes: let go of what the file
	 * system itself holds (tmpfs: its directories' entries). NULL: nothing. */
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
};

/* Who an O_ASYNC file signals (Linux: struct fown_struct; fs/fcntl.c). */
struct fown_struct {
	int pid;                       /* 0: nobody */
	int pid_type;                  /* F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP */
	int signum;                    /* F_SETSIG's; 0: SIGIO */
};

struct file {
	int f_count;
	u32 f_flags;
	bool f_writer;                 /* holds one of the inode's i_writecount (dropped at the last fput) */
	bool f_reader;                 /* counted in the inode's i_readcount (Linux: i_readcount_inc) */
	u64 f_pos;
	struct inode *f_inode;
	const struct file_operations *f_op;
	char *f_path;                  /* absolute path it was opened by (for *at calls, fchdir) */
	void *private_data;            /* eventfd, timerfd, epoll: their context */
	struct epitem *f_ep;           /* epoll items watching this file (fs/eventpoll.c), NULL if none */
	struct fown_struct f_owner;    /* F_SETOWN: who hears of its I/O under O_ASYNC */
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

/*
 * Linux's i_writecount rule (include/linux/fs.h): a file cannot be open for
 * writing and running as a program at once; the second to come gets
 * ETXTBSY. Each writer holds +1, each mm running the file (mm->exe_file)
 * and each exec in progress -1.
 */
static inline int get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}
static inline void put_write_access(struct inode *inode) { inode->i_writecount--; }
static inline int deny_write_access(struct file *file)
{
	if (file->f_inode->i_writecount > 0)
		return -ETXTBSY;
	file->f_inode->i_writecount--;
	return 0;
}
static inline void allow_write_access(struct file *file) { file->f_inode->i_writecount++; }
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

/* fs/super.c */
extern struct super_block *root_sb;          /* the mounted root: where path walks start */
int register_filesystem(struct file_system_type *fs);
struct super_block *mount_bdev(const char *fstype, struct block_device *bd, u32 flags, struct fs_context *fc);
struct file_system_type *get_fs_type(const char *name);
/* A new super block of @type (on @bd if it needs a device): NULL with fc->log saying why, and *err. */
struct super_block *vfs_get_super(struct file_system_type *type, struct block_device *bd, u32 flags,
				  struct fs_context *fc, int *err);
/* Its last mount went: write it back, evict its inodes, free it (Linux: deactivate_super). */
void deactivate_super(struct super_block *sb);
/* fs/sync.c: every cached inode of @sb written back (Linux sync_inodes_sb) */
int sync_inodes_sb(struct super_block *sb);
void vfs_init(void);

/* fs/inode.c */
struct inode *iget_locked(struct super_block *sb, u32 ino);
void unlock_new_inode(struct inode *inode);
void iget_failed(struct inode *inode);
struct inode *new_inode_pseudo(void);
struct inode *new_inode_pseudo_sized(size_t size);	/* the inode first in a bigger struct (fs/proc) */
u32 get_next_ino(void);	/* a number for an inode of no file system (Linux get_next_ino) */
void iput(struct inode *inode);
struct inode *igrab(struct inode *inode);
void evict_unused_inode(struct inode *inode);	/* umount's: it leaves the cache */
/* Evict the unused inodes of every mounted file system (@with_pages: also those still caching pages). */
u64 prune_icache(bool with_pages);
/* Linux's write-back of an inode, done at once here: the file system writes it to its disk. */
void mark_inode_dirty(struct inode *inode);
/* The last-close work: dirty pages to the disk, then the inode (Linux: write_inode_now). */
int write_inode_now(struct inode *inode);
/* Linux inode_init_owner: the caller's uid, the parent's gid if it is setgid (and setgid dirs stay so). */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
/* Linux mode_strip_sgid: S_ISGID off a new file the creator may not make setgid in @dir. */
umode_t mode_strip_sgid(const struct inode *dir, umode_t mode);
void inode_set_times_now(struct inode *inode);		/* atime, mtime and ctime */
void inode_set_mtime_ctime_now(struct inode *inode);	/* a content change */
void inode_set_ctime_now(struct inode *inode);		/* a change of the inode alone */
struct file;
void touch_atime(struct file *f);			/* a read or readdir: atime, by relatime's rule */

/* fs/namei.c */
#define LOOKUP_FOLLOW 1u                 /* follow a symlink in the last component */
int path_lookup(const char *path, struct inode **out);
int path_lookupat(const char *path, unsigned flags, struct inode **out);
int path_lookup_canon(const char *path, unsigned flags, struct inode **out, char *canon);
int vfs_tmpfile(const char *path, u32 flags, umode_t mode, struct inode **out, char *name);
int user_path_lookup(const char __user *upath, char *buf, size_t size, struct inode **out);
int absolute_path(const char *path, char *buf, size_t size);
void normalize_path(const char *in, char *out, size_t size);
int user_path_at(int dfd, const char __user *upath, char *buf, size_t size);
int may_open(struct inode *inode, u32 flags);
/* fs/attr.c: an *at path's inode (a reference); AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW as Linux */
int user_inode_at(int dfd, const char __user *upath, int flags, struct inode **out);

#define __FMODE_EXEC 040		/* Linux: exec's own open (MAY_EXEC, not MAY_READ); never from user space */

/* fs/permission.c: who may do what to an inode (MAY_* with Linux's values) */
#define MAY_EXEC 0x01
#define MAY_WRITE 0x02
#define MAY_READ 0x04
#define MAY_APPEND 0x08
#define MAY_ACCESS 0x10
#define MAY_OPEN 0x20
#define MAY_CHDIR 0x40
int generic_permission(const struct inode *inode, int mask);
int inode_permission(const struct inode *inode, int mask);	/* 0, -EACCES or -EROFS */
bool inode_owner_or_capable(const struct inode *inode);
bool check_sticky(const struct inode *dir, const struct inode *inode);	/* true: EPERM */
int may_delete_name(const struct inode *dir, const struct inode *victim);
int may_touch(const struct inode *inode);
int setattr_prepare(const struct inode *inode, struct iattr *attr);
/* open(O_CREAT): the inode @path names, made now (*created) if the name was free. */
int open_create(const char *path, u32 flags, umode_t mode, struct inode **out, bool *created);
int mnt_want_write(struct inode *inode);
/* chattr +i and +a (Linux IS_IMMUTABLE, IS_APPEND: S_IMMUTABLE, S_APPEND). */
static inline bool IS_IMMUTABLE(const struct inode *inode) { return inode->i_fsflags & FS_IMMUTABLE_FL; }
static inline bool IS_APPEND(const struct inode *inode) { return inode->i_fsflags & FS_APPEND_FL; }
static inline bool IS_RDONLY(const struct inode *inode)
{
	return inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY);
}
/* Mounted noexec, nosuid, nodev (Linux path_noexec, mnt_may_suid, may_open_dev); one mount per super block here. */
static inline bool sb_flag(const struct inode *inode, u32 flag)
{
	return inode->i_sb && (inode->i_sb->s_flags & flag);
}
static inline bool path_noexec(const struct file *f) { return sb_flag(f->f_inode, SB_NOEXEC); }

/* fs/char_dev.c: drivers register /dev names at boot */
int register_chrdev_node(const char *name, dev_t rdev, const struct file_operations *fops);
int register_blkdev_node(const char *name, dev_t rdev);
int lookup_chrdev(const char *path, struct inode **out);
const struct file_operations *chrdev_fops(dev_t rdev);

/* fs/file.c */
struct file *file_open_inode(struct inode *inode, u32 flags);
/* Lowest free descriptor >= minfd, close-on-exec if asked (Linux: get_unused_fd_flags + fd_install). */
int install_cloexec(struct file *f, int minfd, bool cloexec);
struct file *filp_open(const char *path, u32 flags, umode_t mode, int *err);
int kernel_mknod(const char *name, umode_t mode, struct inode **out);	/* fs/namei.c: bind's socket file */
int kernel_unlink(const char *name);	/* fs/namei.c: unlink a kernel-chosen path (an old core file) */
int do_truncate(struct inode *inode, loff_t length);
struct file *fget(int fd);
struct file *fget_raw(int fd);
void fput_syscall_files(void);		/* fs/file.c: drop what fget pinned for this syscall */
/* fs/locks.c (Linux: fs/locks.c): file locks */
void locks_remove_file(struct file *f);		/* the description's last close: its flock and OFD locks go */
void locks_remove_posix(struct file *f, void *owner);	/* any close: owner's record locks on f's inode go */
void locks_free_lock_context(struct inode *inode);	/* the inode goes */
struct flock;
struct files_struct;
/* fs/fcntl.c (Linux: fs/fcntl.c): F_SETOWN and friends, SIGIO */
struct fasync_struct;
long fcntl_owner(struct file *f, unsigned int cmd, unsigned long arg);
int fasync_helper(int fd, struct file *f, bool on, struct fasync_struct **list);
void kill_fasync(struct fasync_struct **list, int reason);	/* POLL_IN, POLL_OUT */
long fcntl_setlease(struct file *f, long arg);	/* F_SETLEASE */
long fcntl_getlease(struct file *f);		/* F_GETLEASE */
int break_lease(struct inode *inode, u32 flags);	/* an open: the leases it conflicts with */
long fcntl_lock(unsigned int fd, struct file *f, unsigned int cmd, struct flock __user *arg);	/* F_GETLK ... */
int filp_close(struct file *f, struct files_struct *files);	/* fs/file.c: a descriptor of files goes */
void fput(struct file *f);
int fd_install(struct file *f, int minfd);
ssize_t kernel_read(struct file *f, u64 pos, void *buf, size_t n);
ssize_t ksys_read(unsigned int fd, char *buf, size_t count);
ssize_t ksys_write(unsigned int fd, const char *buf, size_t count);
int close_fd(unsigned int fd);
void do_close_on_exec(void);

/* fs/anon_inodes.c: a file of no file system (eventfd, timerfd, epoll), installed as a descriptor */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops, void *priv, u32 flags);
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv, u32 flags);

/* fs/select.c: sleep one tick or until @deadline (ns, 0: none); -EINTR on a signal */
int poll_schedule_timeout(u64 deadline);

/* fs/eventpoll.c: @f is going away: drop it from every epoll set (Linux: eventpoll_release) */
struct epitem;
void eventpoll_release(struct file *f);

/* mm/shmem.c: a file of memory alone (Linux shmem_file_setup; memfd_create's) */
/* Linux __shmem_file_setup: the kernel's own shmem files (shared anonymous
 * memory, SysV shm segments, memfds) are made S_IRWXUGO; a SysV segment's
 * permissions are its ipc_perm's, not its file's. */
#define SHMEM_FILE_MODE S_IRWXUGO
struct file *shmem_file_setup(const char *name, loff_t size, umode_t mode);
bool is_file_shmem(const struct file *f);
u32 *shmem_seals(struct file *f);		/* memfd's F_SEAL_* bits, NULL if not shmem */
bool mapping_writably_mapped(struct address_space *m);	/* a shared mapping that may write */
/* mm/memfd.c: fcntl F_ADD_SEALS / F_GET_SEALS (Linux: memfd_fcntl) */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

/* fs/pipe.c */
int do_pipe(struct file **rd, struct file **wr);
int fifo_open(struct file *f);				/* a named pipe (S_IFIFO on a file system) is opened */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);	/* F_GETPIPE_SZ, F_SETPIPE_SZ */
struct pipe_inode_info *get_pipe_info(struct file *f);	/* NULL: not a pipe */
ssize_t splice_to_pipe(struct file *f, const void *buf, size_t n, bool nonblock);	/* one slot: sendfile, splice */
int pipe_wait_data(struct file *f, bool nonblock);	/* 1: bytes there, 0: EOF, or -errno (splice) */
long pipe_wait_room(struct file *f, bool nonblock);	/* free slots' bytes, or -errno */
ssize_t pipe_take(struct file *f, void *buf, size_t n);	/* what is there now, consumed */
ssize_t pipe_peek(struct file *f, void *buf, size_t skip, size_t n);	/* ... left in place (tee) */

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
int mpage_writepage(struct page *page, get_block_t *get_block);
void delete_from_page_cache(struct page *pg);
void truncate_inode_pages(struct address_space *m);
u64 invalidate_mapping_pages(struct address_space *m, u64 first, u64 last);	/* clean, unmapped, unused pages only */
ssize_t generic_file_write(struct file *f, const char *ubuf, size_t n);
ssize_t generic_file_write_kernel(struct file *f, const void *buf, size_t n);	/* sendfile's */
ssize_t kernel_write_at(struct file *f, const void *buf, size_t n, u64 pos);	/* f_pos untouched */
bool is_pagecache_file(struct file *f);	/* a regular file read through the page cache (sendfile, splice) */
long get_file_offset(loff_t __user *uoff, struct file *f, loff_t *pos);	/* *uoff, or f_pos (fs/read_write.c) */
long put_file_offset(loff_t __user *uoff, struct file *f, loff_t pos);
long do_readv_writev(unsigned int fd, const struct iovec __user *uiov, unsigned int cnt, bool write);	/* readv/writev (vmsplice too) */
ssize_t splice_file_to_pipe(struct file *in, struct file *out, loff_t *pos, size_t len, bool nonblock);	/* fs/read_write.c */
long vfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len);	/* fallocate(2) on an open file (fs/file.c) */
long generic_fallocate(struct file *f, int mode, loff_t offset, loff_t len);	/* by rewriting the range (mm/filemap.c) */
/* The page at @index, from the cache or new and not yet filled (Linux: grab_cache_page_write_begin). */
struct page *grab_cache_page(struct address_space *m, u64 index);

/* fs/buffer.c: a write into the page cache, through a block file system's get_block. */
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned len, struct page **pagep,
		      get_block_t *get_block);
int generic_write_end(struct file *file, struct address_space *mapping, loff_t pos, unsigned len,
		      unsigned copied, struct page *page, void *fsdata);

/* mm/page-writeback.c: every dirty page of @m back to its file system (Linux: filemap_write_and_wait). */
int filemap_write_and_wait(struct address_space *m);
/* mm/truncate.c: i_size becomes @newsize; pages and mappings past it go (Linux: truncate_setsize). */
void truncate_setsize(struct inode *inode, loff_t newsize);

/* fs/attr.c: change an inode's attributes through its file system (Linux: notify_change). */
int notify_change(struct inode *inode, const struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
/* fs/sync.c: write every dirty page and inode of every file system (Linux: ksys_sync). */
void ksys_sync(void);

#endif
