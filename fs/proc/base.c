/*
 * fs/proc/base.c - /proc/PID and /proc/PID/task/TID (Linux:
 * fs/proc/base.c).
 *
 * One table, tgid_base_stuff in Linux, lists what a process directory
 * holds, in Linux's order; a thread's directory (/proc/PID/task/TID) has
 * the same entries but "task" (Linux: tid_base_stuff). Each entry is one
 * of: a directory (task, fd, fdinfo), a file whose text a show function
 * prints (status, stat, maps...), a file read directly at its offset
 * (cmdline, environ and pagemap, which can be large), or a link (exe, cwd,
 * root). The inode names its thread by number and finds it again at every
 * use, so nothing here holds a task that may exit.
 */
#include <mm.h>
#include <cred.h>
#include <string.h>
#include <printk.h>
#include <uaccess.h>
#include <errno.h>
#include <uapi/linux/prctl.h>
#include "internal.h"

#define PID_INO_BASE 0x01000000u	/* + tid * PID_INO_SLOTS + slot */
#define PID_INO_SLOTS 128
#define TASK_DIR_SLOT (PID_INO_SLOTS - 1)
#define OOM_SCORE_ADJ_MIN (-1000)	/* Linux: include/uapi/linux/oom.h */
#define OOM_SCORE_ADJ_MAX 1000
#define REMOTE_CHUNK 256		/* bytes of another process copied per step */

struct pid_entry {
	const char *name;
	umode_t mode;
	enum proc_kind dir;		/* a directory: PROC_TASK_DIR, PROC_FD_DIR, PROC_FDINFO_DIR */
	void (*show)(struct seq_file *m, struct task_struct *task);
	ssize_t (*read)(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos);
	int (*write)(struct task_struct *task, const char *buf);
	ssize_t (*write_raw)(struct task_struct *task, const char __user *ubuf, size_t n, u64 *pos);
	int (*link)(struct task_struct *task, char *buf, size_t size);
	int (*permission)(struct task_struct *task);	/* checked at each read: 0 or -errno */
	bool tgid_only;			/* not in task/TID (Linux: only in tgid_base_stuff) */
	bool tid_only;			/* only in task/TID (Linux: only in tid_base_stuff) */
	bool unlisted;			/* found by name, not listed by readdir */
	bool mm_access;			/* opened only by who may ptrace the task (Linux proc_mem_open) */
};

/* ------------------------------------------------------------ another process's memory */

/* Bytes [start + *pos, end) of the task's memory to user space: cmdline and environ. */
static ssize_t read_remote_range(struct task_struct *task, u64 start, u64 end, char __user *ubuf, size_t n,
				 u64 *pos)
{
	char buf[REMOTE_CHUNK];
	size_t done = 0;

	while (done < n && start + *pos < end) {
		size_t want = MIN(MIN(n - done, sizeof(buf)), end - start - *pos);
		size_t got = access_remote_vm(task->mm, start + *pos, buf, want, 0);

		if (got && copy_to_user(ubuf + done, buf, got))
			return -EFAULT;
		done += got;
		*pos += got;
		if (got < want)
			break;
	}
	return done;
}

/* Linux proc_pid_auxv: the pairs exec gave the program, as saved then (AT_NULL last). */
static ssize_t auxv_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos)
{
	struct mm_struct *mm = task->mm;
	size_t left;

	if (!mm || *pos >= mm->saved_auxv_len)
		return 0;
	left = MIN(n, mm->saved_auxv_len - *pos);
	if (copy_to_user(ubuf, (u8 *)mm->saved_auxv + *pos, left))
		return -EFAULT;
	*pos += left;
	return left;
}

/*
 * /proc/PID/mem: the process's memory, the file offset being the address
 * (Linux fs/proc/base.c mem_rw).  Pages it has not touched yet are faulted
 * in on its behalf (mm/gup.c); a hole ends the copy, and a copy that moved
 * nothing is EIO.  Only whoever may ptrace it gets in (kernel/ptrace.c).
 */
