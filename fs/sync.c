/*
 * fs/sync.c - sync, syncfs, fsync, fdatasync and sync_file_range (Linux: fs/sync.c).
 *
 * The RAM disk is written through (every block a file system changes goes
 * to the device at once), so what remains to sync is the page cache: each
 * file's dirty pages go back through its a_ops->writepage, then its inode.
 */
#include <syscalls.h>
#include <fs.h>
#include <mount.h>
#include <blkdev.h>
#include <sched.h>
#include <errno.h>

/* Linux sync_inodes_sb: every inode in the super block's cache. */
int sync_inodes_sb(struct super_block *sb)
{
	struct list_head *p;
	int first_err = 0;

	if (!sb || (sb->s_flags & SB_RDONLY))
		return 0;
	list_for_each(p, &sb->s_inodes) {
		int err = write_inode_now(list_entry(p, struct inode, i_list));

		if (err && !first_err)
			first_err = err;
	}
	return first_err;
}

/* Every mounted file system (a super block mounted twice is written twice: harmless). */
void ksys_sync(void)
{
	for (struct mount *m = next_mount(NULL); m; m = next_mount(m))
		sync_inodes_sb(m->mnt_sb);
}

SYSCALL_DEFINE0(sync)
{
	ksys_sync();
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return sync_inodes_sb(f->f_inode->i_sb);
}

/* Linux vfs_fsync: only a file whose f_op has ->fsync can sync - a file
 * system's regular files and directories; a pipe, a FIFO, a socket or a
 * device (a tty, /dev/null) is EINVAL. */
static long do_fsync(unsigned int fd)
{
	struct file *f = fget(fd);
	u32 mode;

	if (!f)
		return -EBADF;
	mode = f->f_inode->i_mode;
	if (S_ISBLK(mode) && f->f_op == &def_blk_fops)
		return blkdev_fsync(f);		/* Linux blkdev_fsync */
	if (!f->f_inode->i_sb || !(S_ISREG(mode) || S_ISDIR(mode)))
		return -EINVAL;
	return write_inode_now(f->f_inode);
}

SYSCALL_DEFINE1(fsync, unsigned int, fd) { return do_fsync(fd); }
SYSCALL_DEFINE1(fdatasync, unsigned int, fd) { return do_fsync(fd); }

/*
 * sync_file_range(fd, offset, nbytes, flags) (Linux ksys_sync_file_range):
 * start and/or wait for the writeback of a byte range.  Only the three
 * SYNC_FILE_RANGE_* bits are allowed, the range must not be negative or
 * wrap (EINVAL), and only files whose pages can be written back take it
 * (a pipe, socket or device: ESPIPE).  faultline writes back at once and
 * never waits, so any flags write the file's dirty pages now.
 */
#define SYNC_FILE_RANGE_WAIT_BEFORE 1
#define SYNC_FILE_RANGE_WRITE 2
#define SYNC_FILE_RANGE_WAIT_AFTER 4
#define SYNC_FILE_RANGE_VALID (SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)

static bool has_writeback(u32 mode)
{
	return S_ISREG(mode) || S_ISBLK(mode) || S_ISDIR(mode) || S_ISLNK(mode);
}

SYSCALL_DEFINE4(sync_file_range, int, fd, loff_t, offset, loff_t, nbytes, unsigned int, flags)
{
	struct file *f = fget(fd);
	u64 end = (u64)offset + (u64)nbytes;

	if (!f)
		return -EBADF;
	if (flags & ~SYNC_FILE_RANGE_VALID)
		return -EINVAL;
	if (offset < 0 || (s64)end < 0 || end < (u64)offset)
		return -EINVAL;
	if (!has_writeback(f->f_inode->i_mode))
		return -ESPIPE;
	if (!(flags & SYNC_FILE_RANGE_WRITE) || !f->f_inode->i_mapping.a_ops)
		return 0;
	return filemap_write_and_wait(&f->f_inode->i_mapping);
}
