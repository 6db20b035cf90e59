/*
 * fs/namei.c - from a path name to an inode, and who may open what (Linux:
 * fs/namei.c, with mnt_want_write from fs/namespace.c).
 *
 * A path is made absolute against the task's working directory, then
 * walked from the root file system's root directory one component at a
 * time through dir->i_op->lookup. Symlinks are followed with Linux's rules:
 * at most MAXSYMLINKS (40) in one walk (-ELOOP), an empty target is -ENOENT,
 * an absolute one restarts at the root; the last component's link is
 * followed only with LOOKUP_FOLLOW or a trailing slash (lstat, readlink and
 * O_NOFOLLOW do not). A trailing slash needs a directory (-ENOTDIR).
 * /dev names are matched first, against the table in fs/char_dev.c; /proc
 * is entered at the root's "proc" (fs/proc/root.c).
 */
#include <syscalls.h>
#include <fs.h>
#include <mount.h>
#include <proc_fs.h>
#include <mm.h>
#include <sched.h>
#include <cred.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <errno.h>

#define DEV_NAME_MAX 64


/*
 * One walk. The unread part of the path is rest[0..restlen): first inside
 * the caller's string; once a symlink is followed, target + "/" + rest is
 * assembled right-aligned in buf, so a later link is written in front of it.
 */
struct nameidata {
	const char *rest;
	size_t restlen;
	int links;			/* symlinks followed so far */
	unsigned flags;			/* LOOKUP_FOLLOW */
	bool want_dir;			/* the path ended in '/': the result must be a directory */
	struct inode *dir;		/* where the next component is looked up (a reference) */
	char *canon;			/* NULL, or PATH_MAX bytes: the path walked, links resolved */
	char buf[PATH_MAX];
};

/*
 * The walk also spells out where it went (Linux gets this from d_path on
 * the dentries): the components it entered, with "." dropped, ".." taking
 * one off, and a symlink replaced by its target.  An open file keeps this
 * name, so /proc/PID/maps says /demos/eof_sigbus for a program that opened
 * /proc/self/exe, as Linux does.
 */
static void canon_enter(struct nameidata *nd, const char *name, size_t len)
{
	size_t n;

	if (!nd->canon || (len == 1 && name[0] == '.'))
		return;
	n = strlen(nd->canon);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		while (n > 1 && nd->canon[n - 1] != '/')
			n--;
		nd->canon[n > 1 ? n - 1 : 1] = '\0';
		return;
	}
	if (n + (n > 1) + len >= PATH_MAX)
		return;				/* the walk itself fails with ENAMETOOLONG */
	if (n > 1)
		nd->canon[n++] = '/';
	memcpy(nd->canon + n, name, len);
	nd->canon[n + len] = '\0';
}

static void skip_slashes(struct nameidata *nd)
{
	while (nd->restlen && *nd->rest == '/') {
		nd->rest++;
		nd->restlen--;
	}
}

/* Take the next component off the rest; also notes a trailing '/' on the last one. */
static size_t take_component(struct nameidata *nd, const char **name)
{
	size_t len = 0;

	*name = nd->rest;
	while (len < nd->restlen && nd->rest[len] != '/')
		len++;
	nd->rest += len;
	nd->restlen -= len;
	if (nd->restlen) {
		skip_slashes(nd);
		if (!nd->restlen)
			nd->want_dir = true;
	}
	return len;
}

/*
 * /proc is mounted on the root's "proc" (Linux: a mount, crossed by
 * follow_managed): the walk enters proc's root there, whether or not the
 * disk has the directory; ".." of proc's root comes back to "/".
 */
static bool is_proc_mountpoint(struct inode *dir, const char *name, size_t len)
{
	return dir == root_sb->s_root && len == strlen(PROC_MOUNTPOINT) && !strncmp(name, PROC_MOUNTPOINT, len);
}

static bool is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/*
 * One name in @dir, across mounts both ways (Linux: lookup_fast, then
 * follow_managed going down and follow_dotdot coming up): ".." of a
 * mounted root is looked up in the directory it covers.
 */
static int lookup_one(struct inode *dir, const char *name, size_t len, struct inode **child)
{
	struct inode *covered;
	int err;

	if (!S_ISDIR(dir->i_mode) || !dir->i_op || !dir->i_op->lookup)
		return -ENOTDIR;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (is_proc_mountpoint(dir, name, len))
		return (*child = proc_root_inode()) ? 0 : -ENOMEM;
	if (is_dotdot(name, len) && (covered = mount_covered_dir(dir))) {
		err = covered->i_op->lookup(covered, name, len, child);
		iput(covered);
	} else {
		err = dir->i_op->lookup(dir, name, len, child);
	}
	if (!err)
		*child = follow_mount(*child);
	return err;
}