static ssize_t mem_rw(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos, unsigned gup_flags)
{
	struct mm_struct *mm = task->mm;
	size_t done = 0;
	u8 *kbuf;

	if (!ptrace_may_access(task))
		return -EACCES;
	if (!mm)
		return 0;
	if (!(kbuf = kmalloc(PAGE_SIZE, 0)))
		return -ENOMEM;
	mm->users++;				/* Linux mmget: it stays while we copy */
	while (done < n) {
		size_t want = MIN(n - done, PAGE_SIZE), got;

		if ((gup_flags & FOLL_WRITE) && copy_from_user(kbuf, ubuf + done, want))
			break;
		got = access_remote_vm(mm, *pos, kbuf, want, gup_flags);
		if (!(gup_flags & FOLL_WRITE) && got && copy_to_user(ubuf + done, kbuf, got))
			break;
		done += got;
		*pos += got;
		if (got < want)
			break;
	}
	mmput(mm);
	kfree(kbuf);
	return done ? (ssize_t)done : -EIO;
}

static ssize_t mem_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos)
{
	return mem_rw(task, ubuf, n, pos, 0);
}

static ssize_t mem_write(struct task_struct *task, const char __user *ubuf, size_t n, u64 *pos)
{
	return mem_rw(task, (char __user *)ubuf, n, pos, FOLL_WRITE);
}

/* Linux get_mm_cmdline: the argument strings exec put on the stack, each ending in NUL. */
static ssize_t cmdline_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos)
{
	if (!task->mm)
		return 0;
	return read_remote_range(task, task->mm->arg_start, task->mm->arg_end, ubuf, n, pos);
}

static ssize_t environ_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos)
{
	if (!task->mm)
		return 0;
	return read_remote_range(task, task->mm->env_start, task->mm->env_end, ubuf, n, pos);
}

/* ------------------------------------------------------------ small files */

static void comm_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%s\n", task->comm);
}

/* Linux comm_write: the first TASK_COMM_LEN - 1 bytes, up to a newline. */
static int comm_write(struct task_struct *task, const char *buf)
{
	size_t n = 0;

	while (buf[n] && buf[n] != '\n' && n < TASK_COMM_LEN - 1)
		n++;
	memcpy(task->comm, buf, n);
	task->comm[n] = '\0';
	return 0;
}

static void oom_score_adj_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%d\n", task->signal->oom_score_adj);
}

/* Linux oom_score_adj_write: a decimal in -1000..1000 (kstrtoint: one trailing newline allowed). */
static int oom_score_adj_write(struct task_struct *task, const char *buf)
{
	long v;

	if (proc_parse_decimal(buf, &v) || v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	task->signal->oom_score_adj = v;
	return 0;
}

/*
 * /proc/PID/timerslack_ns (Linux fs/proc/base.c timerslack_ns_show and
 * _write): the process's (its leader's) prctl PR_SET_TIMERSLACK value.
 * Mode 0666, but for any task other than the caller itself both reading
 * and writing need CAP_SYS_NICE, and the refusal comes at read or write,
 * not at open.  A write is a decimal (kstrtoull: '+' and one newline
 * allowed); 0 restores the task's default.
 */
static bool timerslack_allowed(struct task_struct *task)
{
	return task == current || capable(CAP_SYS_NICE);
}

static ssize_t timerslack_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos)
{
	char buf[24];
	size_t len, left;

	if (!timerslack_allowed(task))
		return -EPERM;
	len = snprintf(buf, sizeof(buf), "%llu\n", (unsigned long long)task->timer_slack_ns);
	if (*pos >= len)
		return 0;
	left = MIN(n, len - *pos);
	if (copy_to_user(ubuf, buf + *pos, left))
		return -EFAULT;
	*pos += left;
	return left;
}

static int timerslack_write(struct task_struct *task, const char *buf)
{
	const char *p = buf + (*buf == '+');
	u64 v = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (~0ULL - (*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (*p - '0');
	}
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	if (!timerslack_allowed(task))
		return -EPERM;
	task->timer_slack_ns = v ? v : task->default_timer_slack_ns;
	return 0;
}

/*
 * faultline's own: /proc/PID/pftrace is 1 while the process's page faults
 * are traced (mm/pftrace.c); writing 1 or 0 turns it on or off for all its
 * threads.  Children inherit it at fork.  Linux has no such file; its
 * nearest is a tracepoint filtered by pid.
 */
static void pftrace_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%d\n", task->pftrace);
}

