/*
 * fs/sync.c - sync, syncfs, fsync and fdatasync (Linux: fs/sync.c).
 *
 * The RAM disk is written through (every block a file system changes goes
 * to the device at once), so what remains to sync is the page cache: each
 * file's dirty pages go back through its a_ops->writepage, then its inode.
 */
#include <syscalls.h>
#include <fs.h>
#include <sched.h>
#include <errno.h>

/* Linux sync_inodes_sb: every inode in the super block's cache. */
static int sync_inodes_sb(struct super_block *sb)
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

void ksys_sync(void)
{
	sync_inodes_sb(root_sb);
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

/* Linux vfs_fsync: a file without a file system behind it (a pipe, a tty) cannot sync: EINVAL. */
static long do_fsync(unsigned int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_inode->i_sb)
		return -EINVAL;
	return write_inode_now(f->f_inode);
}

SYSCALL_DEFINE1(fsync, unsigned int, fd) { return do_fsync(fd); }
SYSCALL_DEFINE1(fdatasync, unsigned int, fd) { return do_fsync(fd); }