/* Make the rest target + "/" + rest inside buf; *target is where the target goes. */
static int splice_target(struct nameidata *nd, size_t tlen, char **target)
{
	char *end = nd->buf + sizeof(nd->buf);
	size_t sep = nd->restlen ? 1 : 0;
	size_t need = tlen + sep + nd->restlen;

	if (need > sizeof(nd->buf))
		return -ENAMETOOLONG;
	memmove(end - nd->restlen, nd->rest, nd->restlen);
	if (sep)
		end[-(long)nd->restlen - 1] = '/';
	*target = end - need;
	nd->rest = *target;
	nd->restlen = need;
	return 0;
}

/* A magic link: go on from the inode it gives (Linux nd_jump_link); the
 * path walked so far becomes that file's own name. */
static int jump_link(struct nameidata *nd, struct inode *link)
{
	struct inode *target;
	int err = link->i_op->get_link(link, &target, nd->canon);

	if (err)
		return err;
	iput(nd->dir);
	nd->dir = target;
	return 0;
}

static int follow_link(struct nameidata *nd, struct inode *link)
{
	char *target;
	int n, err;

	if (++nd->links > MAXSYMLINKS)
		return -ELOOP;
	if (link->i_op && link->i_op->get_link)
		return jump_link(nd, link);
	if (link->i_size == 0)
		return -ENOENT;
	if (link->i_size > sizeof(nd->buf) || !link->i_op || !link->i_op->readlink)
		return -ENAMETOOLONG;
	err = splice_target(nd, link->i_size, &target);
	if (err)
		return err;
	n = link->i_op->readlink(link, target, link->i_size);
	if (n < 0)
		return n;
	if ((u64)n != link->i_size)
		return -EIO;
	if (*target == '/') {
		iput(nd->dir);
		nd->dir = igrab(root_sb->s_root);
		if (nd->canon)
			strlcpy(nd->canon, "/", PATH_MAX);
	}
	return 0;
}

static bool should_follow(const struct nameidata *nd, const struct inode *child)
{
	return S_ISLNK(child->i_mode) && (nd->restlen || (nd->flags & LOOKUP_FOLLOW) || nd->want_dir);
}

/*
 * Linux may_lookup: looking a name up in a directory needs search (x)
 * permission on it. A non-directory fails in lookup_one (ENOTDIR) instead.
 */
static int may_lookup(const struct inode *dir)
{
	return S_ISDIR(dir->i_mode) ? inode_permission(dir, MAY_EXEC) : 0;
}

/* Walk one component; 1 when it was the last (and *out is the result). */
static int walk_component(struct nameidata *nd, struct inode **out)
{
	struct inode *child;
	const char *name;
	size_t len = take_component(nd, &name);
	int err = may_lookup(nd->dir);

	if (!err)
		err = lookup_one(nd->dir, name, len, &child);
	if (err)
		return err;
	if (should_follow(nd, child)) {
		err = follow_link(nd, child);
		iput(child);
		return err;
	}
	canon_enter(nd, name, len);
	if (nd->restlen) {
		mnt_note_use(child);
		iput(nd->dir);
		nd->dir = child;
		return 0;
	}
	if (nd->want_dir && !S_ISDIR(child->i_mode)) {
		iput(child);
		return -ENOTDIR;
	}
	*out = child;
	return 1;
}

/* Every pass consumes a component or follows one of at most MAXSYMLINKS links. */
static int path_walk(struct nameidata *nd, struct inode **out)
{
	int err = 0;

	nd->dir = igrab(root_sb->s_root);
	for (;;) {
		skip_slashes(nd);
		if (nd->restlen == 0) {
			*out = nd->dir;
			return 0;
		}
		err = walk_component(nd, out);
		if (err)
			break;
	}
	iput(nd->dir);
	return err < 0 ? err : 0;
}

/* @canon: NULL, or PATH_MAX bytes for the path the walk resolved. */
static int lookup_absolute(const char *abs, unsigned flags, struct inode **out, char *canon)
{
	struct nameidata *nd;
	char dev[DEV_NAME_MAX];
	size_t len = strlen(abs);
	int err;

	normalize_path(abs, dev, sizeof(dev));
	if (abs[len - 1] != '/' && !lookup_chrdev(dev, out)) {
		if (canon)
			strlcpy(canon, dev, PATH_MAX);
		return 0;
	}
	if (!root_sb)
		return -ENOENT;
	if (!(nd = kmalloc(sizeof(*nd), 0)))
		return -ENOMEM;
	nd->rest = abs;
	nd->restlen = len;
	nd->links = 0;
	nd->flags = flags;
	nd->want_dir = false;
	nd->canon = canon;
	if (canon)
		strlcpy(canon, "/", PATH_MAX);
	err = path_walk(nd, out);
	kfree(nd);
	return err;
}

