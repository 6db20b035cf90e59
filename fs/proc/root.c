/*
 * fs/proc/root.c - /proc's root directory and the operations every proc
 * inode shares (Linux: fs/proc/root.c, inode.c, self.c, thread_self.c).
 *
 * /proc is mounted on the root file system's "proc": fs/namei.c's walk
 * asks proc_root_inode() for it there, and ".." of /proc leads back to
 * "/". Its entries, in Linux's order: the registered files and
 * directories (generic.c), "self" and "thread-self", then one directory
 * per process in pid order (readdir positions FIRST_PROCESS_POS + tgid, so
 * a listing resumed after a process exits goes on where it was, as
 * Linux's next_tgid does).
 *
 * Each directory kind looks names up and lists them in one place, chosen
 * here by the inode's kind.
 */
#include <mm.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include "internal.h"

#define ROOT_FIRST_REGISTERED 2		/* after "." and ".." */
#define FIRST_PROCESS_POS 0x10000	/* readdir position of pid 0 (Linux: TGID_OFFSET) */
#define SELF_INO 0xfffffffe		/* Linux: self_inum, thread_self_inum: fixed numbers */
#define THREAD_SELF_INO 0xfffffffd

static const struct inode_operations proc_dir_inode_operations;
static const struct inode_operations proc_fd_dir_inode_operations;
static const struct inode_operations proc_fdinfo_dir_inode_operations;
static const struct inode_operations proc_link_inode_operations;
static const struct file_operations proc_dir_operations;

struct proc_inode *proc_new_inode(enum proc_kind kind, umode_t mode, u32 ino)
{
	struct inode *inode = new_inode_pseudo_sized(sizeof(struct proc_inode));
	struct proc_inode *pi;

	if (!inode)
		return NULL;
	pi = PROC_I(inode);
	pi->kind = kind;
	inode->i_mode = mode;
	inode->i_ino = ino;
	if (S_ISDIR(mode)) {
		inode->i_op = kind == PROC_FD_DIR || kind == PROC_MAP_FILES_DIR ? &proc_fd_dir_inode_operations :
			      kind == PROC_FDINFO_DIR ? &proc_fdinfo_dir_inode_operations : &proc_dir_inode_operations;
		inode->i_fop = &proc_dir_operations;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &proc_link_inode_operations;
	}
	inode_set_times_now(inode);
	return pi;
}

bool proc_emit(struct dir_context *ctx, const char *name, u64 ino, unsigned type)
{
	if (!ctx->actor(ctx, name, strlen(name), ctx->pos + 1, ino, type))
		return false;
	ctx->pos++;
	return true;
}

/* "." and "..", at positions 0 and 1 (the inode numbers are not looked up: ls does not show them). */
bool proc_emit_dots(struct inode *dir, struct dir_context *ctx)
{
	if (ctx->pos == 0 && !proc_emit(ctx, ".", dir->i_ino, DT_DIR))
		return false;
	if (ctx->pos == 1 && !proc_emit(ctx, "..", dir->i_ino, DT_DIR))
		return false;
	return true;
}

struct inode *proc_root_inode(void)
{
	struct proc_inode *pi = proc_new_inode(PROC_ROOT, S_IFDIR | 0555, PROC_ROOT_INO);

	if (!pi)
		return NULL;
	pi->path[0] = '\0';
	return &pi->vfs_inode;
}

/* ------------------------------------------------------------ self, thread-self */

static int proc_self_text(struct proc_inode *pi, char *buf, size_t size)
{
	if (!current->tgid)
		return -ENOENT;			/* Linux: no pid in this namespace */
	if (pi->kind == PROC_SELF)
		return snprintf(buf, size, "%d", current->tgid);
	return snprintf(buf, size, "%d/task/%d", current->tgid, current->pid);
}

static int proc_self_link(enum proc_kind kind, struct inode **out)
{
	struct proc_inode *pi = proc_new_inode(kind, S_IFLNK | 0777, kind == PROC_SELF ? SELF_INO : THREAD_SELF_INO);

	if (!pi)
		return -ENOMEM;
	*out = &pi->vfs_inode;
	return proc_link_size(*out);
}

/* ------------------------------------------------------------ the root directory */

