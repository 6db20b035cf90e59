/*
 * fs/readdir.c - getdents and getdents64 (Linux: fs/readdir.c).
 *
 * Two record formats over one directory walk (the file's
 * f_op->iterate_shared, which hands each entry to an actor):
 *   getdents64: d_ino, d_off, d_reclen, d_type, name
 *   getdents:   d_ino, d_off, d_reclen, name, and the type in the last byte
 * Records are 8-byte aligned; a record that does not fit ends the call.
 */
#include <syscalls.h>
#include <fs.h>
#include <uaccess.h>
#include <errno.h>

#define DIRENT_ALIGN 8

struct dirent_hdr { u64 d_ino; s64 d_off; u16 d_reclen; } __packed;

struct getdents_callback {
	struct dir_context ctx;
	u8 __user *buf;
	u64 count, done;
	bool is64;
	int error;
};

static u16 dirent_reclen(int namelen)
{
	return ALIGN_UP(sizeof(struct dirent_hdr) + 1 + namelen + 1, DIRENT_ALIGN);   /* + type byte + NUL */
}

static int put_dirent(u8 __user *ubuf, const char *name, int namelen, u64 ino, loff_t next, u8 type, bool is64)
{
	struct dirent_hdr h = { ino, next, dirent_reclen(namelen) };
	u64 name_at = sizeof(h) + (is64 ? 1 : 0);
	u64 type_at = is64 ? sizeof(h) : h.d_reclen - 1u;
	char nul = 0;

	if (copy_to_user(ubuf, &h, sizeof(h)) || copy_to_user(ubuf + name_at, name, namelen) ||
	    copy_to_user(ubuf + name_at + namelen, &nul, 1) || copy_to_user(ubuf + type_at, &type, 1))
		return -EFAULT;
	return 0;
}

/* The actor: false stops the walk (the buffer is full, or a fault). */
static bool filldir(struct dir_context *ctx, const char *name, int namelen, loff_t next_pos, u64 ino,
		    unsigned d_type)
{
	struct getdents_callback *cb = container_of(ctx, struct getdents_callback, ctx);
	u16 reclen = dirent_reclen(namelen);

	if (cb->done + reclen > cb->count) {
		cb->error = -EINVAL;
		return false;
	}
	if (put_dirent(cb->buf + cb->done, name, namelen, ino, next_pos, d_type, cb->is64)) {
		cb->error = -EFAULT;
		return false;
	}
	cb->done += reclen;
	return true;
}

static long do_getdents(unsigned int fd, void __user *dirent, unsigned int count, bool is64)
{
	struct file *f = fget(fd);
	struct getdents_callback cb = { .ctx.actor = filldir, .buf = dirent, .count = count, .is64 = is64 };
	int r;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_op->iterate_shared)
		return -ENOTDIR;
	if (f->f_inode->i_sb && !f->f_inode->i_nlink)
		return -ENOENT;		/* Linux iterate_dir: a removed directory (IS_DEADDIR) lists nothing */
	cb.ctx.pos = f->f_pos;
	r = f->f_op->iterate_shared(f, &cb.ctx);
	f->f_pos = cb.ctx.pos;
	touch_atime(f);			/* Linux iterate_dir: file_accessed */
	if (cb.done)
		return cb.done;
	return r < 0 ? r : cb.error;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, true);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, false);
}
