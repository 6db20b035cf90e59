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
 * /dev names are matched first, against the table in fs/char_dev.c.
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <uaccess.h>
#include <string.h>
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
	char buf[PATH_MAX];
};

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

static int lookup_one(struct inode *dir, const char *name, size_t len, struct inode **child)
{
	if (!S_ISDIR(dir->i_mode) || !dir->i_op || !dir->i_op->lookup)
		return -ENOTDIR;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	return dir->i_op->lookup(dir, name, len, child);
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

static int follow_link(struct nameidata *nd, struct inode *link)
{
	char *target;
	int n, err;

	if (++nd->links > MAXSYMLINKS)
		return -ELOOP;
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
	}
	return 0;
}

static bool should_follow(const struct nameidata *nd, const struct inode *child)
{
	return S_ISLNK(child->i_mode) && (nd->restlen || (nd->flags & LOOKUP_FOLLOW) || nd->want_dir);
}

/* Walk one component; 1 when it was the last (and *out is the result). */
static int walk_component(struct nameidata *nd, struct inode **out)
{
	struct inode *child;
	const char *name;
	size_t len = take_component(nd, &name);
	int err = lookup_one(nd->dir, name, len, &child);

	if (err)
		return err;
	if (should_follow(nd, child)) {
		err = follow_link(nd, child);
		iput(child);
		return err;
	}
	if (nd->restlen) {
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

static int lookup_absolute(const char *abs, unsigned flags, struct inode **out)
{
	struct nameidata *nd;
	char dev[DEV_NAME_MAX];
	size_t len = strlen(abs);
	int err;

	normalize_path(abs, dev, sizeof(dev));
	if (abs[len - 1] != '/' && !lookup_chrdev(dev, out))
		return 0;
	if (!root_sb)
		return -ENOENT;
	if (!(nd = kmalloc(sizeof(*nd), 0)))
		return -ENOMEM;
	nd->rest = abs;
	nd->restlen = len;
	nd->links = 0;
	nd->flags = flags;
	nd->want_dir = false;
	err = path_walk(nd, out);
	kfree(nd);
	return err;
}

int path_lookupat(const char *path, unsigned flags, struct inode **out)
{
	char *abs;
	int err;

	if (!*path)
		return -ENOENT;
	if (!(abs = kmalloc(PATH_MAX, 0)))
		return -ENOMEM;
	err = absolute_path(path, abs, PATH_MAX);
	if (!err)
		err = lookup_absolute(abs, flags, out);
	kfree(abs);
	return err;
}

int path_lookup(const char *path, struct inode **out)
{
	return path_lookupat(path, LOOKUP_FOLLOW, out);
}

/* Make path absolute against the task's working directory. */
int absolute_path(const char *path, char *buf, size_t size)
{
	size_t n;

	if (path[0] == '/')
		return strlcpy(buf, path, size) < size ? 0 : -ENAMETOOLONG;
	n = strlcpy(buf, current ? current->cwd_path : "/", size);
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
	if (!(d = fget(dfd)))
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
 * Linux may_open and sb_permission: what an open with @flags may do to
 * @inode. Root passes every mode check; a read-only file system refuses
 * writing (or truncating) its files, directories and links, but not its devices.
 */
int may_open(struct inode *inode, u32 flags)
{
	u16 mode = inode->i_mode;
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);	/* Linux: O_TRUNC needs MAY_WRITE */

	if (S_ISLNK(mode))
		return -ELOOP;		/* only with O_NOFOLLOW does a walk end on a link */
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && write)
		return -EISDIR;
	if (write && (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return mnt_want_write(inode);
	return 0;
}