static int pftrace_write(struct task_struct *task, const char *buf)
{
	struct task_struct *t;
	bool on = buf[0] == '1';

	if ((buf[0] != '0' && !on) || (buf[1] && strcmp(buf + 1, "\n")))
		return -EINVAL;
	for_each_thread(task, t)
		t->pftrace = on;
	return 0;
}

/* Linux proc_oom_score: the badness in 0..2000, by the resident pages against all memory, plus the adjustment. */
static void oom_score_show(struct seq_file *m, struct task_struct *task)
{
	long points = task->mm ? (long)(task->mm->rss * 1000 / nr_total_pages()) : 0;

	points += task->signal->oom_score_adj;
	seq_printf(m, "%ld\n", points < 0 ? 0 : points > 2000 ? 2000 : points);
}

/* Linux proc_pid_limits: the table's exact columns. */
static void limits_show(struct seq_file *m, struct task_struct *task)
{
	static const struct { const char *name, *unit; } lnames[RLIM_NLIMITS] = {
		{ "Max cpu time", "seconds" }, { "Max file size", "bytes" }, { "Max data size", "bytes" },
		{ "Max stack size", "bytes" }, { "Max core file size", "bytes" }, { "Max resident set", "bytes" },
		{ "Max processes", "processes" }, { "Max open files", "files" }, { "Max locked memory", "bytes" },
		{ "Max address space", "bytes" }, { "Max file locks", "locks" }, { "Max pending signals", "signals" },
		{ "Max msgqueue size", "bytes" }, { "Max nice priority", NULL }, { "Max realtime priority", NULL },
		{ "Max realtime timeout", "us" },
	};

	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		const struct rlimit *r = &task->signal->rlim[i];

		seq_printf(m, "%-25s ", lnames[i].name);
		if (r->rlim_cur == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20lu ", r->rlim_cur);
		if (r->rlim_max == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20lu ", r->rlim_max);
		seq_printf(m, lnames[i].unit ? "%-10s\n" : "\n", lnames[i].unit);
	}
}

static void mountinfo_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	proc_mountinfo_show(m);		/* one namespace: every task sees the same */
}

static void mounts_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	proc_mounts_show(m);
}

static void mountstats_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	proc_mountstats_show(m);
}

/* ------------------------------------------------------------ links */

static int exe_link(struct task_struct *task, char *buf, size_t size)
{
	struct file *exe = task->mm ? task->mm->exe_file : NULL;

	if (!exe)
		return -ENOENT;
	return proc_fd_path(exe, buf, size);
}

static int cwd_link(struct task_struct *task, char *buf, size_t size)
{
	if (!task->fs)
		return -ENOENT;
	return snprintf(buf, size, "%s", task->fs->pwd_path);
}

static int root_link(struct task_struct *task, char *buf, size_t size)
{
	if (!task->fs)
		return -ENOENT;
	return snprintf(buf, size, "/");	/* no chroot: every root is "/" */
}

/* ------------------------------------------------------------ the table */

#define DIR(n, k) { .name = n, .mode = S_IFDIR | 0555, .dir = k }
#define REG(n, m, s) { .name = n, .mode = S_IFREG | (m), .show = s }
#define RAW(n, m, r) { .name = n, .mode = S_IFREG | (m), .read = r }
#define LNK(n, l) { .name = n, .mode = S_IFLNK | 0777, .link = l }
#define RW(n, m, s, w) { .name = n, .mode = S_IFREG | (m), .show = s, .write = w }
#define MMREG(n, m, s) { .name = n, .mode = S_IFREG | (m), .show = s, .mm_access = true }
#define MMRAW(n, m, r) { .name = n, .mode = S_IFREG | (m), .read = r, .mm_access = true }

/*
 * Linux tgid_base_stuff's order (6.18, with the options a distribution
 * kernel has), for the entries faultline has; entries marked tgid_only are
 * not in a thread's directory and tid_only ones only there (tid_base_stuff).
 */
