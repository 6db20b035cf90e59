/*
 * fs/proc/generic.c - the registered /proc files and seq_file (Linux:
 * fs/proc/generic.c, proc_sysctl.c for the writable ones, and
 * fs/seq_file.c).
 *
 * A part of the kernel registers a file by its name under /proc
 * ("meminfo", "sys/vm/drop_caches") with a show function that prints its
 * text, and for a writable file a write function. The directories are the
 * names' prefixes: "sys" and "sys/vm" exist because a file below them
 * does, as Linux's sysctl tables make their directories. The text is made
 * at a read from position 0 and kept with the open file for the reads that
 * follow (Linux's seq_read over single_open, see proc_seq_read).
 */
#include <mm.h>
#include <printk.h>
#include <uaccess.h>
#include <string.h>
#include <rwsem.h>
#include <errno.h>
#include <stdarg.h>
#include "internal.h"

#define MAX_PROC_FILES 48
#define PROC_INO_BASE 0x10000		/* the registered files' inode numbers */
#define PROC_DIR_INO_BASE 0x20000	/* their directories' */
#define SEQ_FIRST_SIZE PAGE_SIZE
#define SEQ_MAX_SIZE (4UL << 20)	/* 4 MiB: 50,000 VMAs of maps; more is ENOMEM */

struct proc_file {
	const char *name;		/* under /proc */
	proc_show_t show;		/* NULL: write-only */
	proc_write_t write;		/* NULL: read-only */
	bool string;			/* a longer write is cut, not refused (proc_create_string) */
	const char *link;		/* a symbolic link: its target (proc_symlink) */
};

static struct proc_file files[MAX_PROC_FILES];
static int nr_files;

/* ------------------------------------------------------------ seq_file */

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len > m->size) {
		m->overflow = true;
		m->count = m->size;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	if (m->count + n >= m->size) {		/* vsnprintf's NUL needs the byte too */
		m->overflow = true;
		m->count = m->size;
		return;
	}
	m->count += n;
}

void seq_puts(struct seq_file *m, const char *s) { seq_write(m, s, strlen(s)); }
void seq_putc(struct seq_file *m, char c) { seq_write(m, &c, 1); }

