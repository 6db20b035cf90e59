/*
 * fs/proc/namespaces.c - /proc/PID/ns (Linux: fs/proc/namespaces.c and
 * fs/nsfs.c).
 *
 * faultline has one namespace of each kind, the initial one, and every
 * task is in it.  Each link of /proc/PID/ns names it the way Linux names
 * its initial namespaces, "pid:[4026531836]": the fixed PROC_*_INIT_INO
 * numbers of include/linux/proc_ns.h, and for mnt and net, which Linux
 * numbers as it creates them, the first numbers a booting Linux hands out.
 * Following a link leads (as Linux's nsfs does) to an inode of that number,
 * so the usual test - are two processes in the same namespace? - compares
 * st_ino after stat() or the readlink texts, and both say yes.  It can be
 * opened (a descriptor that holds a namespace, for setns(2), which
 * faultline lacks); reading it is EINVAL, as from Linux's nsfs.
 */
#include <fs.h>
#include <cred.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include "internal.h"

#define NS_INO_BASE 0x40000000u		/* + tid * NS_INO_SLOTS + entry: the links' own inodes */
#define NS_INO_SLOTS 16

struct ns_entry {
	const char *name;		/* under /proc/PID/ns */
	const char *type;		/* what readlink says before the number */
	u32 inum;
};

/* Linux's ns_entries order (what readdir lists); the numbers as on a freshly booted Linux. */
static const struct ns_entry ns_entries[] = {
	{ "net", "net", 0xeffffff9 },
	{ "uts", "uts", 0xeffffffe },			/* PROC_UTS_INIT_INO */
	{ "ipc", "ipc", 0xefffffff },			/* PROC_IPC_INIT_INO */
	{ "pid", "pid", 0xeffffffc },			/* PROC_PID_INIT_INO */
	{ "pid_for_children", "pid", 0xeffffffc },
	{ "user", "user", 0xeffffffd },			/* PROC_USER_INIT_INO */
	{ "mnt", "mnt", 0xeffffff8 },
	{ "cgroup", "cgroup", 0xeffffffb },		/* PROC_CGROUP_INIT_INO */
	{ "time", "time", 0xeffffffa },			/* PROC_TIME_INIT_INO */
	{ "time_for_children", "time", 0xeffffffa },
};
#define NR_NS_ENTRIES (int)(sizeof(ns_entries) / sizeof(ns_entries[0]))

/* Linux ns_file_operations: nothing but open and close. */
static const struct file_operations ns_file_operations;

static u32 ns_link_ino(int tid, int i) { return NS_INO_BASE + (u32)tid * NS_INO_SLOTS + i; }

int proc_ns_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out)
{
	struct proc_inode *pi;

	if (!proc_task(dir))
		return -ENOENT;
	for (int i = 0; i < NR_NS_ENTRIES; i++) {
		if (strlen(ns_entries[i].name) != len || strncmp(ns_entries[i].name, name, len))
			continue;
		if (!(pi = proc_new_inode(PROC_NS_LINK, S_IFLNK | 0777, ns_link_ino(dir->tid, i))))
			return -ENOMEM;
		pi->tgid = dir->tgid;
		pi->tid = dir->tid;
		pi->thread = dir->thread;
		pi->index = i;
		proc_task_owner(pi);
		pi->vfs_inode.i_op = &proc_ns_link_inode_operations;
		*out = &pi->vfs_inode;
		return proc_link_size(*out);
	}
	return -ENOENT;
}

bool proc_ns_readdir(struct proc_inode *dir, struct dir_context *ctx)
{
	if (!proc_task(dir) || !proc_emit_dots(&dir->vfs_inode, ctx))
		return true;
	for (int i = ctx->pos - 2; i < NR_NS_ENTRIES; i++)
		if (!proc_emit(ctx, ns_entries[i].name, ns_link_ino(dir->tid, i), DT_LNK))
			return false;
	return true;
}

/* Linux ns_get_name: "type:[inum]". */
int proc_ns_readlink(struct proc_inode *pi, char *buf, size_t size)
{
	const struct ns_entry *e = &ns_entries[pi->index];
	struct task_struct *task = proc_task(pi);

	if (!task)
		return -ENOENT;
	if (!ptrace_may_access(task))
		return -EACCES;		/* Linux proc_ns_readlink: PTRACE_MODE_READ */
	return snprintf(buf, size, "%s:[%u]", e->type, e->inum);
}

/* The walk's jump (Linux ns_get_path): an nsfs-like inode with the namespace's number. */
int proc_ns_get_link(struct inode *link, struct inode **target, char *name)
{
	struct proc_inode *pi = PROC_I(link);
	struct inode *inode;

	if (!proc_task(pi))
		return -ENOENT;
	if (!ptrace_may_access(proc_task(pi)))
		return -EACCES;		/* Linux proc_ns_get_link */
	if (!(inode = new_inode_pseudo()))
		return -ENOMEM;
	inode->i_mode = S_IFREG | 0444;		/* Linux nsfs: S_IFREG | S_IRUGO */
	inode->i_ino = ns_entries[pi->index].inum;
	inode->i_fop = &ns_file_operations;
	*target = inode;
	if (name)
		name[0] = '\0';
	return 0;
}
