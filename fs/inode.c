/*
 * fs/inode.c - the root file system and the inode cache.
 *
 * The RAM disk (the multiboot2 module named "rootfs") is an ext2 image read
 * through drivers/block/brd.c.  Each file in use has one struct inode, found by
 * number in a small cache, so every open and every mapping of a file share
 * one page cache.  The last iput() drops the inode and its cached pages.
 * /dev/null and /dev/ttyS0..3 are built-in character devices.
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <asm/multiboot2.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <uaccess.h>

struct ext2_fs rootfs;
static struct block_device rootdev;
static bool rootfs_mounted;
static LIST_HEAD(inode_cache);

static const struct boot_module *find_rootfs_module(void)
{
	for (int i = 0; i < boot_params.nr_modules; i++)
		if (!strcmp(boot_params.modules[i].name, "rootfs"))
			return &boot_params.modules[i];
	return boot_params.nr_modules ? &boot_params.modules[0] : NULL;
}

void vfs_init(void)
{
	const struct boot_module *m = find_rootfs_module();
	int err;
	if (!m) {
		pr_err("VFS: no RAM disk module (rootfs) was loaded by the boot loader\n");
		return;
	}
	bdev_init(&rootdev, __va(m->start), m->end - m->start);
	err = ext2_mount(&rootfs, &rootdev);
	if (err) {
		pr_err("VFS: cannot mount the RAM disk (%lu bytes): %s (error %d)\n",
		       m->end - m->start, rootfs.error ? rootfs.error : "unknown", err);
		return;
	}
	rootfs_mounted = true;
	pr_info("VFS: Mounted root (ext2 filesystem) readonly, %lu KiB RAM disk\n",
		(m->end - m->start) / 1024);
}

struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

static struct inode *new_inode(void)
{
	struct inode *i = kzalloc(sizeof(*i));
	if (!i)
		return NULL;
	i->i_count = 1;
	i->i_mapping.host = i;
	INIT_LIST_HEAD(&i->i_mapping.pages);
	INIT_LIST_HEAD(&i->i_list);
	return i;
}

extern const struct file_operations ext2_file_ops, ext2_dir_ops;

static struct inode *iget(const struct ext2_inode_info *ei)
{
	struct list_head *p;
	struct inode *i;
	list_for_each(p, &inode_cache) {
		i = list_entry(p, struct inode, i_list);
		if (i->i_ino == ei->ino)
			return igrab(i);
	}
	i = new_inode();
	if (!i)
		return NULL;
	i->ext2 = *ei;
	i->i_ino = ei->ino;
	i->i_mode = ei->mode;
	i->i_size = ei->size;
	i->i_fop = S_ISDIR(ei->mode) ? &ext2_dir_ops : &ext2_file_ops;
	list_add(&i->i_list, &inode_cache);
	return i;
}

void iput(struct inode *inode)
{
	if (!inode || --inode->i_count)
		return;
	list_del(&inode->i_list);
	truncate_inode_pages(&inode->i_mapping);
	kfree(inode);
}

/* Built-in character devices, made once and never freed. */
extern const struct file_operations tty_fops, null_fops;
#define NULL_RDEV 0x103               /* Linux: major 1, minor 3 */
#define MEM_MAJOR_RDEV 0x100
#define TTYS_RDEV(n) (0x440 + (n))    /* Linux: major 4, minor 64 + n */

static struct inode *char_device(struct inode **slot, const struct file_operations *fop, u32 rdev)
{
	if (!*slot) {
		*slot = new_inode();
		if (!*slot)
			return NULL;
		(*slot)->i_mode = S_IFCHR | 0666;
		(*slot)->i_fop = fop;
		(*slot)->i_rdev = rdev;
		(*slot)->i_ino = rdev;
		(*slot)->i_count = 1 << 30;   /* pinned */
	}
	return igrab(*slot);
}

struct inode *null_inode(void)
{
	static struct inode *null;
	return char_device(&null, &null_fops, NULL_RDEV);
}

