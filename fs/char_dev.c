/*
 * fs/char_dev.c - the built-in character devices and their /dev names
 * (Linux: fs/char_dev.c and the device nodes devtmpfs would provide).
 *
 * Each device is an inode of no file system, made once and never freed,
 * whose file_operations come from its driver: drivers/char/mem.c (null,
 * zero, full, random, urandom) and drivers/tty/tty_io.c (ttyS0..3, console).
 */
#include <fs.h>
#include <string.h>
#include <errno.h>

extern const struct file_operations tty_fops, null_fops, zero_fops, full_fops, random_fops;

#define MKDEV(major, minor) (((major) << 8) | (minor))
#define MEM_MAJOR 1
#define MEM_MINOR_NULL 3
#define TTY_MAJOR 4
#define TTYS_MINOR_BASE 64
#define NR_TTYS 4
#define NR_MEM_MINORS 10
#define PINNED (1 << 30)		/* a reference count no iput reaches */
#define DEV_PREFIX "/dev/"
#define TTYS_PREFIX "/dev/ttyS"

static struct inode *char_device(struct inode **slot, const struct file_operations *fop, u32 rdev)
{
	if (!*slot) {
		*slot = new_inode_pseudo();
		if (!*slot)
			return NULL;
		(*slot)->i_mode = S_IFCHR | 0666;
		(*slot)->i_fop = fop;
		(*slot)->i_rdev = rdev;
		(*slot)->i_ino = rdev;
		(*slot)->i_count = PINNED;
	}
	return igrab(*slot);
}

/* Linux's mem devices, major 1. */
static struct inode *mem_device(unsigned minor)
{
	static struct inode *dev[NR_MEM_MINORS];
	const struct file_operations *fop = minor == MEM_MINOR_NULL ? &null_fops :
					    minor == MEM_MINOR_ZERO ? &zero_fops :
					    minor == MEM_MINOR_FULL ? &full_fops : &random_fops;
	return char_device(&dev[minor], fop, MKDEV(MEM_MAJOR, minor));
}

struct inode *null_inode(void)
{
	return mem_device(MEM_MINOR_NULL);
}

struct inode *tty_inode(int port)
{
	static struct inode *tty[NR_TTYS];
	return char_device(&tty[port], &tty_fops, MKDEV(TTY_MAJOR, TTYS_MINOR_BASE + port));
}

static const struct {
	const char *name;
	unsigned minor;
} mem_names[] = {
	{ "/dev/null", MEM_MINOR_NULL },     { "/dev/zero", MEM_MINOR_ZERO },
	{ "/dev/full", MEM_MINOR_FULL },     { "/dev/random", MEM_MINOR_RANDOM },
	{ "/dev/urandom", MEM_MINOR_URANDOM },
};

static bool is_ttys_name(const char *path)
{
	size_t n = strlen(TTYS_PREFIX);
	return !strncmp(path, TTYS_PREFIX, n) && path[n] >= '0' && path[n] < '0' + NR_TTYS && !path[n + 1];
}

/* @path is a tidy absolute path (normalize_path). 0 and *out, or -ENOENT. */
int lookup_chrdev(const char *path, struct inode **out)
{
	if (strncmp(path, DEV_PREFIX, strlen(DEV_PREFIX)))
		return -ENOENT;
	for (size_t i = 0; i < ARRAY_SIZE(mem_names); i++)
		if (!strcmp(path, mem_names[i].name)) {
			*out = mem_device(mem_names[i].minor);
			return *out ? 0 : -ENOMEM;
		}
	if (is_ttys_name(path))
		*out = tty_inode(path[strlen(TTYS_PREFIX)] - '0');
	else if (!strcmp(path, "/dev/console") || !strcmp(path, "/dev/tty"))
		*out = tty_inode(user_console_port);
	else
		return -ENOENT;
	return *out ? 0 : -ENOMEM;
}