/* path_lookupat, and the path it resolved into @canon (PATH_MAX bytes): every symlink followed. */
int path_lookup_canon(const char *path, unsigned flags, struct inode **out, char *canon)
{
	char *abs;
	int err;

	if (!*path)
		return -ENOENT;
	if (!(abs = kmalloc(PATH_MAX, 0)))
		return -ENOMEM;
	err = absolute_path(path, abs, PATH_MAX);
	if (!err)
		err = lookup_absolute(abs, flags, out, canon);
	kfree(abs);
	return err;
}

int path_lookupat(const char *path, unsigned flags, struct inode **out)
{
	return path_lookup_canon(path, flags, out, NULL);
}

int path_lookup(const char *path, struct inode **out)
{
	return path_lookupat(path, LOOKUP_FOLLOW, out);
}

/*
 * Make path absolute against the task's working directory. Leading ".."
 * components climb the working directory's path itself, as Linux's walk
 * climbs from the pwd dentry to its parent: so "cd .." works even from a
 * directory that was removed, whose own ".." entry is gone.
 */
int absolute_path(const char *path, char *buf, size_t size)
{
	size_t n;

	if (path[0] == '/')
		return strlcpy(buf, path, size) < size ? 0 : -ENAMETOOLONG;
	n = strlcpy(buf, current ? current->fs->pwd_path : "/", size);
	if (n >= size)
		return -ENAMETOOLONG;
	while (path[0] == '.' && path[1] == '.' && (path[2] == '/' || !path[2])) {
		while (n > 1 && buf[n - 1] != '/')
			n--;
		if (n > 1)
			n--;			/* the slash before the last component */
		buf[n] = '\0';
		path += path[2] ? 3 : 2;
		while (*path == '/')
			path++;
	}
	if (!*path)
		return 0;
	if (n + 1 + strlen(path) + 1 > size)
		return -ENAMETOOLONG;
	if (n && buf[n - 1] != '/')
		buf[n++] = '/';
	strlcpy(buf + n, path, size - n);
	return 0;
}

/* Copy a path from user space and look it up, following a last symlink. */
int user_path_lookup(const char __user *upath, char *buf, size_t size, struct inode **out)
{
	long n = strncpy_from_user(buf, upath, size);

	if (n < 0)
		return n;
	return path_lookup(buf, out);
}

/*
 * The path an *at call means: an absolute path or AT_FDCWD as is, else the
 * directory dfd was opened as, joined with the relative path.
 */
int user_path_at(int dfd, const char __user *upath, char *buf, size_t size)
{
	long n = strncpy_from_user(buf, upath, size);
	struct file *d;
	size_t dl;

	if (n < 0)
		return n;
	if (buf[0] == '/' || dfd == AT_FDCWD || !n)
		return 0;
	if (!(d = fget_raw(dfd)))
		return -EBADF;
	if (!S_ISDIR(d->f_inode->i_mode) || !d->f_path)
		return -ENOTDIR;
	dl = strlen(d->f_path);
	if (dl + 1 + n + 1 > size)
		return -ENAMETOOLONG;
	memmove(buf + dl + 1, buf, n + 1);
	memcpy(buf, d->f_path, dl);
	buf[dl] = '/';
	return 0;
}

/*
 * Lexically tidy an absolute path for the /dev table: "//", "/./" and
 * "x/../" go away. Only device names are matched this way; the walk itself
 * sees the path as given (so "file/." still fails with ENOTDIR).
 */
void normalize_path(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = in; *p && n + 2 < size;) {
		const char *e;
		while (*p == '/')
			p++;
		e = p;
		while (*e && *e != '/')
			e++;
		if (e - p == 1 && p[0] == '.') {
			/* skip "." */
		} else if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[--n] != '/')
				;
		} else if (e > p && n + 1 + (size_t)(e - p) < size) {
			out[n++] = '/';
			memcpy(out + n, p, e - p);
			n += e - p;
		}
		p = e;
	}
	if (!n)
		out[n++] = '/';
	out[n] = 0;
}

/* Linux mnt_want_write: may this file's file system be written? */
int mnt_want_write(struct inode *inode)
{
	return IS_RDONLY(inode) ? -EROFS : 0;
}

/*
 * Linux ACC_MODE and build_open_flags: the access an open asks for.
 * O_RDONLY reads, O_WRONLY writes, O_RDWR (and 3) both; O_TRUNC needs
 * MAY_WRITE; exec's own open (__FMODE_EXEC) asks to execute, not to read.
 */
static int open_acc_mode(u32 flags)
{
	static const int acc[4] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE, MAY_READ | MAY_WRITE };

	if (flags & __FMODE_EXEC)
		return MAY_EXEC;
	return acc[flags & O_ACCMODE] | ((flags & O_TRUNC) ? MAY_WRITE : 0);
}