static const struct pid_entry pid_entries[] = {
	{ .name = "task", .mode = S_IFDIR | 0555, .dir = PROC_TASK_DIR, .tgid_only = true },
	{ .name = "fd", .mode = S_IFDIR | 0500, .dir = PROC_FD_DIR },
	{ .name = "map_files", .mode = S_IFDIR | 0500, .dir = PROC_MAP_FILES_DIR, .tgid_only = true },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555, .dir = PROC_FDINFO_DIR },	/* Linux 6.2+: 0555, checked at lookup */
	{ .name = "ns", .mode = S_IFDIR | 0511, .dir = PROC_NS_DIR },
	{ .name = "net", .mode = S_IFDIR | 0555, .dir = PROC_NET_DIR },
	MMRAW("environ", 0400, environ_read),
	MMRAW("auxv", 0400, auxv_read),
	REG("status", 0444, proc_pid_status),
	REG("personality", 0400, proc_personality_show),
	REG("limits", 0444, limits_show),
	RW("sched", 0644, proc_sched_show, proc_sched_write),
	{ .name = "autogroup", .mode = S_IFREG | 0644, .show = proc_autogroup_show, .write = proc_autogroup_write,
	  .tgid_only = true },
	{ .name = "timens_offsets", .mode = S_IFREG | 0644, .show = proc_timens_offsets_show,
	  .write = proc_timens_offsets_write, .tgid_only = true },
	{ .name = "comm", .mode = S_IFREG | 0644, .show = comm_show, .write = comm_write },
	{ .name = "syscall", .mode = S_IFREG | 0400, .show = proc_syscall_show, .permission = proc_syscall_permission },
	RAW("cmdline", 0444, cmdline_read),
	REG("stat", 0444, proc_tgid_stat),
	REG("statm", 0444, proc_pid_statm),
	MMREG("maps", 0444, proc_pid_maps),
	{ .name = "children", .mode = S_IFREG | 0444, .show = proc_children_show, .tid_only = true },
	MMREG("numa_maps", 0444, proc_pid_numa_maps),
	{ .name = "mem", .mode = S_IFREG | 0600, .read = mem_read, .write_raw = mem_write },
	LNK("cwd", cwd_link),
	LNK("root", root_link),
	LNK("exe", exe_link),
	REG("mounts", 0444, mounts_show),
	REG("mountinfo", 0444, mountinfo_show),
	{ .name = "mountstats", .mode = S_IFREG | 0400, .show = mountstats_show, .tgid_only = true },
	{ .name = "clear_refs", .mode = S_IFREG | 0200, .write = proc_clear_refs_write },
	MMREG("smaps", 0444, proc_pid_smaps),
	MMREG("smaps_rollup", 0444, proc_pid_smaps_rollup),
	MMRAW("pagemap", 0400, proc_pagemap_read),
	{ .name = "attr", .mode = S_IFDIR | 0555, .dir = PROC_ATTR_DIR },
	REG("wchan", 0444, proc_wchan_show),
	{ .name = "stack", .mode = S_IFREG | 0400, .show = proc_stack_show, .permission = proc_stack_permission },
	REG("schedstat", 0444, proc_schedstat_show),
	REG("cpuset", 0444, proc_cpuset_show),
	REG("cgroup", 0444, proc_cgroup_show),
	REG("oom_score", 0444, oom_score_show),
	RW("oom_adj", 0644, proc_oom_adj_show, proc_oom_adj_write),
	{ .name = "oom_score_adj", .mode = S_IFREG | 0644, .show = oom_score_adj_show, .write = oom_score_adj_write },
	RW("loginuid", 0644, proc_loginuid_show, proc_loginuid_write),
	REG("sessionid", 0444, proc_sessionid_show),
	{ .name = "coredump_filter", .mode = S_IFREG | 0644, .show = proc_coredump_filter_show,
	  .write = proc_coredump_filter_write, .tgid_only = true },
	REG("io", 0400, proc_io_show),
	RW("uid_map", 0644, proc_id_map_show, proc_id_map_write),
	RW("gid_map", 0644, proc_id_map_show, proc_id_map_write),
	RW("projid_map", 0644, proc_id_map_show, proc_id_map_write),
	RW("setgroups", 0644, proc_setgroups_show, proc_id_map_write),
	{ .name = "timers", .mode = S_IFREG | 0444, .show = proc_timers_pid_show, .tgid_only = true },
	{ .name = "timerslack_ns", .mode = S_IFREG | 0666, .read = timerslack_read, .write = timerslack_write,
	  .tgid_only = true },
	REG("arch_status", 0444, proc_arch_status_show),
	REG("ksm_merging_pages", 0400, proc_ksm_merging_pages_show),
	REG("ksm_stat", 0400, proc_ksm_stat_show),
	/*
	 * faultline's own, and so not listed: a process directory lists
	 * exactly Linux's entries (scripts count them), while the name still
	 * opens, as Linux's /proc/TID of a thread opens without being listed.
	 */
	{ .name = "pftrace", .mode = S_IFREG | 0644, .show = pftrace_show, .write = pftrace_write, .unlisted = true },
};
#define NR_PID_ENTRIES (int)(sizeof(pid_entries) / sizeof(pid_entries[0]))

