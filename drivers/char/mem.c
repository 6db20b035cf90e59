/*
 * drivers/char/mem.c - the memory devices of major 1: /dev/null, /dev/zero,
 * /dev/full, /dev/random, /dev/urandom and /dev/kmsg (its reads and writes:
 * kernel/printk_ringbuffer.c) (Linux: drivers/char/mem.c).
 * Reads and writes only; mmap of /dev/zero is anonymous memory (mm/mmap.c).
 */
#include <fs.h>
#include <random.h>
#include <uaccess.h>
#include <errno.h>
#include <drivers.h>
#include <printk.h>

static ssize_t zero_read(struct file *f, char *ubuf, size_t n)
{
	return clear_user(ubuf, n) ? -EFAULT : (ssize_t)n;
}
static ssize_t full_write(struct file *f, const char *ubuf, size_t n) { return -ENOSPC; }
static ssize_t random_read(struct file *f, char *ubuf, size_t n) { return get_random_bytes_user(ubuf, n); }

static ssize_t null_read(struct file *f, char *ubuf, size_t n) { return 0; }
static ssize_t null_write(struct file *f, const char *ubuf, size_t n) { return n; }
static const struct file_operations null_fops = { .read = null_read, .write = null_write };
static const struct file_operations zero_fops = { .read = zero_read, .write = null_write };
static const struct file_operations full_fops = { .read = zero_read, .write = full_write };
#define RNDGETENTCNT 0x80045200	/* Linux uapi/linux/random.h: _IOR('R', 0, int) */
#define POOL_BITS 256			/* Linux 5.18 on: the pool is always full, its count 256 */

/* Linux random_ioctl: only the entropy count is answered here. */
static long random_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	(void)f;
	if (cmd != RNDGETENTCNT)
		return -ENOTTY;
	return put_user(POOL_BITS, (int __user *)arg) ? -EFAULT : 0;
}

static const struct file_operations random_fops = { .read = random_read, .write = null_write, .ioctl = random_ioctl };

/* Linux's minors of major 1 (Documentation/admin-guide/devices.txt). */
#define MEM_MINOR_NULL 3
#define MEM_MINOR_FULL 7
#define MEM_MINOR_RANDOM 8
#define MEM_MINOR_URANDOM 9
#define MEM_MINOR_KMSG 11

static const struct {
	const char *name;
	unsigned minor;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", MEM_MINOR_NULL, &null_fops },       { "zero", MEM_MINOR_ZERO, &zero_fops },
	{ "full", MEM_MINOR_FULL, &full_fops },       { "random", MEM_MINOR_RANDOM, &random_fops },
	{ "urandom", MEM_MINOR_URANDOM, &random_fops }, { "kmsg", MEM_MINOR_KMSG, &devkmsg_fops },
};

/* Give each memory device its /dev name (Linux: chr_dev_init). */
void chr_dev_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(devlist); i++)
		register_chrdev_node(devlist[i].name, MKDEV(MEM_MAJOR, devlist[i].minor), devlist[i].fops);
}