/*
 * Linux may_open: what an open with @flags may do to @inode, by file type,
 * then inode_permission (the mode bits against fsuid/fsgid; EROFS for a
 * write on a read-only file system, but not to a device); O_NOATIME only
 * for the owner (EPERM).
 */
int may_open(struct inode *inode, u32 flags)
{
	u16 mode = inode->i_mode;
	int acc_mode = open_acc_mode(flags);
	int err;

	if (S_ISLNK(mode))
		return -ELOOP;		/* only with O_NOFOLLOW does a walk end on a link */
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && (acc_mode & MAY_WRITE))
		return -EISDIR;
	if ((acc_mode & MAY_EXEC) && !S_ISREG(mode))
		return -EACCES;
	if ((acc_mode & MAY_EXEC) && sb_flag(inode, SB_NOEXEC))
		return -EACCES;		/* Linux do_open_execat: path_noexec */
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && sb_flag(inode, SB_NODEV))
		return -EACCES;		/* Linux may_open_dev: a device node on a nodev mount */
	if ((err = inode_permission(inode, acc_mode | MAY_OPEN)))
		return err;
	/* Linux may_open: an append-only file is written only with O_APPEND, never truncated */
	if (IS_APPEND(inode) && (((flags & O_ACCMODE) != O_RDONLY && !(flags & O_APPEND)) || (flags & O_TRUNC)))
		return -EPERM;
	if ((flags & O_NOATIME) && !inode_owner_or_capable(inode))
		return -EPERM;
	return 0;
}

/* ------------------------------------------------------------ changing names */

/*
 * The parent of a path and its last component (Linux: filename_parentat).
 * "a/b/" gives parent "a" and last "b" with *slash set; the last component
 * of "/" is empty. *dir is a reference, the name points into @buf.
 */
struct parent {
	struct inode *dir;
	const char *dirpath;		/* the directory's absolute path (in the caller's buffer) */
	const char *name;
	size_t len;
	bool slash;			/* the path ended in '/' */
};

static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* The last '/' of @s (it has one: the path is absolute). */
static char *last_slash(char *s)
{
	char *r = s;

	for (; *s; s++)
		if (*s == '/')
			r = s;
	return r;
}

/* @buf holds a path (relative to the working directory, or absolute); split it in place. */
static int parent_of(char *buf, struct parent *p)
{
	char *abs = kmalloc(PATH_MAX, 0);
	size_t n;
	char *cut;
	int err = abs ? 0 : -ENOMEM;

	if (!err && !*buf)
		err = -ENOENT;
	if (!err)
		err = absolute_path(buf, abs, PATH_MAX);
	if (!err)
		strlcpy(buf, abs, PATH_MAX);
	kfree(abs);
	if (err)
		return err;
	n = strlen(buf);
	p->slash = n > 1 && buf[n - 1] == '/';
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	cut = last_slash(buf);
	p->name = cut + 1;
	p->len = strlen(p->name);
	if (p->len > NAME_MAX)
		return -ENAMETOOLONG;
	*cut = '\0';
	p->dirpath = cut == buf ? "/" : buf;
	err = path_lookupat(p->dirpath, LOOKUP_FOLLOW, &p->dir);
	if (!err && !S_ISDIR(p->dir->i_mode)) {
		iput(p->dir);
		err = -ENOTDIR;
	}
	return err;
}

/* The same for a user path of an *at call; @buf has PATH_MAX bytes. */
static int path_parentat(int dfd, const char __user *upath, char *buf, struct parent *p)
{
	int err = user_path_at(dfd, upath, buf, PATH_MAX);

	return err ? err : parent_of(buf, p);
}

/* The inode @name names in @dir, or NULL (with 0) if nothing: lookup's -ENOENT is not an error here. */
static int lookup_child(struct inode *dir, const char *name, size_t len, struct inode **child)
{
	int err;

	*child = NULL;
	if (len == 0) {
		*child = igrab(dir);		/* the last component of "/" */
		return 0;
	}
	err = lookup_one(dir, name, len, child);
	if (err == -ENOENT) {
		*child = NULL;
		return 0;
	}
	return err;
}

/*
 * The device nodes live in a table, not in the /dev directory of the disk
 * (fs/char_dev.c), so a name under /dev is looked up there first, as every
 * path walk does: "> /dev/null" in a shell is open(O_CREAT) of an existing
 * node, which must reach the driver.  @dir is the absolute directory.
 */