/*
 * /proc/PID/attr (Linux proc_pid_attr_operations): the security module's
 * view of the task.  faultline has no security module, so each file reads
 * and writes as Linux's do with none: EINVAL (and EACCES to write another
 * task's, checked first).
 */
static int attr_write(struct task_struct *task, const char *buf)
{
	return task == current ? -EINVAL : -EACCES;
}

static const struct pid_entry attr_entries[] = {
	{ .name = "current", .mode = S_IFREG | 0666, .write = attr_write },
	{ .name = "prev", .mode = S_IFREG | 0444 },
	{ .name = "exec", .mode = S_IFREG | 0666, .write = attr_write },
	{ .name = "fscreate", .mode = S_IFREG | 0666, .write = attr_write },
	{ .name = "keycreate", .mode = S_IFREG | 0666, .write = attr_write },
	{ .name = "sockcreate", .mode = S_IFREG | 0666, .write = attr_write },
};
#define NR_ATTR_ENTRIES (int)(sizeof(attr_entries) / sizeof(attr_entries[0]))

/* One table of entries, and where its inode numbers start among the process's slots. */
struct pid_table { const struct pid_entry *e; int n, first_slot; };
static const struct pid_table base_table = { pid_entries, NR_PID_ENTRIES, 0 };
static const struct pid_table attr_table = { attr_entries, NR_ATTR_ENTRIES, NR_PID_ENTRIES };

static u32 pid_ino(int tid, int slot) { return PID_INO_BASE + (u32)tid * PID_INO_SLOTS + slot; }

struct task_struct *proc_task(struct proc_inode *pi)
{
	struct task_struct *t = find_task(pi->tid);

	return t && t->tgid == pi->tgid ? t : NULL;
}

static void set_ids(struct proc_inode *pi, int tgid, int tid, bool thread)
{
	pi->tgid = tgid;
	pi->tid = tid;
	pi->thread = thread;
}

/*
 * Linux task_dump_owner: a process's /proc files belong to its effective
 * ids, but those of a process that is not dumpable (after a change of
 * identity, or PR_SET_DUMPABLE 0) to root, so that its owner cannot open
 * what the mode leaves to the owner alone; directories r-x for all keep
 * the task's ids (ps learns the euid from stat of /proc/PID).
 */
void proc_task_owner(struct proc_inode *pi)
{
	struct task_struct *task = proc_task(pi);
	struct inode *inode = &pi->vfs_inode;

	if (!task || !task->cred)
		return;
	inode->i_uid = task->cred->euid;
	inode->i_gid = task->cred->egid;
	if (inode->i_mode != (S_IFDIR | 0555) && task->mm && task->mm->dumpable != SUID_DUMP_USER)
		inode->i_uid = inode->i_gid = 0;
}

