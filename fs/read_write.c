/*
 * fs/read_write.c - read, write, their vector forms, lseek, and the
 * operations of ext2 regular files and directories (Linux:
 * fs/read_write.c, fs/readdir.c, fs/stat.c).
 * Every user buffer goes through copy_to_user/copy_from_user, so a bad
 * pointer gives -EFAULT (linux-abi.md §2), never an oops.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

#define IOV_MAX 1024
#define MAX_RW_COUNT 0x7ffff000UL   /* Linux caps one read/write at this */
#define BOUNCE 512
#define LONG_MAX_ 0x7fffffffffffffffL

struct iovec { u64 iov_base, iov_len; };

/* ext2 regular files: read through a bounce buffer. */
static ssize_t ext2_file_read(struct file *f, char *ubuf, size_t n)
{
	char buf[BOUNCE];
	size_t done = 0;
	while (done < n) {
		ssize_t got = ext2_read(&rootfs, &f->f_inode->ext2, f->f_pos, buf, MIN(n - done, sizeof(buf)));
		if (got < 0)
			return done ? (ssize_t)done : got;
		if (!got)
			break;
		if (copy_to_user(ubuf + done, buf, got))
			return done ? (ssize_t)done : -EFAULT;
		done += got;
		f->f_pos += got;
	}
	return done;
}

static ssize_t read_is_dir(struct file *f, char *ubuf, size_t n) { return -EISDIR; }

const struct file_operations ext2_file_ops = { .read = ext2_file_read, .seekable = true };
const struct file_operations ext2_dir_ops = { .read = read_is_dir, .seekable = true };

ssize_t kernel_read(struct file *f, u64 pos, void *buf, size_t n)
{
	return ext2_read(&rootfs, &f->f_inode->ext2, pos, buf, n);
}

