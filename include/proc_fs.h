/*
 * include/proc_fs.h - /proc files (Linux: include/linux/proc_fs.h and
 * seq_file.h, much reduced): a file's text is made by its show function
 * each time it is opened at offset 0 and read, Linux's single_open.
 */
#ifndef _FAULTLINE_PROC_FS_H
#define _FAULTLINE_PROC_FS_H
#include "types.h"

struct inode;

/* Where a show function prints: a buffer that reports overflow instead of overrunning. */
struct seq_file {
	char *buf;
	size_t size, count;
};
void seq_printf(struct seq_file *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Linux meminfo's "Name:      1234 kB" line: the name padded to 16 columns, the number to 8. */
void seq_put_kb(struct seq_file *m, const char *name, u64 kib);

typedef void (*proc_show_t)(struct seq_file *m);
/* A write of @n bytes (at most PROC_WRITE_MAX, NUL-terminated): 0 or -errno. */
typedef int (*proc_write_t)(const char *buf, size_t n);
#define PROC_WRITE_MAX 64

/* fs/proc/generic.c: a read-only file /proc/NAME whose text @show writes. */
int proc_create_single(const char *name, proc_show_t show);
/* A file root may also write (mode 0644, or 0200 if @show is NULL: write-only, as drop_caches). */
int proc_create_rw(const char *name, proc_show_t show, proc_write_t write);
/* @path is a tidy absolute path: 0 and *out for a /proc file, or -ENOENT. */
int lookup_proc(const char *path, struct inode **out);

#endif
