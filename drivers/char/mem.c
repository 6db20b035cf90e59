/*
 * drivers/char/mem.c - the memory devices of major 1: /dev/null, /dev/zero,
 * /dev/full, /dev/random and /dev/urandom (Linux: drivers/char/mem.c).
 * Reads and writes only; mmap of /dev/zero is anonymous memory (mm/mmap.c).
 */
#include <fs.h>
#include <random.h>
#include <uaccess.h>
#include <errno.h>

static ssize_t zero_read(struct file *f, char *ubuf, size_t n)
{
	return clear_user(ubuf, n) ? -EFAULT : (ssize_t)n;
}
static ssize_t full_write(struct file *f, const char *ubuf, size_t n) { return -ENOSPC; }
static ssize_t random_read(struct file *f, char *ubuf, size_t n) { return get_random_bytes_user(ubuf, n); }

static ssize_t null_read(struct file *f, char *ubuf, size_t n) { return 0; }
static ssize_t null_write(struct file *f, const char *ubuf, size_t n) { return n; }
const struct file_operations null_fops = { .read = null_read, .write = null_write };
const struct file_operations zero_fops = { .read = zero_read, .write = null_write };
const struct file_operations full_fops = { .read = zero_read, .write = full_write };
const struct file_operations random_fops = { .read = random_read, .write = null_write };
