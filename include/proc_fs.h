/*
 * include/proc_fs.h - /proc (Linux: include/linux/proc_fs.h and
 * seq_file.h, much reduced). A file's text is made by its show function
 * each time it is read (Linux's single_open over seq_read); the directory
 * tree, the per-process files and the inodes are fs/proc's own
 * (fs/proc/internal.h).
 */
#ifndef _FAULTLINE_PROC_FS_H
#define _FAULTLINE_PROC_FS_H
#include "types.h"

struct inode;

/*
 * Where a show function prints: a buffer that notes overflow instead of
 * overrunning; the reader then makes the text again in a bigger one, as
 * Linux's seq_read does.
 */
struct seq_file {
	char *buf;
	size_t size, count;
	bool overflow;
};
void seq_printf(struct seq_file *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* Linux seq_pad: spaces up to column @col (of the current line), then @c unless it is NUL. */
void seq_pad(struct seq_file *m, size_t col, char c);
/* Linux meminfo's "Name:      1234 kB" line: the name padded to 16 columns, the number to 8. */
void seq_put_kb(struct seq_file *m, const char *name, u64 kib);

typedef void (*proc_show_t)(struct seq_file *m);
/* A write of @n bytes (at most PROC_WRITE_MAX, NUL-terminated): 0 or -errno. */
typedef int (*proc_write_t)(const char *buf, size_t n);
#define PROC_WRITE_MAX 128	/* core_pattern: Linux CORENAME_MAX_SIZE */

/* fs/proc/generic.c: a read-only file /proc/NAME ("sys/vm/x" makes the directories) whose text @show writes. */
int proc_create_single(const char *name, proc_show_t show);
/* A file root may also write (mode 0644, or 0200 if @show is NULL: write-only, as drop_caches). */
int proc_create_rw(const char *name, proc_show_t show, proc_write_t write);
/* A text file root may write (Linux proc_dostring): a write longer than
 * PROC_WRITE_MAX succeeds, @write seeing only its first PROC_WRITE_MAX bytes. */
int proc_create_string(const char *name, proc_show_t show, proc_write_t write);
/* A symbolic link under /proc to @target (Linux proc_symlink: /proc/mounts -> self/mounts). */
int proc_symlink(const char *name, const char *target);
/* kernel/sysctl.c: a written decimal number in [min, max] (Linux proc_doulongvec_minmax); 0 or -EINVAL. */
int proc_parse_ulong(const char *buf, unsigned long min, unsigned long max, unsigned long *out);
int proc_parse_ulong_or_minus_one(const char *buf, unsigned long min, unsigned long max, unsigned long *out);

/* fs/proc_namespace.c: the mount table, /proc/mounts and /proc/PID/mounts */
void proc_mounts_show(struct seq_file *m);
void proc_mountinfo_show(struct seq_file *m);	/* /proc/PID/mountinfo */
void proc_mountstats_show(struct seq_file *m);	/* /proc/PID/mountstats */

/*
 * fs/proc/root.c: /proc is mounted on the root's "proc" (Linux: a mount
 * of the proc file system); the path walk (fs/namei.c) crosses into it
 * here. A new reference to /proc's root directory, or NULL (no memory).
 */
struct inode *proc_root_inode(void);
#define PROC_MOUNTPOINT "proc"

#endif