static int device_child(const char *dir, const char *name, struct inode **out)
{
	char path[DEV_NAME_MAX], tidy[DEV_NAME_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -ENOENT;
	normalize_path(path, tidy, sizeof(tidy));	/* "/dev//null" */
	return lookup_chrdev(tidy, out);
}

/*
 * Linux vfs_prepare_mode: the permission bits a new inode gets.  S_ISGID
 * is judged on the mode as asked (mode_strip_sgid), only then is the umask
 * taken away, and the bits are cut to what the call may set (mkdir keeps
 * no S_ISGID of its own: a directory inherits it from a setgid parent).
 */
static umode_t vfs_prepare_mode(const struct inode *dir, umode_t mode, umode_t mask_perms)
{
	mode = mode_strip_sgid(dir, mode);
	mode &= ~current->fs->umask;
	return mode & mask_perms;
}

/* Linux may_create: the directory must still exist, and current needs w+x on it. */
static int may_create(struct inode *dir, const struct parent *p)
{
	int err;

	if (!dir->i_nlink)
		return -ENOENT;			/* removed while we held it */
	if (!dir->i_op || !dir->i_op->create)
		return -EPERM;
	if ((err = mnt_want_write(dir)))
		return err;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/*
 * What a name may point at when it is about to be removed (Linux
 * may_delete, in its order): w+x on the directory and the sticky rule
 * (fs/permission.c may_delete_name), then the file type.
 */
static int may_delete(struct inode *dir, struct inode *victim, bool isdir)
{
	int err = mnt_want_write(dir);

	if (!err)
		err = may_delete_name(dir, victim);
	if (err)
		return err;
	if (isdir && !S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(victim->i_mode))
		return -EISDIR;
	if (is_mount_busy_point(victim))
		return -EBUSY;		/* Linux: a mountpoint (d_mountpoint) or a mounted root */
	return 0;
}

static void put_parent(struct parent *p)
{
	iput(p->dir);
}

/*
 * A dangling symlink named by open(O_CREAT) (without O_EXCL): Linux creates
 * the file it points to. The target is taken relative to the link's
 * directory (@dirpath).
 */
static int create_link_target(struct inode *link, const char *dirpath, u32 flags, umode_t mode, struct inode **out,
			      bool *created, int depth);

static int open_create_at(const char *path, u32 flags, umode_t mode, struct inode **out, bool *created, int depth)
{
	struct parent p;
	struct inode *child;
	char *buf = kmalloc(PATH_MAX, 0);
	int err = buf ? 0 : -ENOMEM;

	*created = false;
	if (!err && strlcpy(buf, path, PATH_MAX) >= PATH_MAX)
		err = -ENAMETOOLONG;
	if (!err)
		err = parent_of(buf, &p);
	if (err) {
		kfree(buf);
		return err;
	}
	if (p.slash || is_dot_or_dotdot(p.name, p.len) || !p.len)
		err = -EISDIR;
	else if (!device_child(buf, p.name, &child))
		err = 0;			/* /dev/null, /dev/ttyS3: the driver's node, never a new file */
	else
		err = lookup_child(p.dir, p.name, p.len, &child);
	if (!err && child) {
		bool follow = S_ISLNK(child->i_mode) && !(flags & (O_EXCL | O_NOFOLLOW));

		err = (flags & O_EXCL) ? -EEXIST : 0;
		if (!err && follow)
			err = path_lookupat(path, LOOKUP_FOLLOW, out);
		else if (!err)
			*out = igrab(child);
		if (err == -ENOENT && follow)
			err = create_link_target(child, buf, flags, mode, out, created, depth);
		iput(child);
	} else if (!err && !(err = may_create(p.dir, &p))) {
		err = p.dir->i_op->create(p.dir, p.name, p.len, vfs_prepare_mode(p.dir, mode, S_IALLUGO), out);
		*created = !err;
	}
	put_parent(&p);
	kfree(buf);
	return err;
}

static int create_link_target(struct inode *link, const char *dirpath, u32 flags, umode_t mode, struct inode **out,
			      bool *created, int depth)
{
	char *target = kmalloc(PATH_MAX, 0);
	size_t dl = strlen(dirpath);
	int n, err;

	if (!target)
		return -ENOMEM;
	if (depth >= MAXSYMLINKS || !link->i_op->readlink || link->i_size + dl + 2 > PATH_MAX) {
		kfree(target);
		return depth >= MAXSYMLINKS ? -ELOOP : -ENAMETOOLONG;
	}
	memcpy(target, dirpath, dl);
	target[dl] = '/';
	n = link->i_op->readlink(link, target + dl + 1, PATH_MAX - dl - 2);
	err = n < 0 ? n : 0;
	if (!err) {
		target[dl + 1 + n] = '\0';
		err = open_create_at(target[dl + 1] == '/' ? target + dl + 1 : target, flags, mode, out, created,
				     depth + 1);
	}
	kfree(target);
	return err;
}

/*
 * open with O_CREAT (Linux open_last_lookups): the file is created if its
 * name is free, with mode & ~umask; O_EXCL wants the name free. An existing
 * name is opened as any other (following a last symlink unless O_EXCL or
 * O_NOFOLLOW; a dangling one gets its target made). Returns the inode (a
 * reference) and whether it was made now.
 */
int open_create(const char *path, u32 flags, umode_t mode, struct inode **out, bool *created)
{
	return open_create_at(path, flags, mode, out, created, 0);
}

/*
 * open(O_TMPFILE) (Linux do_tmpfile and vfs_tmpfile): a file with no name
 * in the directory @path names, on that directory's file system, in
 * Linux's order of errors: the directory (ENOENT, ENOTDIR), a read-only
 * mount (EROFS), write and search permission on it (EACCES), then whether
 * its file system can (EOPNOTSUPP).  Unless O_EXCL, linkat may name it
 * later.  Its own name is "#<inode number>" in that directory, as Linux's
 * d_tmpfile names it (readlink shows "/tmp/#12 (deleted)").
 */
int vfs_tmpfile(const char *path, u32 flags, umode_t mode, struct inode **out, char *name)
{
	struct inode *dir;
	int err = path_lookup_canon(path, LOOKUP_FOLLOW, &dir, name);
	size_t n;

	if (err)
		return err;
	if (!S_ISDIR(dir->i_mode))
		err = -ENOTDIR;
	else if (!(err = mnt_want_write(dir)) && !(err = inode_permission(dir, MAY_WRITE | MAY_EXEC)))
		err = dir->i_op->tmpfile ? dir->i_op->tmpfile(dir, mode & ~current->fs->umask & S_IALLUGO, out) :
					   -EOPNOTSUPP;
	if (!err && !(flags & O_EXCL))
		(*out)->i_state |= I_LINKABLE;
	n = strlen(name);
	if (!err)
		snprintf(name + n, PATH_MAX - n, "%s#%u", n > 1 ? "/" : "", (*out)->i_ino);
	iput(dir);
	return err;
}

/* A new name (mkdir, symlink, link): it must be free, and the directory writable. */
static int may_make(struct parent *p)
{
	struct inode *child;
	int err;

	if (!p->len || is_dot_or_dotdot(p->name, p->len))
		return -EEXIST;
	if (!device_child(p->dirpath, p->name, &child)) {
		iput(child);
		return -EEXIST;		/* /dev/null: a driver's node is a name taken */
	}
	if ((err = lookup_child(p->dir, p->name, p->len, &child)))
		return err;
	if (child) {
		iput(child);
		return -EEXIST;
	}
	return may_create(p->dir, p);
}

static long do_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	char path[PATH_MAX];
	struct parent p;
	int err = path_parentat(dfd, pathname, path, &p);

	if (err)
		return err;
	if (!(err = may_make(&p)))
		err = p.dir->i_op->mkdir ? p.dir->i_op->mkdir(p.dir, p.name, p.len, vfs_prepare_mode(p.dir, mode, S_IRWXUGO | S_ISVTX))
					 : -EPERM;
	put_parent(&p);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(dfd, pathname, mode);
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}

/* Linux do_rmdir: "." is EINVAL, ".." ENOTEMPTY, a non-directory ENOTDIR. */
static long do_rmdir(int dfd, const char __user *pathname)
{
	char path[PATH_MAX];
	struct parent p;
	struct inode *victim = NULL;
	int err = path_parentat(dfd, pathname, path, &p);

	if (err)
		return err;
	if (p.len == 1 && p.name[0] == '.')
		err = -EINVAL;
	else if (is_dot_or_dotdot(p.name, p.len))
		err = -ENOTEMPTY;
	else if (!p.len)
		err = -EBUSY;
	else if (!(err = lookup_child(p.dir, p.name, p.len, &victim)) && !victim)
		err = -ENOENT;
	if (!err)
		err = may_delete(p.dir, victim, true);
	if (!err)
		err = p.dir->i_op->rmdir ? p.dir->i_op->rmdir(p.dir, p.name, p.len, victim) : -EPERM;
	iput(victim);
	put_parent(&p);
	return err;
}

/* Linux do_unlinkat: a directory is EISDIR; "name/" of a file is ENOTDIR.
 * @path is a kernel buffer of PATH_MAX bytes, rewritten on the way. */
static long unlink_path(char *path)
{
	struct parent p;
	struct inode *victim = NULL;
	int err = parent_of(path, &p);

	if (err)
		return err;
	if (!p.len || is_dot_or_dotdot(p.name, p.len))
		err = -EISDIR;
	else if (!(err = lookup_child(p.dir, p.name, p.len, &victim)) && !victim)
		err = -ENOENT;
	if (!err && p.slash)
		err = S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;
	if (!err)
		err = may_delete(p.dir, victim, false);
	if (!err)
		err = p.dir->i_op->unlink ? p.dir->i_op->unlink(p.dir, p.name, p.len, victim) : -EPERM;
	iput(victim);
	put_parent(&p);
	return err;
}

static long do_unlinkat(int dfd, const char __user *pathname)
{
	char path[PATH_MAX];
	int err = user_path_at(dfd, pathname, path, PATH_MAX);

	return err ? err : unlink_path(path);
}

/* unlink of a name the kernel itself chose (Linux: do_unlinkat with
 * getname_kernel; fs/coredump.c removes an old "core" this way). */
int kernel_unlink(const char *name)
{
	char *path = kmalloc(PATH_MAX, 0);
	int err = path ? 0 : -ENOMEM;

	if (path) {
		strlcpy(path, name, PATH_MAX);
		err = unlink_path(path);
	}
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return flag & AT_REMOVEDIR ? do_rmdir(dfd, pathname) : do_unlinkat(dfd, pathname);
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname) { return do_unlinkat(AT_FDCWD, pathname); }
SYSCALL_DEFINE1(rmdir, const char __user *, pathname) { return do_rmdir(AT_FDCWD, pathname); }

static long do_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	char path[PATH_MAX], *target = kmalloc(PATH_MAX, 0);
	struct parent p;
	long n = target ? strncpy_from_user(target, oldname, PATH_MAX) : -ENOMEM;
	int err = n < 0 ? n : n == 0 ? -ENOENT : n >= PATH_MAX ? -ENAMETOOLONG : 0;

	if (!err)
		err = path_parentat(newdfd, newname, path, &p);
	if (err) {
		kfree(target);
		return err;
	}
	if (!(err = may_make(&p)))
		err = p.dir->i_op->symlink ? p.dir->i_op->symlink(p.dir, p.name, p.len, target) : -EPERM;
	put_parent(&p);
	kfree(target);
	return err;
}

