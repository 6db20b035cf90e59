/*
 * fs/proc/internal.h - what the files of fs/proc share (Linux:
 * fs/proc/internal.h): the proc inode, which says which directory or file
 * of the tree it is and for which process, and the helpers each part
 * offers the others.
 *
 * The tree (Linux's layout):
 *   /proc                 root.c: the global entries, self, thread-self, one directory per process
 *   /proc/sys/...         generic.c: registered files, with their directories made from their names
 *   /proc/PID/            base.c: one table of entries (tgid_base_stuff), links and task/
 *   /proc/PID/task/TID/   base.c: the same table for one thread
 *   /proc/PID/fd/, fdinfo/  fd.c
 * An inode is made for each lookup and lives as long as its users; it
 * names its process by number, so a process that has gone makes its
 * files fail (ENOENT on lookup, ESRCH on read), as on Linux.
 */
#ifndef _FAULTLINE_FS_PROC_INTERNAL_H
#define _FAULTLINE_FS_PROC_INTERNAL_H
#include <fs.h>
#include <proc_fs.h>
#include <sched.h>
#include <mm_types.h>

#define PROC_ROOT_INO 1			/* Linux: PROC_ROOT_INO */
#define PROC_PATH_MAX 48		/* a registered name under /proc */

/* The registered files of a process's net/ directory are named "net/..." (proc_net.c). */
#define PROC_NET "net"
#define PROC_NET_PREFIX PROC_NET "/"

enum proc_kind {
	PROC_ROOT,			/* /proc */
	PROC_DIR,			/* a directory of registered files: ->path */
	PROC_FILE,			/* a registered file: ->index */
	PROC_SELF,			/* /proc/self -> "TGID" */
	PROC_THREAD_SELF,		/* /proc/thread-self -> "TGID/task/TID" */
	PROC_PID_DIR,			/* /proc/PID, or /proc/PID/task/TID when ->thread */
	PROC_TASK_DIR,			/* /proc/PID/task */
	PROC_PID_ENTRY,			/* one entry of the per-process table: ->entry */
	PROC_FD_DIR, PROC_FDINFO_DIR,	/* /proc/PID/fd, /proc/PID/fdinfo */
	PROC_FD_LINK, PROC_FDINFO_FILE,	/* one descriptor: ->fd */
	PROC_NS_DIR, PROC_NS_LINK,	/* /proc/PID/ns, and one namespace: ->index */
	PROC_ATTR_DIR,			/* /proc/PID/attr: its files are PROC_PID_ENTRY */
	PROC_MAP_FILES_DIR,		/* /proc/PID/map_files */
	PROC_MAP_FILES_LINK,		/* one file mapping: ->start, ->end */
	PROC_NET_DIR,			/* /proc/PID/net: the registered files under PROC_NET */
	PROC_REG_LINK,			/* a registered symbolic link (/proc/net, /proc/mounts): ->index */
};

struct pid_entry;
struct proc_inode {
	struct inode vfs_inode;		/* first: the last iput frees the whole struct */
	enum proc_kind kind;
	int tgid, tid;			/* the process, and the thread (== tgid above task/) */
	bool thread;			/* below /proc/PID/task/TID */
	int fd;
	int index;			/* PROC_FILE: which registered file */
	u64 start, end;			/* PROC_MAP_FILES_LINK: the mapping's range */
	const struct pid_entry *entry;	/* PROC_PID_ENTRY */
	char path[PROC_PATH_MAX];	/* PROC_DIR: e.g. "sys/kernel" ("" for the root) */
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* d_type values of getdents64 (Linux: include/linux/fs_types.h) */
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

/* root.c: a new proc inode of @kind with @mode and number @ino, its operations set. */
struct proc_inode *proc_new_inode(enum proc_kind kind, umode_t mode, u32 ino);
/* A symlink inode (its i_size the target's length, which the path walk reads it by). */
int proc_link_size(struct inode *inode);
/* Hand one entry to getdents: false when the caller's buffer is full. */
bool proc_emit(struct dir_context *ctx, const char *name, u64 ino, unsigned type);
bool proc_emit_dots(struct inode *dir, struct dir_context *ctx);
/*
 * The text of a file, made by @fill into a buffer that grows until it fits
 * and kept with the open file, copied out from f_pos; proc_seq_release
 * frees it (the file's f_op->release).
 */
ssize_t proc_seq_read(struct file *f, char __user *ubuf, size_t n, void (*fill)(struct seq_file *m, void *arg),
		      void *arg);
void proc_seq_release(struct file *f);
/* A write from user space as a NUL-terminated string of at most PROC_WRITE_MAX bytes. */
int proc_copy_write(const char __user *ubuf, size_t n, char *buf);

/* generic.c: the registered files and their directories, below @dir ("" for /proc itself). */
int proc_lookup_registered(const char *dir, const char *name, size_t len, struct inode **out);
bool proc_readdir_registered(const char *dir, struct dir_context *ctx, loff_t first);
int proc_registered_count(const char *dir);
int proc_registered_dir(const char *path, struct inode **out);

/* base.c: /proc/PID and /proc/PID/task/TID */
struct task_struct *proc_task(struct proc_inode *pi);	/* the thread it names, or NULL if gone */
int proc_pid_dir(int tgid, int tid, bool thread, struct inode **out);
int proc_pid_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out);
bool proc_pid_readdir(struct proc_inode *dir, struct dir_context *ctx);
int proc_task_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out);
bool proc_task_readdir(struct proc_inode *dir, struct dir_context *ctx);
int proc_pid_parent(struct proc_inode *pi, struct inode **out);
int proc_pid_readlink(struct proc_inode *pi, char *buf, size_t size);
extern const struct file_operations proc_pid_entry_operations;
int proc_attr_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out);
bool proc_attr_readdir(struct proc_inode *dir, struct dir_context *ctx);