SYSCALL_DEFINE3(read, u64, fd, u64, ubuf, u64, n)
{
	struct file *f = fget(fd);
	if (!f || (f->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (!access_ok((void *)ubuf, n))
		return -EFAULT;
	return f->f_op->read(f, (char *)ubuf, MIN(n, MAX_RW_COUNT));
}

SYSCALL_DEFINE3(write, u64, fd, u64, ubuf, u64, n)
{
	struct file *f = fget(fd);
	if (!f || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok((void *)ubuf, n))
		return -EFAULT;
	return f->f_op->write(f, (const char *)ubuf, MIN(n, MAX_RW_COUNT));
}

/* Every source byte of a writev must be readable before anything is written:
 * Linux copies the whole vector in one go and fails with EFAULT first. */
static long check_iov(u64 uiov, u64 cnt, bool write)
{
	struct iovec iov;
	u64 total = 0;
	u8 probe;
	for (u64 i = 0; i < cnt; i++) {
		if (copy_from_user(&iov, (struct iovec *)uiov + i, sizeof(iov)))
			return -EFAULT;
		if ((s64)iov.iov_len < 0 || (total += iov.iov_len) > (u64)LONG_MAX_)
			return -EINVAL;              /* Linux: a negative or overflowing length */
		for (u64 off = 0; write && off < iov.iov_len; off = ALIGN_DOWN(iov.iov_base + off, PAGE_SIZE) + PAGE_SIZE - iov.iov_base)
			if (copy_from_user(&probe, (u8 *)iov.iov_base + off, 1))
				return -EFAULT;
	}
	return 0;
}

static long do_iov(u64 fd, u64 uiov, u64 cnt, bool write)
{
	struct iovec iov;
	long total = 0, err;
	if (cnt > IOV_MAX)
		return -EINVAL;
	if ((err = check_iov(uiov, cnt, write)))
		return err;
	for (u64 i = 0; i < cnt; i++) {
		long r;
		if (copy_from_user(&iov, (struct iovec *)uiov + i, sizeof(iov)))
			return total ? total : -EFAULT;
		if (!iov.iov_len)
			continue;
		r = write ? __do_sys_write(fd, iov.iov_base, iov.iov_len) : __do_sys_read(fd, iov.iov_base, iov.iov_len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((u64)r < iov.iov_len)
			break;
	}
	return total;
}

SYSCALL_DEFINE3(writev, u64, fd, u64, uiov, u64, cnt) { return do_iov(fd, uiov, cnt, true); }
SYSCALL_DEFINE3(readv, u64, fd, u64, uiov, u64, cnt) { return do_iov(fd, uiov, cnt, false); }

SYSCALL_DEFINE4(pread64, u64, fd, u64, ubuf, u64, n, u64, pos)
{
	struct file *f = fget(fd);
	u64 saved;
	long r;
	if (!f)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	if ((s64)pos < 0)
		return -EINVAL;
	saved = f->f_pos;
	f->f_pos = pos;
	r = __do_sys_read(fd, ubuf, n);
	f->f_pos = saved;
	return r;
}

/* Writing needs a writable file; a pipe or a terminal has no offset. */
SYSCALL_DEFINE4(pwrite64, u64, fd, u64, ubuf, u64, n, u64, pos)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	if ((s64)pos < 0)
		return -EINVAL;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	return -EROFS;                      /* only the read-only RAM disk is seekable */
}

SYSCALL_DEFINE3(lseek, u64, fd, u64, off, u64, whence)
{
	struct file *f = fget(fd);
	s64 base;
	if (!f)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->f_inode->i_size; break;
	default: return -EINVAL;
	}
	if (base + (s64)off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

/* ---------------------------------------------------------------- stat */
static void fill_stat(struct inode *i, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = 0x800;              /* "sda" style major 8 */
	st->st_ino = i->i_ino;
	st->st_nlink = i->ext2.links ? i->ext2.links : 1;
	st->st_mode = i->i_mode;
	st->st_rdev = i->i_rdev;
	st->st_size = S_ISCHR(i->i_mode) ? 0 : i->i_size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = i->ext2.blocks;
	st->st_atime = i->ext2.atime;
	st->st_mtime = i->ext2.mtime;
	st->st_ctime = i->ext2.ctime;
}

SYSCALL_DEFINE2(fstat, u64, fd, u64, ust)
{
	struct file *f = fget(fd);
	struct stat st;
	if (!f)
		return -EBADF;
	fill_stat(f->f_inode, &st);
	return copy_to_user((void *)ust, &st, sizeof(st)) ? -EFAULT : 0;
}

#define AT_EMPTY_PATH 0x1000
SYSCALL_DEFINE4(newfstatat, u64, dfd, u64, upath, u64, ust, u64, flags)
{
	char path[PATH_MAX];
	struct inode *inode;
	struct stat st;
	int err = user_path_at(dfd, upath, path, sizeof(path));
	if (err)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH))
		return __do_sys_fstat(dfd, ust);
	if ((err = path_lookup(path, &inode)))
		return err;
	fill_stat(inode, &st);
	iput(inode);
	return copy_to_user((void *)ust, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(stat, u64, upath, u64, ust) { return __do_sys_newfstatat((u64)AT_FDCWD, upath, ust, 0); }
SYSCALL_DEFINE2(lstat, u64, upath, u64, ust) { return __do_sys_newfstatat((u64)AT_FDCWD, upath, ust, 0); }

/* statx: the same facts as stat, in struct statx (Linux uapi/linux/stat.h). */
struct statx_timestamp { s64 tv_sec; u32 tv_nsec; s32 __reserved; };
struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 __spare2[14];
};
#define STATX_BASIC_STATS 0x7ffU

SYSCALL_DEFINE5(statx, u64, dfd, u64, upath, u64, flags, u64, mask, u64, ubuf)
{
	char path[PATH_MAX];
	struct inode *inode;
	struct stat st;
	struct statx sx;
	int err = user_path_at(dfd, upath, path, sizeof(path));
	if (err)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		struct file *f = fget(dfd);
		if (!f)
			return -EBADF;
		inode = igrab(f->f_inode);
	} else if ((err = path_lookup(path, &inode))) {
		return err;
	}
	fill_stat(inode, &st);
	iput(inode);
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = st.st_blksize;
	sx.stx_nlink = st.st_nlink;
	sx.stx_mode = st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = st.st_size;
	sx.stx_blocks = st.st_blocks;
	sx.stx_atime.tv_sec = st.st_atime;
	sx.stx_ctime.tv_sec = st.st_ctime;
	sx.stx_mtime.tv_sec = st.st_mtime;
	sx.stx_rdev_major = st.st_rdev >> 8;
	sx.stx_rdev_minor = st.st_rdev & 0xff;
	sx.stx_dev_major = st.st_dev >> 8;
	return copy_to_user((void *)ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

/* readlink: only a symlink has a target; anything else is EINVAL. */
static long readlink_path(const char *path, char *abs, char *target, u64 ubuf, u64 size)
{
	struct ext2_inode_info ei;
	struct inode *inode;
	ssize_t n;
	int err;
	if ((err = path_lookup(path, &inode)))
		return err;                    /* missing: ENOENT; not a link: see below */
	iput(inode);
	if ((err = absolute_path(path, abs, PATH_MAX)) || (err = ext2_lnamei(&rootfs, abs, &ei)))
		return err == -ENOENT ? -EINVAL : err;   /* a device: not a link */
	if ((n = ext2_readlink(&rootfs, &ei, target, PATH_MAX)) < 0)
		return n;
	n = MIN((u64)n, size);
	return copy_to_user((void *)ubuf, target, n) ? -EFAULT : n;
}

SYSCALL_DEFINE4(readlinkat, u64, dfd, u64, upath, u64, ubuf, u64, size)
{
	char *buf = kmalloc(3 * PATH_MAX, 0);   /* path, absolute path, target: 12 KiB, not on the stack */
	long err;
	if (!buf)
		return -ENOMEM;
	err = user_path_at(dfd, upath, buf, PATH_MAX);
	if (!err)
		err = (s64)size <= 0 ? -EINVAL : readlink_path(buf, buf + PATH_MAX, buf + 2 * PATH_MAX, ubuf, size);
	kfree(buf);
	return err;
}

SYSCALL_DEFINE3(readlink, u64, upath, u64, ubuf, u64, size) { return __do_sys_readlinkat((u64)AT_FDCWD, upath, ubuf, size); }

SYSCALL_DEFINE4(faccessat, u64, dfd, u64, upath, u64, mode, u64, flags)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = user_path_at(dfd, upath, path, sizeof(path));
	if (err)
		return err;
	if ((err = path_lookup(path, &inode)))
		return err;
	iput(inode);
	return 0;                         /* root may do anything that exists */
}

SYSCALL_DEFINE2(access, u64, upath, u64, mode)
{
	char path[PATH_MAX];
	struct inode *inode;
	int err = user_path_lookup(upath, path, sizeof(path), &inode);
	if (err)
		return err;
	iput(inode);
	return 0;
}

/* ---------------------------------------------------------------- getdents */
/*
 * Two record formats over one directory walk (Linux: fs/readdir.c):
 *   getdents64: d_ino, d_off, d_reclen, d_type, name
 *   getdents:   d_ino, d_off, d_reclen, name, and the type in the last byte
 * Records are 8-byte aligned; a record that does not fit ends the call.
 */
struct dirent_hdr { u64 d_ino; s64 d_off; u16 d_reclen; } __packed;

static u16 dirent_reclen(const struct ext2_dirent_out *de, bool is64)
{
	return ALIGN_UP(sizeof(struct dirent_hdr) + 1 + de->namelen + 1, 8);   /* + type byte + NUL */
}

static int put_dirent(u8 *ubuf, const struct ext2_dirent_out *de, u64 pos, bool is64)
{
	struct dirent_hdr h = { de->ino, (s64)pos, dirent_reclen(de, is64) };
	u64 name_at = sizeof(h) + (is64 ? 1 : 0);
	u64 type_at = is64 ? sizeof(h) : h.d_reclen - 1u;
	if (copy_to_user(ubuf, &h, sizeof(h)) || copy_to_user(ubuf + name_at, de->name, de->namelen + 1) ||
	    copy_to_user(ubuf + type_at, &de->type, 1))
		return -EFAULT;
	return 0;
}

static long do_getdents(u64 fd, u64 ubuf, u64 count, bool is64)
{
	struct file *f = fget(fd);
	struct ext2_dirent_out de;
	u64 done = 0;
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	for (;;) {
		u64 pos = f->f_pos;
		int r = ext2_readdir(&rootfs, &f->f_inode->ext2, &pos, &de);
		u16 reclen;
		if (r <= 0)
			return done ? (long)done : r;
		reclen = dirent_reclen(&de, is64);
		if (done + reclen > count)
			return done ? (long)done : -EINVAL;
		if (put_dirent((u8 *)ubuf + done, &de, pos, is64))
			return -EFAULT;
		done += reclen;
		f->f_pos = pos;
	}
}

SYSCALL_DEFINE3(getdents64, u64, fd, u64, ubuf, u64, count) { return do_getdents(fd, ubuf, count, true); }
SYSCALL_DEFINE3(getdents, u64, fd, u64, ubuf, u64, count) { return do_getdents(fd, ubuf, count, false); }