/* Linux do_mknodat: a regular file (type 0 too), FIFO, socket or device node (CAP_MKNOD). */
static long do_mknodat(int dfd, const char __user *filename, umode_t mode, unsigned int dev)
{
	char path[PATH_MAX];
	struct parent p;
	umode_t type = mode & S_IFMT;
	int err;

	if (type == 0)
		mode |= type = S_IFREG;
	if (type == S_IFDIR)
		return -EPERM;		/* Linux: directories come from mkdir only */
	if (type != S_IFREG && type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR && type != S_IFBLK)
		return -EINVAL;
	if ((err = path_parentat(dfd, filename, path, &p)))
		return err;
	if (!(err = may_make(&p)) && (type == S_IFCHR || type == S_IFBLK) && !capable(CAP_MKNOD))
		err = -EPERM;		/* Linux vfs_mknod: device nodes need CAP_MKNOD */
	if (!err)
		err = p.dir->i_op->mknod ? p.dir->i_op->mknod(p.dir, p.name, p.len,
							      type | vfs_prepare_mode(p.dir, mode, S_IALLUGO), dev)
					 : -EPERM;
	put_parent(&p);
	return err;
}

/*
 * mknod of a path the kernel holds, the new inode back as a reference
 * (Linux: kern_path_create, vfs_mknod, done_path_create; AF_UNIX's bind,
 * net/unix/addr.c).  @mode is final: the caller has applied the umask.
 * EEXIST if the name is taken; the path walk's own errors otherwise.
 */