int proc_pid_dir(int tgid, int tid, bool thread, struct inode **out)
{
	struct proc_inode *pi = proc_new_inode(PROC_PID_DIR, S_IFDIR | 0555, pid_ino(tid, TASK_DIR_SLOT - 1));

	if (!pi)
		return -ENOMEM;
	set_ids(pi, tgid, tid, thread);
	proc_task_owner(pi);
	pi->vfs_inode.i_nlink = 2;
	*out = &pi->vfs_inode;
	return 0;
}

static int pid_entry_inode(struct proc_inode *dir, const struct pid_table *tab, const struct pid_entry *e,
			   struct inode **out)
{
	struct proc_inode *pi = proc_new_inode(e->dir ? e->dir : PROC_PID_ENTRY, e->mode,
					       pid_ino(dir->tid, tab->first_slot + (e - tab->e)));

	if (!pi)
		return -ENOMEM;
	set_ids(pi, dir->tgid, dir->tid, dir->thread);
	pi->entry = e;
	proc_task_owner(pi);
	if (S_ISREG(e->mode))
		pi->vfs_inode.i_fop = &proc_pid_entry_operations;
	*out = &pi->vfs_inode;
	return S_ISLNK(e->mode) ? proc_link_size(*out) : 0;
}

static bool entry_here(const struct proc_inode *dir, const struct pid_entry *e)
{
	return !(e->tgid_only && dir->thread) && !(e->tid_only && !dir->thread);
}

static int table_lookup(struct proc_inode *dir, const struct pid_table *tab, const char *name, size_t len,
			struct inode **out)
{
	if (!proc_task(dir))
		return -ENOENT;
	for (int i = 0; i < tab->n; i++) {
		const struct pid_entry *e = &tab->e[i];

		if (entry_here(dir, e) && strlen(e->name) == len && !strncmp(e->name, name, len))
			return pid_entry_inode(dir, tab, e, out);
	}
	return -ENOENT;
}

static unsigned entry_dtype(const struct pid_entry *e)
{
	return S_ISDIR(e->mode) ? DT_DIR : S_ISLNK(e->mode) ? DT_LNK : DT_REG;
}

static bool table_readdir(struct proc_inode *dir, const struct pid_table *tab, struct dir_context *ctx)
{
	loff_t pos = 2;

	if (!proc_task(dir) || !proc_emit_dots(&dir->vfs_inode, ctx))
		return true;
	for (int i = 0; i < tab->n; i++) {
		const struct pid_entry *e = &tab->e[i];

		if (!entry_here(dir, e) || e->unlisted || pos++ < ctx->pos)
			continue;
		if (!proc_emit(ctx, e->name, pid_ino(dir->tid, tab->first_slot + i), entry_dtype(e)))
			return false;
	}
	return true;
}

int proc_pid_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out)
{
	return table_lookup(dir, &base_table, name, len, out);
}

bool proc_pid_readdir(struct proc_inode *dir, struct dir_context *ctx)
{
	return table_readdir(dir, &base_table, ctx);
}

int proc_attr_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out)
{
	return table_lookup(dir, &attr_table, name, len, out);
}

bool proc_attr_readdir(struct proc_inode *dir, struct dir_context *ctx)
{
	return table_readdir(dir, &attr_table, ctx);
}

/* ------------------------------------------------------------ task/ */

int proc_task_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out)
{
	struct task_struct *leader = find_task_by_tgid(dir->tgid), *t;
	int tid = 0;

	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9' || i > 8)
			return -ENOENT;
		tid = tid * 10 + (name[i] - '0');
	}
	if (!leader || !len || name[0] == '0')
		return -ENOENT;
	for_each_thread(leader, t)
		if (t->pid == tid && t->state != TASK_DEAD)
			return proc_pid_dir(dir->tgid, tid, true, out);
	return -ENOENT;
}

/* The thread of @leader's group with the smallest tid >= @from. */
static struct task_struct *next_tid(struct task_struct *leader, int from)
{
	struct task_struct *t, *best = NULL;

	for_each_thread(leader, t)
		if (t->pid >= from && t->state != TASK_DEAD && (!best || t->pid < best->pid))
			best = t;
	return best;
}