static int parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (!len || len > 9 || name[0] == '0')
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static int proc_root_lookup(const char *name, size_t len, struct inode **out)
{
	int pid = parse_pid(name, len);

	if (pid > 0)
		return find_task_by_tgid(pid) ? proc_pid_dir(pid, pid, false, out) : -ENOENT;
	if (len == 4 && !strncmp(name, "self", 4))
		return proc_self_link(PROC_SELF, out);
	if (len == 11 && !strncmp(name, "thread-self", 11))
		return proc_self_link(PROC_THREAD_SELF, out);
	return proc_lookup_registered("", name, len, out);
}

/* The process with the smallest tgid >= @from, or NULL. */
static struct task_struct *next_tgid(int from)
{
	struct task_struct *best = NULL, *t;

	list_for_each_entry(t, &task_list, tasks)
		if (thread_group_leader(t) && t->pid >= from && t->pid && t->state != TASK_DEAD &&
		    (!best || t->pid < best->pid))
			best = t;
	return best;
}

static bool proc_root_readdir(struct inode *dir, struct dir_context *ctx)
{
	loff_t self_pos = ROOT_FIRST_REGISTERED + proc_registered_count("");
	char name[16];
	struct task_struct *t;

	if (!proc_emit_dots(dir, ctx) || !proc_readdir_registered("", ctx, ROOT_FIRST_REGISTERED))
		return false;
	if (ctx->pos == self_pos && !proc_emit(ctx, "self", SELF_INO, DT_LNK))
		return false;
	if (ctx->pos == self_pos + 1 && !proc_emit(ctx, "thread-self", THREAD_SELF_INO, DT_LNK))
		return false;
	if (ctx->pos < FIRST_PROCESS_POS)
		ctx->pos = FIRST_PROCESS_POS;
	while ((t = next_tgid(ctx->pos - FIRST_PROCESS_POS))) {
		snprintf(name, sizeof(name), "%d", t->pid);
		ctx->pos = FIRST_PROCESS_POS + t->pid;
		if (!proc_emit(ctx, name, PROC_ROOT_INO + 1, DT_DIR))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------ one set of operations, by kind */

static bool is_dot(const char *name, size_t len) { return len == 1 && name[0] == '.'; }
static bool is_dotdot(const char *name, size_t len) { return len == 2 && name[0] == '.' && name[1] == '.'; }

/* ".." of a directory of registered files: the one above it, or /proc. */
static int registered_parent(struct proc_inode *pi, struct inode **out)
{
	char path[PROC_PATH_MAX];
	char *slash;

	strlcpy(path, pi->path, sizeof(path));
	if (!(slash = strchr(path, '/'))) {
		*out = proc_root_inode();
		return *out ? 0 : -ENOMEM;
	}
	while (strchr(slash + 1, '/'))
		slash = strchr(slash + 1, '/');
	*slash = '\0';
	return proc_registered_dir(path, out);
}

static int proc_parent(struct proc_inode *pi, struct inode **out)
{
	switch (pi->kind) {
	case PROC_ROOT:
		*out = igrab(root_sb->s_root);
		return 0;
	case PROC_DIR:
		return registered_parent(pi, out);
	default:
		return proc_pid_parent(pi, out);
	}
}

static int proc_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct proc_inode *pi = PROC_I(dir);

	if (is_dot(name, len)) {
		*out = igrab(dir);
		return 0;
	}
	if (is_dotdot(name, len))
		return proc_parent(pi, out);
	switch (pi->kind) {
	case PROC_ROOT:
		return proc_root_lookup(name, len, out);
	case PROC_DIR:
		return proc_lookup_registered(pi->path, name, len, out);
	case PROC_PID_DIR:
		return proc_pid_lookup(pi, name, len, out);
	case PROC_TASK_DIR:
		return proc_task_lookup(pi, name, len, out);
	case PROC_FD_DIR:
	case PROC_FDINFO_DIR:
		return proc_fd_lookup(pi, name, len, out);
	case PROC_NS_DIR:
		return proc_ns_lookup(pi, name, len, out);
	case PROC_ATTR_DIR:
		return proc_attr_lookup(pi, name, len, out);
	case PROC_MAP_FILES_DIR:
		return proc_map_files_lookup(pi, name, len, out);
	case PROC_NET_DIR:
		return proc_task(pi) ? proc_lookup_registered(PROC_NET, name, len, out) : -ENOENT;
	default:
		return -ENOTDIR;
	}
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pi = PROC_I(f->f_inode);

	switch (pi->kind) {
	case PROC_ROOT:
		proc_root_readdir(f->f_inode, ctx);
		break;
	case PROC_DIR:
		if (proc_emit_dots(f->f_inode, ctx))
			proc_readdir_registered(pi->path, ctx, 2);
		break;
	case PROC_PID_DIR:
		proc_pid_readdir(pi, ctx);
		break;
	case PROC_TASK_DIR:
		proc_task_readdir(pi, ctx);
		break;
	case PROC_FD_DIR:
	case PROC_FDINFO_DIR:
		proc_fd_readdir(pi, ctx);
		break;
	case PROC_NS_DIR:
		proc_ns_readdir(pi, ctx);
		break;
	case PROC_ATTR_DIR:
		proc_attr_readdir(pi, ctx);
		break;
	case PROC_MAP_FILES_DIR:
		proc_map_files_readdir(pi, ctx);
		break;
	case PROC_NET_DIR:
		if (proc_task(pi) && proc_emit_dots(f->f_inode, ctx))
			proc_readdir_registered(PROC_NET, ctx, 2);
		break;
	default:
		return -ENOTDIR;
	}
	return 0;
}

static int proc_link_text(struct proc_inode *pi, char *buf, size_t size)
{
	switch (pi->kind) {
	case PROC_SELF:
	case PROC_THREAD_SELF:
		return proc_self_text(pi, buf, size);
	case PROC_FD_LINK:
		return proc_fd_readlink(pi, buf, size);
	case PROC_NS_LINK:
		return proc_ns_readlink(pi, buf, size);
	case PROC_MAP_FILES_LINK:
		return proc_map_files_readlink(pi, buf, size);
	case PROC_REG_LINK:
		return proc_registered_link_text(pi, buf, size);
	default:
		return proc_pid_readlink(pi, buf, size);
	}
}

/* ->readlink: the target's first @size bytes, not NUL-terminated (the text is made with its NUL first). */
static int proc_readlink(struct inode *inode, char *buf, size_t size)
{
	char *text = kmalloc(PATH_MAX, 0);
	int n;

	if (!text)
		return -ENOMEM;
	n = proc_link_text(PROC_I(inode), text, PATH_MAX);
	if (n >= PATH_MAX)
		n = -ENAMETOOLONG;
	if (n > 0)
		memcpy(buf, text, MIN((size_t)n, size));
	kfree(text);
	return n < 0 ? n : (int)MIN((size_t)n, size);
}

/*
 * The path walk reads a link by its i_size (fs/namei.c follow_link), so a
 * proc link's size is its target's length when it was looked up (Linux
 * shows 0 there: its walk asks ->get_link instead).
 */
int proc_link_size(struct inode *inode)
{
	char *buf = kmalloc(PATH_MAX, 0);
	int n;

	if (!buf) {
		iput(inode);
		return -ENOMEM;
	}
	n = proc_readlink(inode, buf, PATH_MAX);
	kfree(buf);
	if (n == -EACCES) {
		/* Linux: lstat shows the link, readlink and the walk through it say EACCES */
		inode->i_size = 1;
		return 0;
	}
	if (n < 0) {
		iput(inode);
		return n;
	}
	inode->i_size = n;
	return 0;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

/* /proc/PID/fd and map_files: their mode (0500, the owner's), but a process always sees its own. */
static const struct inode_operations proc_fd_dir_inode_operations = {
	.lookup = proc_lookup,
	.permission = proc_fd_permission,
};

static const struct inode_operations proc_fdinfo_dir_inode_operations = {
	.lookup = proc_lookup,
	.permission = proc_fdinfo_permission,
};

static const struct inode_operations proc_link_inode_operations = {
	.readlink = proc_readlink,
};

/* /proc/PID/ns/X: readlink shows "type:[inum]", a walk jumps to an inode of that number. */
const struct inode_operations proc_ns_link_inode_operations = {
	.readlink = proc_readlink,
	.get_link = proc_ns_get_link,
};

/* /proc/PID/map_files/A-B: the same for a mapped file. */
const struct inode_operations proc_map_files_link_inode_operations = {
	.readlink = proc_readlink,
	.get_link = proc_map_files_get_link,
};

/* /proc/PID/fd/N: readlink shows the name, a walk jumps to the file itself. */
const struct inode_operations proc_fd_link_inode_operations = {
	.readlink = proc_readlink,
	.get_link = proc_fd_get_link,
};

static const struct file_operations proc_dir_operations = {
	.iterate_shared = proc_iterate,
	.seekable = true,
};