/* /dev/zero, /dev/full, /dev/random, /dev/urandom (Linux's mem devices, major 1). */
extern const struct file_operations zero_fops, full_fops, random_fops;
static struct inode *mem_device(unsigned minor)
{
	static struct inode *dev[10];
	const struct file_operations *fop = minor == MEM_MINOR_ZERO ? &zero_fops :
					    minor == MEM_MINOR_FULL ? &full_fops : &random_fops;
	return char_device(&dev[minor], fop, MEM_MAJOR_RDEV | minor);
}

struct inode *tty_inode(int port)
{
	static struct inode *tty[4];
	return char_device(&tty[port], &tty_fops, TTYS_RDEV(port));
}

static int lookup_device(const char *path, struct inode **out)
{
	if (!strcmp(path, "/dev/null"))
		*out = null_inode();
	else if (!strcmp(path, "/dev/zero"))
		*out = mem_device(MEM_MINOR_ZERO);
	else if (!strcmp(path, "/dev/full"))
		*out = mem_device(MEM_MINOR_FULL);
	else if (!strcmp(path, "/dev/random"))
		*out = mem_device(MEM_MINOR_RANDOM);
	else if (!strcmp(path, "/dev/urandom"))
		*out = mem_device(MEM_MINOR_URANDOM);
	else if (!strncmp(path, "/dev/ttyS", 9) && path[9] >= '0' && path[9] <= '3' && !path[10])
		*out = tty_inode(path[9] - '0');
	else if (!strcmp(path, "/dev/console") || !strcmp(path, "/dev/tty"))
		*out = tty_inode(user_console_port);
	else
		return -ENOENT;
	return 0;
}

/* Make path absolute against the task's working directory. */
int absolute_path(const char *path, char *buf, size_t size)
{
	size_t n;
	if (path[0] == '/')
		return strlcpy(buf, path, size) < size ? 0 : -ENAMETOOLONG;
	n = strlcpy(buf, current ? current->cwd_path : "/", size);
	if (n + 1 + strlen(path) + 1 > size)
		return -ENAMETOOLONG;
	if (n && buf[n - 1] != '/')
		buf[n++] = '/';
	strlcpy(buf + n, path, size - n);
	return 0;
}

/* Copy a path from user space and look it up (the start of every *at call). */
int user_path_lookup(u64 upath, char *buf, size_t size, struct inode **out)
{
	long n = strncpy_from_user(buf, (const char *)upath, size);
	if (n < 0)
		return n;
	return path_lookup(buf, out);
}

/*
 * Lexically tidy an absolute path for the /dev table: "//", "/./" and
 * "x/../" go away.  Only device names are matched this way; the file system
 * walk itself sees the path as given (so "file/." still fails with ENOTDIR).
 */
void normalize_path(const char *in, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = in; *p && n + 2 < size;) {
		const char *e;
		while (*p == '/')
			p++;
		e = p;
		while (*e && *e != '/')
			e++;
		if (e - p == 1 && p[0] == '.') {
			/* skip "." */
		} else if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[--n] != '/')
				;
		} else if (e > p && n + 1 + (size_t)(e - p) < size) {
			out[n++] = '/';
			memcpy(out + n, p, e - p);
			n += e - p;
		}
		p = e;
	}
	if (!n)
		out[n++] = '/';
	out[n] = 0;
}

static int lookup_absolute(const char *abs, struct inode **out)
{
	struct ext2_inode_info ei;
	char dev[64];
	size_t len = strlen(abs);
	int err;
	normalize_path(abs, dev, sizeof(dev));
	if (abs[len - 1] != '/' && !strncmp(dev, "/dev/", 5) && !lookup_device(dev, out))
		return 0;
	if (!rootfs_mounted)
		return -ENOENT;
	if ((err = ext2_namei(&rootfs, abs, &ei)))
		return err;
	*out = iget(&ei);
	return *out ? 0 : -ENOMEM;
}

int path_lookup(const char *path, struct inode **out)
{
	char *abs;
	int err;
	if (!*path)
		return -ENOENT;
	if (!(abs = kmalloc(PATH_MAX, 0)))
		return -ENOMEM;
	err = absolute_path(path, abs, PATH_MAX);
	if (!err)
		err = lookup_absolute(abs, out);
	kfree(abs);
	return err;
}
