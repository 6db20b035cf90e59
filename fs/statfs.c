/*
 * fs/statfs.c - statfs and fstatfs (Linux: fs/statfs.c): the file
 * system's own numbers (super_operations->statfs), in Linux's x86-64
 * struct statfs.
 */
#include <syscalls.h>
#include <fs.h>
#include <sched.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

#define ST_VALID 0x0020		/* f_flags is filled in */
#define ST_RELATIME 0x1000	/* Linux's default mount option */
#define TMPFS_MAGIC 0x01021994	/* Linux's /dev (devtmpfs) and shmem report this */
#define PIPEFS_MAGIC 0x50495045

struct statfs {				/* Linux x86-64: 120 bytes */
	s64 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	s32 f_fsid[2];
	s64 f_namelen, f_frsize, f_flags, f_spare[4];
};

/* Linux flags_by_mnt and flags_by_sb: ST_* has MS_*'s values, and relatime is the default. */
static u64 mount_st_flags(u32 sb_flags)
{
	u64 f = sb_flags & (SB_RDONLY | SB_NOSUID | SB_NODEV | SB_NOEXEC | SB_SYNCHRONOUS | SB_MANDLOCK |
			    SB_NOATIME | SB_NODIRATIME | SB_NOSYMFOLLOW);

	return (sb_flags & SB_NOATIME) ? f : f | ST_RELATIME;
}

/* A pipe or a device node has no super block: it reports as an empty file system of its own. */
static int vfs_statfs(struct inode *inode, struct kstatfs *k)
{
	struct super_block *sb = inode->i_sb;
	int err;

	memset(k, 0, sizeof(*k));
	if (!sb || !sb->s_op->statfs) {
		k->f_type = S_ISFIFO(inode->i_mode) ? PIPEFS_MAGIC : TMPFS_MAGIC;
		k->f_bsize = k->f_frsize = PAGE_SIZE;
		k->f_namelen = NAME_MAX;
	} else if ((err = sb->s_op->statfs(sb, k))) {
		return err;
	}
	k->f_flags = ST_VALID | mount_st_flags(sb ? sb->s_flags : 0);
	return 0;
}

static int do_statfs_native(const struct kstatfs *k, struct statfs __user *ubuf)
{
	struct statfs st;

	memset(&st, 0, sizeof(st));
	st.f_type = k->f_type;
	st.f_bsize = k->f_bsize;
	st.f_blocks = k->f_blocks;
	st.f_bfree = k->f_bfree;
	st.f_bavail = k->f_bavail;
	st.f_files = k->f_files;
	st.f_ffree = k->f_ffree;
	st.f_namelen = k->f_namelen;
	st.f_frsize = k->f_frsize;
	st.f_flags = k->f_flags;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	char path[PATH_MAX];
	struct inode *inode;
	struct kstatfs k;
	int err = user_path_lookup(pathname, path, sizeof(path), &inode);

	if (err)
		return err;
	err = vfs_statfs(inode, &k);
	iput(inode);
	return err ? err : do_statfs_native(&k, buf);
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *f = fget_raw(fd);
	struct kstatfs k;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(f->f_inode, &k);
	return err ? err : do_statfs_native(&k, buf);
}
