/*
 * fs/proc/generic.c - the /proc files registry (Linux: fs/proc/generic.c,
 * with single_open from fs/seq_file.c).
 *
 * This is the first piece of /proc: a table of read-only files, each an
 * inode of no file system whose text is made when it is read, matched by
 * path as /dev names are (fs/namei.c). Directories (/proc, /proc/self,
 * /proc/PID) come with the procfs of the next issue; the files here are
 * what programs read first, e.g. LTP's library reads /proc/meminfo before
 * every test.
 */
#include <fs.h>
#include <mm.h>
#include <proc_fs.h>
#include <printk.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>

#define MAX_PROC_FILES 16
#define PROC_PREFIX "/proc/"
#define PROC_TEXT_MAX PAGE_SIZE		/* every file here fits in a page */
#define PROC_INO_BASE 0x10000		/* inode numbers no disk inode uses */

struct proc_file {
	const char *name;		/* under /proc */
	proc_show_t show;		/* NULL: write-only */
	proc_write_t write;		/* NULL: read-only */
};

static struct proc_file files[MAX_PROC_FILES];
static int nr_files;

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->count >= m->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	m->count = MIN(m->size, m->count + (size_t)n);
}

void seq_put_kb(struct seq_file *m, const char *name, u64 kib)
{
	seq_printf(m, "%-16s%8lu kB\n", name, kib);
}

int proc_create_single(const char *name, proc_show_t show)
{
	if (nr_files == MAX_PROC_FILES)
		return -ENOSPC;
	files[nr_files++] = (struct proc_file){ .name = name, .show = show };
	return 0;
}

int proc_create_rw(const char *name, proc_show_t show, proc_write_t write)
{
	if (nr_files == MAX_PROC_FILES)
		return -ENOSPC;
	files[nr_files++] = (struct proc_file){ .name = name, .show = show, .write = write };
	return 0;
}

/* Linux seq_read over single_open: the whole text is made, then the part at f_pos is copied. */
static ssize_t proc_read(struct file *f, char __user *ubuf, size_t n)
{
	const struct proc_file *pf = &files[f->f_inode->i_ino - PROC_INO_BASE];
	struct seq_file m = { .buf = kmalloc(PROC_TEXT_MAX, 0), .size = PROC_TEXT_MAX };
	size_t chunk;

	if (!pf->show)
		return -EINVAL;
	if (!m.buf)
		return -ENOMEM;
	pf->show(&m);
	chunk = f->f_pos < m.count ? MIN(n, m.count - f->f_pos) : 0;
	if (chunk && copy_to_user(ubuf, m.buf + f->f_pos, chunk)) {
		kfree(m.buf);
		return -EFAULT;
	}
	kfree(m.buf);
	f->f_pos += chunk;
	return chunk;
}

/* Linux proc_sys_write, for the short values written here: one write is one value. */
static ssize_t proc_write(struct file *f, const char __user *ubuf, size_t n)
{
	const struct proc_file *pf = &files[f->f_inode->i_ino - PROC_INO_BASE];
	char buf[PROC_WRITE_MAX + 1];
	int err;

	if (!pf->write)
		return -EIO;			/* Linux: a /proc file without a write method */
	if (n > PROC_WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = '\0';
	err = pf->write(buf, n);
	return err ? err : (ssize_t)n;
}

static const struct file_operations proc_file_operations = {
	.read = proc_read,
	.write = proc_write,
	.seekable = true,
};

/* A new inode per lookup: it lives as long as the open file (size 0, as Linux shows). */
int lookup_proc(const char *path, struct inode **out)
{
	size_t n = strlen(PROC_PREFIX);
	struct inode *inode;

	if (strncmp(path, PROC_PREFIX, n))
		return -ENOENT;
	for (int i = 0; i < nr_files; i++) {
		if (strcmp(path + n, files[i].name))
			continue;
		if (!(inode = new_inode_pseudo()))
			return -ENOMEM;
		inode->i_mode = S_IFREG | (!files[i].write ? 0444 : files[i].show ? 0644 : 0200);
		inode->i_ino = PROC_INO_BASE + i;
		inode->i_fop = &proc_file_operations;
		inode_set_times_now(inode);
		*out = inode;
		return 0;
	}
	return -ENOENT;
}