/* array.c */
int proc_task_nr_threads(struct task_struct *t);	/* Linux get_nr_threads */

/* map_files.c: /proc/PID/map_files */
int proc_map_files_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out);
bool proc_map_files_readdir(struct proc_inode *dir, struct dir_context *ctx);
int proc_map_files_readlink(struct proc_inode *pi, char *buf, size_t size);
int proc_map_files_get_link(struct inode *link, struct inode **target, char *name);
extern const struct inode_operations proc_map_files_link_inode_operations;

/* pid_sched.c: sched, schedstat, autogroup, wchan, stack, syscall */
void proc_sched_show(struct seq_file *m, struct task_struct *task);
int proc_sched_write(struct task_struct *task, const char *buf);
void proc_schedstat_show(struct seq_file *m, struct task_struct *task);
void proc_autogroup_show(struct seq_file *m, struct task_struct *task);
int proc_autogroup_write(struct task_struct *task, const char *buf);
void proc_wchan_show(struct seq_file *m, struct task_struct *task);
int proc_stack_permission(struct task_struct *task);
void proc_stack_show(struct seq_file *m, struct task_struct *task);
int proc_syscall_permission(struct task_struct *task);
void proc_syscall_show(struct seq_file *m, struct task_struct *task);

/* fd.c: /proc/PID/fd and /proc/PID/fdinfo */
int proc_fd_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out);
int proc_fd_permission(struct inode *inode, int mask);
int proc_fdinfo_permission(struct inode *inode, int mask);
void proc_task_owner(struct proc_inode *pi);
bool proc_fd_readdir(struct proc_inode *dir, struct dir_context *ctx);
int proc_fd_readlink(struct proc_inode *pi, char *buf, size_t size);
/* The target of a link made by proc_symlink. */
int proc_registered_link_text(struct proc_inode *pi, char *buf, size_t size);

/* fs/proc/pid_misc.c: the small files of /proc/PID */
int proc_parse_decimal(const char *buf, long *v);	/* what a write of a number holds */
void proc_personality_show(struct seq_file *m, struct task_struct *task);
void proc_timens_offsets_show(struct seq_file *m, struct task_struct *task);
int proc_timens_offsets_write(struct task_struct *task, const char *buf);
void proc_oom_adj_show(struct seq_file *m, struct task_struct *task);
int proc_oom_adj_write(struct task_struct *task, const char *buf);
void proc_loginuid_show(struct seq_file *m, struct task_struct *task);
int proc_loginuid_write(struct task_struct *task, const char *buf);
void proc_sessionid_show(struct seq_file *m, struct task_struct *task);
void proc_coredump_filter_show(struct seq_file *m, struct task_struct *task);
int proc_coredump_filter_write(struct task_struct *task, const char *buf);
void proc_io_show(struct seq_file *m, struct task_struct *task);
void proc_id_map_show(struct seq_file *m, struct task_struct *task);
int proc_id_map_write(struct task_struct *task, const char *buf);
void proc_setgroups_show(struct seq_file *m, struct task_struct *task);
int proc_fd_get_link(struct inode *link, struct inode **target, char *name);
void proc_arch_status_show(struct seq_file *m, struct task_struct *task);
void proc_cgroup_show(struct seq_file *m, struct task_struct *task);
void proc_cpuset_show(struct seq_file *m, struct task_struct *task);
void proc_ksm_merging_pages_show(struct seq_file *m, struct task_struct *task);
void proc_ksm_stat_show(struct seq_file *m, struct task_struct *task);
void proc_timers_pid_show(struct seq_file *m, struct task_struct *task);
void proc_children_show(struct seq_file *m, struct task_struct *task);

/* fs/proc/namespaces.c: /proc/PID/ns */
int proc_ns_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out);
bool proc_ns_readdir(struct proc_inode *dir, struct dir_context *ctx);
int proc_ns_readlink(struct proc_inode *pi, char *buf, size_t size);
int proc_ns_get_link(struct inode *link, struct inode **target, char *name);
extern const struct inode_operations proc_ns_link_inode_operations;
extern const struct inode_operations proc_fd_link_inode_operations;
int proc_fd_path(struct file *f, char *buf, size_t size);	/* what readlink of fd/N says */
extern const struct file_operations proc_fdinfo_operations;

/* array.c: status, stat, statm */
void proc_pid_status(struct seq_file *m, struct task_struct *task);
void proc_tgid_stat(struct seq_file *m, struct task_struct *task);
void proc_pid_statm(struct seq_file *m, struct task_struct *task);
char task_state_char(const struct task_struct *t);
/* task_mmu.c: maps, smaps, pagemap, and the memory counts status and statm use */
void proc_pid_maps(struct seq_file *m, struct task_struct *task);
void proc_pid_smaps(struct seq_file *m, struct task_struct *task);
void proc_pid_smaps_rollup(struct seq_file *m, struct task_struct *task);
void proc_pid_numa_maps(struct seq_file *m, struct task_struct *task);
int proc_clear_refs_write(struct task_struct *task, const char *buf);
ssize_t proc_pagemap_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos);
struct mem_counts { u64 size, rss_anon, rss_file, rss_shmem, data, stack, exec, lib, locked, pte; };
void task_mem_counts(struct mm_struct *mm, struct mem_counts *c);	/* in pages */

#endif