int kernel_mknod(const char *name, umode_t mode, struct inode **out)
{
	char *path = kmalloc(PATH_MAX, 0);
	struct parent p;
	int err = path ? 0 : -ENOMEM;

	*out = NULL;
	if (!err) {
		strlcpy(path, name, PATH_MAX);
		err = parent_of(path, &p);
	}
	if (err) {
		kfree(path);
		return err;
	}
	if (!(err = may_make(&p)))
		err = p.dir->i_op->mknod ? p.dir->i_op->mknod(p.dir, p.name, p.len, mode, 0) : -EPERM;
	if (!err && !(err = lookup_child(p.dir, p.name, p.len, out)) && !*out)
		err = -ENOENT;
	put_parent(&p);
	kfree(path);
	return err;
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(dfd, filename, mode, dev);
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(AT_FDCWD, filename, mode, dev);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd, const char __user *, newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}


/* Linux do_linkat: a directory cannot get a second name (EPERM); the new name must be free. */
static long do_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname, int flags)
{
	char path[PATH_MAX];
	struct inode *old;
	struct parent p;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* AT_EMPTY_PATH with "": the file olddfd holds (an O_TMPFILE file gets its name so) */
	if ((err = user_inode_at(olddfd, oldname, (flags & AT_EMPTY_PATH) |
				 ((flags & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW), &old)))
		return err;
	if ((err = path_parentat(newdfd, newname, path, &p))) {
		iput(old);
		return err;
	}
	if (S_ISDIR(old->i_mode))
		err = -EPERM;
	else if (p.slash)
		err = -EEXIST;
	else if (!(err = may_make(&p)) && old->i_sb != p.dir->i_sb)
		err = -EXDEV;
	else if (!err && !old->i_nlink && !(old->i_state & I_LINKABLE))
		err = -ENOENT;			/* Linux: no new name for an unlinked file */
	else if (!err && (IS_APPEND(old) || IS_IMMUTABLE(old)))
		err = -EPERM;			/* Linux vfs_link */
	if (!err)
		err = p.dir->i_op->link ? p.dir->i_op->link(old, p.dir, p.name, p.len) : -EPERM;
	if (!err)
		old->i_state &= ~I_LINKABLE;	/* named now: an unlink later is final */
	put_parent(&p);
	iput(old);
	return err;
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd, const char __user *, newname,
		int, flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* Is @dir @ancestor or below it? Walks ".." up to the root (Linux: is_subdir, by dentries). */
static int is_subdir(struct inode *dir, struct inode *ancestor)
{
	struct inode *cur = igrab(dir), *up;
	int err = 0;

	while (!err && cur != ancestor && cur != cur->i_sb->s_root) {
		err = lookup_one(cur, "..", 2, &up);
		iput(cur);
		cur = err ? NULL : up;
	}
	iput(cur);
	return err ? err : cur == ancestor;
}


/*
 * Linux's checks of do_renameat2 and vfs_rename, in their order: the
 * names, then may_delete on the old name, may_create or may_delete on the
 * new one, and a directory moving to another parent needs write
 * permission on itself (its ".." changes).
 */
static int rename_permission(struct parent *op, struct inode *old, struct parent *np, struct inode *victim)
{
	int err = mnt_want_write(np->dir);

	if (!err)
		err = may_delete_name(op->dir, old);
	if (!err)
		err = victim ? may_delete_name(np->dir, victim) : inode_permission(np->dir, MAY_WRITE | MAY_EXEC);
	if (!err && S_ISDIR(old->i_mode) && op->dir != np->dir)
		err = inode_permission(old, MAY_WRITE);
	return err;
}

static int rename_checks(struct parent *op, struct inode *old, struct parent *np, struct inode *victim,
			 unsigned flags)
{
	bool isdir = S_ISDIR(old->i_mode);
	int sub;

	if (victim && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (victim && isdir && !S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (victim && !isdir && S_ISDIR(victim->i_mode))
		return -EISDIR;
	if (!isdir && (op->slash || np->slash))
		return -ENOTDIR;
	if (isdir && (sub = is_subdir(np->dir, old)) != 0)
		return sub < 0 ? sub : -EINVAL;	/* into its own subtree */
	if (is_mount_busy_point(old) || (victim && is_mount_busy_point(victim)))
		return -EBUSY;
	return rename_permission(op, old, np, victim);
}

static long do_renameat2(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
			 unsigned flags)
{
	char *bufs = kmalloc(2 * PATH_MAX, 0);
	struct parent op, np;
	struct inode *old = NULL, *victim = NULL;
	int err = bufs ? 0 : -ENOMEM;

	if (flags & ~RENAME_NOREPLACE)
		err = -EINVAL;		/* ext2 has neither RENAME_EXCHANGE nor RENAME_WHITEOUT (Linux: EINVAL) */
	if (err || (err = path_parentat(olddfd, oldname, bufs, &op))) {
		kfree(bufs);
		return err;
	}
	if ((err = path_parentat(newdfd, newname, bufs + PATH_MAX, &np))) {
		put_parent(&op);
		kfree(bufs);
		return err;
	}
	if (op.dir->i_sb != np.dir->i_sb)
		err = -EXDEV;		/* Linux: old_path.mnt != new_path.mnt, before the names are looked at */
	else if (!op.len || !np.len || is_dot_or_dotdot(op.name, op.len) || is_dot_or_dotdot(np.name, np.len))
		err = -EBUSY;
	else if (!(err = lookup_child(op.dir, op.name, op.len, &old)) && !old)
		err = -ENOENT;
	if (!err)
		err = lookup_child(np.dir, np.name, np.len, &victim);
	if (!err && old != victim && !(err = rename_checks(&op, old, &np, victim, flags)))
		err = op.dir->i_op->rename ? op.dir->i_op->rename(op.dir, op.name, op.len, old, np.dir, np.name,
								   np.len, victim) : -EPERM;
	iput(old);
	iput(victim);
	put_parent(&op);
	put_parent(&np);
	kfree(bufs);
	return err;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd, const char __user *, newname,
		unsigned int, flags)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd, const char __user *, newname)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return do_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
