/*
 * fs/proc/map_files.c - /proc/PID/map_files (Linux: fs/proc/base.c
 * proc_map_files_*, for checkpoint/restore).
 *
 * One link per file-backed mapping, named by its range as "start-end" in
 * lower-case hex without leading zeros; it reads as the file's path, like
 * fd/N, and like fd/N it leads to the file itself even when that has been
 * unlinked.  Listing needs the right to look into the task (ptrace); the
 * links themselves only CAP_SYS_ADMIN may look up and follow (Linux:
 * checkpoint_restore_ns_capable), since they open files the caller could
 * not reach by name.  A link's mode is r for the mapping's open file, plus
 * w if the file was opened for writing.
 */
#include <mm.h>
#include <cred.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include "internal.h"

#define MAP_FILES_INO_BASE 0x40000000u	/* + tid * MAP_FILES_PER_TASK + mapping index */
#define MAP_FILES_PER_TASK 1024
#define MAP_FILES_POS_FIRST 2		/* readdir position of the first mapping */
#define RANGE_NAME_MAX 40		/* "ffffffffffffffff-ffffffffffffffff" */

static u32 map_ino(int tid, int index) { return MAP_FILES_INO_BASE + (u32)tid * MAP_FILES_PER_TASK + index % MAP_FILES_PER_TASK; }

/* Linux dname_to_vma_addr: two hex numbers joined by '-', no leading zeros. */
static int parse_range(const char *name, size_t len, u64 *start, u64 *end)
{
	u64 *v = start;
	size_t i = 0;

	for (int part = 0; part < 2; part++, v = end) {
		size_t first = i;

		*v = 0;
		if (i + 1 < len && name[i] == '0' && name[i + 1] != '-')
			return -ENOENT;
		for (; i < len && name[i] != '-'; i++) {
			char c = name[i];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

			if (d < 0 || *v >> 60)
				return -ENOENT;
			*v = *v << 4 | d;
		}
		if (i == first || (part == 0 && i == len) || (part == 1 && i != len))
			return -ENOENT;
		i++;			/* the '-' */
	}
	return 0;
}

/* The file-backed mapping of exactly [start, end), and its index among the mappings. */
static struct vm_area_struct *find_exact(struct task_struct *task, u64 start, u64 end, int *index)
{
	struct vm_area_struct *v;
	int i = 0;

	if (!task || !task->mm)
		return NULL;
	list_for_each_entry(v, &task->mm->mmap, vm_list) {
		if (v->vm_start == start && v->vm_end == end && v->vm_file) {
			*index = i;
			return v;
		}
		i++;
	}
	return NULL;
}

static umode_t map_link_mode(struct file *f)
{
	u32 acc = f->f_flags & O_ACCMODE;

	return S_IFLNK | (acc != O_WRONLY ? 0400 : 0) | (acc != O_RDONLY ? 0200 : 0);
}

int proc_map_files_lookup(struct proc_inode *dir, const char *name, size_t len, struct inode **out)
{
	struct task_struct *task = proc_task(dir);
	struct vm_area_struct *v;
	struct proc_inode *pi;
	u64 start, end;
	int index;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!task || !ptrace_may_access(task))
		return -ENOENT;
	if (parse_range(name, len, &start, &end) || !(v = find_exact(task, start, end, &index)))
		return -ENOENT;
	if (!(pi = proc_new_inode(PROC_MAP_FILES_LINK, map_link_mode(v->vm_file), map_ino(dir->tid, index))))
		return -ENOMEM;
	pi->tgid = dir->tgid;
	pi->tid = dir->tid;
	pi->start = start;
	pi->end = end;
	proc_task_owner(pi);
	pi->vfs_inode.i_op = &proc_map_files_link_inode_operations;
	*out = &pi->vfs_inode;
	return proc_link_size(*out);
}

bool proc_map_files_readdir(struct proc_inode *dir, struct dir_context *ctx)
{
	struct task_struct *task = proc_task(dir);
	struct vm_area_struct *v;
	char name[RANGE_NAME_MAX];
	int i = 0;

	if (!task || !ptrace_may_access(task) || !proc_emit_dots(&dir->vfs_inode, ctx) || !task->mm)
		return true;
	list_for_each_entry(v, &task->mm->mmap, vm_list) {
		loff_t pos = MAP_FILES_POS_FIRST + i;

		if (v->vm_file && pos >= ctx->pos) {
			snprintf(name, sizeof(name), "%lx-%lx", v->vm_start, v->vm_end);
			ctx->pos = pos;
			if (!proc_emit(ctx, name, map_ino(dir->tid, i), DT_LNK))
				return false;
		}
		i++;
	}
	return true;
}

static struct file *link_file(struct proc_inode *pi, struct vm_area_struct **vp)
{
	int index;
	struct vm_area_struct *v = find_exact(proc_task(pi), pi->start, pi->end, &index);

	*vp = v;
	return v ? v->vm_file : NULL;
}

int proc_map_files_readlink(struct proc_inode *pi, char *buf, size_t size)
{
	struct vm_area_struct *v;
	struct file *f = link_file(pi, &v);

	if (!f)
		return -ENOENT;
	if (!f->f_path && v->vm_name)
		return snprintf(buf, size, "%s", v->vm_name);	/* shared anonymous: "/dev/zero (deleted)" */
	return proc_fd_path(f, buf, size);
}

/* The walk's jump: the mapped file's inode (Linux map_files_get_link needs CAP_SYS_ADMIN again). */
int proc_map_files_get_link(struct inode *link, struct inode **target, char *name)
{
	struct vm_area_struct *v;
	struct file *f;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!(f = link_file(PROC_I(link), &v)))
		return -ENOENT;
	*target = igrab(f->f_inode);
	if (name)
		strlcpy(name, f->f_path ? f->f_path : "", PATH_MAX);
	return 0;
}