/* Threads in tid order, at readdir position 2 + tid (so a resumed listing skips none). */
bool proc_task_readdir(struct proc_inode *dir, struct dir_context *ctx)
{
	struct task_struct *leader = find_task_by_tgid(dir->tgid), *t;
	char name[16];

	if (!leader || !proc_emit_dots(&dir->vfs_inode, ctx))
		return true;
	while ((t = next_tid(leader, ctx->pos - 2))) {
		snprintf(name, sizeof(name), "%d", t->pid);
		ctx->pos = 2 + t->pid;
		if (!proc_emit(ctx, name, pid_ino(t->pid, TASK_DIR_SLOT - 1), DT_DIR))
			return false;
	}
	return true;
}

/* ".." of a process directory, of task/, of fd/ ... */
int proc_pid_parent(struct proc_inode *pi, struct inode **out)
{
	struct proc_inode *up;

	switch (pi->kind) {
	case PROC_PID_DIR:
		if (!pi->thread) {
			*out = proc_root_inode();
			return *out ? 0 : -ENOMEM;
		}
		if (!(up = proc_new_inode(PROC_TASK_DIR, S_IFDIR | 0555, pid_ino(pi->tgid, TASK_DIR_SLOT))))
			return -ENOMEM;
		set_ids(up, pi->tgid, pi->tgid, false);
		*out = &up->vfs_inode;
		return 0;
	case PROC_TASK_DIR:
		return proc_pid_dir(pi->tgid, pi->tgid, false, out);
	default:
		return proc_pid_dir(pi->tgid, pi->tid, pi->thread, out);
	}
}

int proc_pid_readlink(struct proc_inode *pi, char *buf, size_t size)
{
	struct task_struct *task = proc_task(pi);

	if (!task)
		return -ENOENT;
	if (pi->kind != PROC_PID_ENTRY || !pi->entry->link)
		return -EINVAL;
	if (!ptrace_may_access(task))
		return -EACCES;		/* Linux proc_fd_access_allowed: PTRACE_MODE_READ */
	return pi->entry->link(task, buf, size);
}

/* ------------------------------------------------------------ reading and writing the files */

struct pid_show { const struct pid_entry *entry; struct task_struct *task; };

static void pid_entry_fill(struct seq_file *m, void *arg)
{
	struct pid_show *ps = arg;

	ps->entry->show(m, ps->task);
}

static ssize_t proc_pid_entry_read(struct file *f, char __user *ubuf, size_t n)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	struct task_struct *task = proc_task(pi);
	int err;

	if (!task)
		return -ESRCH;		/* Linux: the process went away while the file was open */
	if (pi->entry->permission && (err = pi->entry->permission(task)))
		return err;
	if (pi->entry->read)
		return pi->entry->read(task, ubuf, n, &f->f_pos);
	if (!pi->entry->show)
		return -EINVAL;
	return proc_seq_read(f, ubuf, n, pid_entry_fill, &(struct pid_show){ pi->entry, task });
}

static ssize_t proc_pid_entry_write(struct file *f, const char __user *ubuf, size_t n)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	struct task_struct *task = proc_task(pi);
	char buf[PROC_WRITE_MAX + 1];
	int err;

	if (!task)
		return -ESRCH;
	if (pi->entry->write_raw)
		return pi->entry->write_raw(task, ubuf, n, &f->f_pos);
	if (!pi->entry->write)
		return -EINVAL;
	if ((err = proc_copy_write(ubuf, n, buf)) || (err = pi->entry->write(task, buf)))
		return err;
	return n;
}

/* Linux proc_mem_open (maps, smaps, environ, auxv, pagemap...): a process with memory is
 * opened only by whoever may ptrace it (kernel/ptrace.c); one with none opens, reads empty. */
static int proc_pid_entry_open(struct file *f)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	struct task_struct *task = proc_task(pi);

	if (pi->kind != PROC_PID_ENTRY || !pi->entry->mm_access || !task || !task->mm)
		return 0;
	return ptrace_may_access(task) ? 0 : -EACCES;
}

const struct file_operations proc_pid_entry_operations = {
	.open = proc_pid_entry_open,
	.read = proc_pid_entry_read,
	.write = proc_pid_entry_write,
	.release = proc_seq_release,
	.seekable = true,
};
