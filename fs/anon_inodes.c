/*
 * fs/anon_inodes.c - files that are not on any file system: eventfd,
 * timerfd, epoll (Linux: fs/anon_inodes.c). Linux shares one inode among
 * them all; here each file has a pseudo inode of its own, with Linux's
 * mode: read and write for the owner and no file type bits, so fstat shows
 * st_mode 0600 as on Linux. The object itself hangs off f->private_data.
 */
#include <fs.h>
#include <errno.h>

#define ANON_INODE_MODE 0600		/* Linux anon_inode_mkinode: S_IRUSR | S_IWUSR */

/* A new file for @fops around @priv; @flags: O_ACCMODE and O_NONBLOCK (O_CLOEXEC is the fd's). */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops, void *priv, u32 flags)
{
	struct inode *inode = new_inode_pseudo();
	struct file *f;

	(void)name;			/* Linux shows it in /proc/PID/fd: "anon_inode:[eventfd]" */
	if (!inode)
		return NULL;
	inode->i_mode = ANON_INODE_MODE;
	inode->i_fop = fops;
	f = file_open_inode(inode, flags);
	iput(inode);			/* the file holds it now */
	if (f)
		f->private_data = priv;
	return f;
}

/* The same, installed at the lowest free descriptor: the fd, or -EMFILE/-ENOMEM. On failure
 * @priv is not freed (the caller still owns it) and nothing is left behind. */
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv, u32 flags)
{
	struct file *f = anon_inode_getfile(name, fops, priv, flags & ~O_CLOEXEC);
	int fd;

	if (!f)
		return -ENOMEM;
	fd = install_cloexec(f, 0, flags & O_CLOEXEC);
	if (fd < 0) {
		f->f_op = NULL;		/* no release: the caller frees @priv */
		fput(f);
	}
	return fd;
}