void seq_pad(struct seq_file *m, size_t col, char c)
{
	size_t start = m->count;

	while (start && m->buf[start - 1] != '\n')
		start--;
	while (!m->overflow && m->count - start < col)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

void seq_put_kb(struct seq_file *m, const char *name, u64 kib)
{
	seq_printf(m, "%-16s%8lu kB\n", name, kib);
}

/*
 * What one open file has made (Linux: the seq_file behind the struct file):
 * the text of the last generation and the position the next sequential read
 * starts at.
 */
struct proc_seq_cache {
	struct rw_semaphore lock;	/* Linux m->lock: a copy to user space can fault and sleep while another thread reads the same file */
	char *buf;
	size_t count;		/* bytes of text in buf */
	u64 read_pos;		/* Linux m->read_pos */
};

/* Make the text afresh, in a buffer twice as big each time it did not fit. */
static int proc_seq_fill(struct proc_seq_cache *c, void (*fill)(struct seq_file *m, void *arg), void *arg)
{
	struct seq_file m = { .size = SEQ_FIRST_SIZE };

	for (;;) {
		if (!(m.buf = kmalloc(m.size, 0)))
			return -ENOMEM;
		m.count = 0;
		m.overflow = false;
		fill(&m, arg);
		if (!m.overflow)
			break;
		kfree(m.buf);
		if ((m.size *= 2) > SEQ_MAX_SIZE)
			return -ENOMEM;
	}
	kfree(c->buf);
	c->buf = m.buf;
	c->count = m.count;
	return 0;
}

/* The open file's cache, made at its first read (another thread may have made it while kzalloc slept). */
static struct proc_seq_cache *proc_seq_cache_get(struct file *f)
{
	struct proc_seq_cache *c = kzalloc(sizeof(*c));

	if (c && f->private_data) {
		kfree(c);
		c = f->private_data;
	} else if (c) {
		f->private_data = c;
	}
	return c;
}

/* Under c->lock: make the text again unless this read goes on where the last ended; copy out from f_pos. */
static ssize_t proc_seq_copy(struct file *f, struct proc_seq_cache *c, char __user *ubuf, size_t n,
			     void (*fill)(struct seq_file *m, void *arg), void *arg)
{
	size_t chunk;
	int err;

	if (!c->buf || f->f_pos == 0 || f->f_pos != c->read_pos) {
		if ((err = proc_seq_fill(c, fill, arg)))
			return err;
	}
	chunk = f->f_pos < c->count ? MIN(n, c->count - f->f_pos) : 0;
	if (chunk && copy_to_user(ubuf, c->buf + f->f_pos, chunk))
		return -EFAULT;
	f->f_pos += chunk;
	c->read_pos = f->f_pos;
	return chunk;
}

/*
 * Linux seq_read_iter over single_open: a read at position 0, or at a
 * position other than where the last read ended (lseek, pread), makes the
 * text again; a read that goes on where the last one ended copies the rest
 * of the text made then, and gives 0 (EOF) once it is all read, even if the
 * text would be longer now.  So a file read in small pieces (/proc/self/io,
 * whose rchar grows with each read) is one consistent snapshot.
 */
ssize_t proc_seq_read(struct file *f, char __user *ubuf, size_t n, void (*fill)(struct seq_file *m, void *arg),
		      void *arg)
{
	struct proc_seq_cache *c = f->private_data;
	ssize_t chunk;

	if (!c && !(c = proc_seq_cache_get(f)))
		return -ENOMEM;
	down_write(&c->lock);
	chunk = proc_seq_copy(f, c, ubuf, n, fill, arg);
	up_write(&c->lock);
	return chunk;
}

void proc_seq_release(struct file *f)
{
	struct proc_seq_cache *c = f->private_data;

	if (c) {
		kfree(c->buf);
		kfree(c);
		f->private_data = NULL;
	}
}

int proc_copy_write(const char __user *ubuf, size_t n, char *buf)
{
	if (n > PROC_WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = '\0';
	return 0;
}

/* ------------------------------------------------------------ registering */

static int proc_register(const char *name, proc_show_t show, proc_write_t write, bool string)
{
	if (nr_files == MAX_PROC_FILES || strlen(name) >= PROC_PATH_MAX)
		return -ENOSPC;
	files[nr_files++] = (struct proc_file){ .name = name, .show = show, .write = write, .string = string };
	return 0;
}

int proc_create_single(const char *name, proc_show_t show) { return proc_register(name, show, NULL, false); }

int proc_symlink(const char *name, const char *target)
{
	int err = proc_register(name, NULL, NULL, false);

	if (!err)
		files[nr_files - 1].link = target;
	return err;
}

int proc_create_rw(const char *name, proc_show_t show, proc_write_t write)
{
	return proc_register(name, show, write, false);
}

int proc_create_string(const char *name, proc_show_t show, proc_write_t write)
{
	return proc_register(name, show, write, true);
}

/* ------------------------------------------------------------ reading and writing */

static void registered_fill(struct seq_file *m, void *arg)
{
	((const struct proc_file *)arg)->show(m);
}

static ssize_t proc_reg_read(struct file *f, char __user *ubuf, size_t n)
{
	struct proc_file *pf = &files[PROC_I(f->f_inode)->index];

	if (!pf->show)
		return -EINVAL;
	return proc_seq_read(f, ubuf, n, registered_fill, pf);
}

/* Linux proc_sys_write, for the short values written here: one write is one value. */
static ssize_t proc_reg_write(struct file *f, const char __user *ubuf, size_t n)
{
	const struct proc_file *pf = &files[PROC_I(f->f_inode)->index];
	char buf[PROC_WRITE_MAX + 1];
	int err;

	if (!pf->write)
		return -EIO;			/* Linux: a /proc file without a write method */
	if ((err = proc_copy_write(ubuf, pf->string ? MIN(n, (size_t)PROC_WRITE_MAX) : n, buf)))
		return err;
	err = pf->write(buf, MIN(n, (size_t)PROC_WRITE_MAX));
	return err ? err : (ssize_t)n;
}

static const struct file_operations proc_reg_operations = {
	.read = proc_reg_read,
	.write = proc_reg_write,
	.release = proc_seq_release,
	.seekable = true,
};

/* ------------------------------------------------------------ the directories */

/* Is @name directly in @dir, or below it? The rest after "dir/" in *rest. */
static bool under(const char *name, const char *dir, const char **rest)
{
	size_t dl = strlen(dir);

	if (!dl) {
		/* The network files belong to a process's net/ directory; /proc/net
		 * is a link to self/net (Linux: proc_net_init), not a directory. */
		if (!strncmp(name, PROC_NET_PREFIX, strlen(PROC_NET_PREFIX)))
			return false;
		*rest = name;
		return true;
	}
	if (strncmp(name, dir, dl) || name[dl] != '/')
		return false;
	*rest = name + dl + 1;
	return true;
}

/* The length of the first component of @rest; *is_dir when more follows. */
static size_t first_component(const char *rest, bool *is_dir)
{
	const char *slash = strchr(rest, '/');

	*is_dir = slash != NULL;
	return slash ? (size_t)(slash - rest) : strlen(rest);
}

/* A directory's inode number: the index of the first file below it. */
static u32 dir_ino(const char *path)
{
	const char *rest;

	for (int i = 0; i < nr_files; i++)
		if (under(files[i].name, path, &rest))
			return PROC_DIR_INO_BASE + i;
	return PROC_DIR_INO_BASE;
}

int proc_registered_dir(const char *path, struct inode **out)
{
	struct proc_inode *pi = proc_new_inode(PROC_DIR, S_IFDIR | 0555, dir_ino(path));

	if (!pi)
		return -ENOMEM;
	strlcpy(pi->path, path, sizeof(pi->path));
	pi->vfs_inode.i_nlink = 2;
	*out = &pi->vfs_inode;
	return 0;
}

/* A registered link: its target as the text a readlink gives. */
static int registered_link(int i, struct inode **out)
{
	struct proc_inode *pi = proc_new_inode(PROC_REG_LINK, S_IFLNK | 0777, PROC_INO_BASE + i);

	if (!pi)
		return -ENOMEM;
	pi->index = i;
	*out = &pi->vfs_inode;
	return proc_link_size(*out);
}

int proc_registered_link_text(struct proc_inode *pi, char *buf, size_t size)
{
	return snprintf(buf, size, "%s", files[pi->index].link);
}

static int registered_file(int i, struct inode **out)
{
	umode_t mode = !files[i].write ? 0444 : files[i].show ? 0644 : 0200;
	struct proc_inode *pi = proc_new_inode(PROC_FILE, S_IFREG | mode, PROC_INO_BASE + i);

	if (!pi)
		return -ENOMEM;
	pi->index = i;
	pi->vfs_inode.i_fop = &proc_reg_operations;
	*out = &pi->vfs_inode;
	return 0;
}

int proc_lookup_registered(const char *dir, const char *name, size_t len, struct inode **out)
{
	char path[PROC_PATH_MAX];
	const char *rest;
	bool is_dir;

	for (int i = 0; i < nr_files; i++) {
		if (!under(files[i].name, dir, &rest) || first_component(rest, &is_dir) != len ||
		    strncmp(rest, name, len))
			continue;
		if (!is_dir)
			return files[i].link ? registered_link(i, out) : registered_file(i, out);
		snprintf(path, sizeof(path), "%s%s%.*s", dir, *dir ? "/" : "", (int)len, name);
		return proc_registered_dir(path, out);
	}
	return -ENOENT;
}

/* Was the first component of files[i] below @dir already listed by an earlier file? */
static bool listed_before(int i, const char *dir, const char *rest, size_t len)
{
	const char *r;
	bool d;

	for (int j = 0; j < i; j++)
		if (under(files[j].name, dir, &r) && first_component(r, &d) == len && !strncmp(r, rest, len))
			return true;
	return false;
}

/* The entries of @dir, at readdir positions first, first + 1, ... (one per distinct name). */
bool proc_readdir_registered(const char *dir, struct dir_context *ctx, loff_t first)
{
	loff_t pos = first;
	char name[PROC_PATH_MAX];
	const char *rest;
	bool is_dir;

	for (int i = 0; i < nr_files; i++) {
		size_t len;

		if (!under(files[i].name, dir, &rest))
			continue;
		len = first_component(rest, &is_dir);
		if (listed_before(i, dir, rest, len))
			continue;
		if (pos++ < ctx->pos)
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)len, rest);
		if (!proc_emit(ctx, name, is_dir ? PROC_DIR_INO_BASE + i : PROC_INO_BASE + i,
			       is_dir ? DT_DIR : files[i].link ? DT_LNK : DT_REG))
			return false;
	}
	return true;
}

/* How many readdir positions @dir's registered entries take. */
int proc_registered_count(const char *dir)
{
	const char *rest;
	bool is_dir;
	int n = 0;

	for (int i = 0; i < nr_files; i++) {
		if (under(files[i].name, dir, &rest)) {
			size_t len = first_component(rest, &is_dir);
			n += !listed_before(i, dir, rest, len);
		}
	}
	return n;
}
