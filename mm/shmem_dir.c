/*
 * mm/shmem_dir.c - tmpfs directories, symlinks and special files (Linux:
 * mm/shmem.c's shmem_dir_inode_operations with fs/libfs.c's simple_lookup,
 * simple_offset_* readdir and simple_empty).
 *
 * A directory is a list of names, each holding a reference to its inode
 * (Linux: the dentry tmpfs pins with an extra dget), so a file lives while
 * it has a name; unlinking the last name of an open file leaves it to the
 * last close (fs/inode.c iput evicts it, and its pages go).
 *
 * As Linux's tmpfs:
 *   - a directory has 2 + (its subdirectories) links: its name, its ".",
 *     and each child's "..";
 *   - its i_size is BOGO_DIRENT_SIZE (20) per name, plus 40 for "." and "..";
 *   - each name gets a readdir offset when it is made (2, 3, ...: 0 and 1
 *     are "." and ".."), never reused in that directory, so a getdents or
 *     telldir position stays good when names before or after it go; a
 *     rename makes a new offset in the new directory;
 *   - each hard link counts as an inode against nr_inodes;
 *   - a symlink's target is kept in memory, up to PAGE_SIZE - 1 bytes; one
 *     of 128 bytes or more (NUL included) is charged a page of size= and
 *     has st_blocks 8, as Linux, which keeps such a target in a page.
 * The VFS (fs/namei.c) has checked names, permissions, that a new name is
 * free and that a victim of rename is of the right type.
 */
#include <fs.h>
#include <mm.h>
#include <string.h>
#include <errno.h>
#include "shmem_fs.h"

#define BOGO_DIRENT_SIZE 20		/* Linux: each entry "is" this big in its directory's i_size */
#define DOT_DOTDOT_SIZE (2 * BOGO_DIRENT_SIZE)	/* Linux: "some things misbehave if size == 0 on a directory" */
#define DIR_OFFSET_FIRST 2		/* Linux DIR_OFFSET_MIN: after "." (0) and ".." (1) */
#define POS_DOT 0
#define POS_DOTDOT 1
#define S_DT(mode) (((mode) & S_IFMT) >> 12)	/* Linux fs_umode_to_dtype: DT_REG, DT_DIR, ... */
#define DT_DIR 4
#define SHORT_SYMLINK_LEN 128		/* Linux: a longer target (NUL included) takes a page of size= */

static const struct inode_operations shmem_dir_inode_operations;
static const struct file_operations shmem_dir_operations;
static int shmem_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim);

/* ---------------------------------------------------------------- entries */

static struct shmem_dirent *find_entry(struct inode *dir, const char *name, size_t len)
{
	struct list_head *p;

	list_for_each(p, &SHMEM_I(dir)->entries) {
		struct shmem_dirent *de = list_entry(p, struct shmem_dirent, list);

		if (de->len == len && !memcmp(de->name, name, len))
			return de;
	}
	return NULL;
}

static bool dir_is_empty(struct inode *dir) { return list_empty(&SHMEM_I(dir)->entries); }

/* A content change of @dir: its mtime and ctime are now (Linux: inode_set_mtime_to_ts(dir, ...ctime_current)). */
static void dir_changed(struct inode *dir) { inode_set_mtime_ctime_now(dir); }

/* @name in @dir names @inode now: a reference for the entry, a new offset at the end. */
static int add_entry(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(dir);
	struct shmem_dirent *de = kmalloc(sizeof(*de) + len, 0);

	if (!de)
		return -ENOMEM;
	memcpy(de->name, name, len);
	de->len = len;
	de->offset = info->next_offset++;
	de->inode = igrab(inode);
	list_add_tail(&de->list, &info->entries);
	dir->i_size += BOGO_DIRENT_SIZE;
	dir_changed(dir);
	return 0;
}

/* The entry goes, and its reference (the inode may go with it): the caller has set its links and times. */
static void remove_entry(struct inode *dir, struct shmem_dirent *de)
{
	struct inode *inode = de->inode;

	list_del(&de->list);
	kfree(de);
	dir->i_size -= BOGO_DIRENT_SIZE;
	iput(inode);
}

/* ---------------------------------------------------------------- lookup and readdir */

static struct inode *dotdot(struct inode *dir)
{
	struct inode *parent = SHMEM_I(dir)->parent;

	return parent ? parent : dir;		/* the root: the mount decides what is above it */
}

/* Linux simple_lookup, with "." and ".." here (the VFS walks them through ->lookup). */
static int shmem_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct shmem_dirent *de;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 1 && name[0] == '.')
		*out = igrab(dir);
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		*out = igrab(dotdot(dir));
	else if ((de = find_entry(dir, name, len)))
		*out = igrab(de->inode);
	else
		return -ENOENT;
	return 0;
}

/*
 * Linux offset_readdir: "." at 0, ".." at 1, then the names from ctx->pos
 * on, in offset order; each record's d_off is the position after it.
 */
static int shmem_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->f_inode;
	struct list_head *p;

	if (ctx->pos == POS_DOT) {
		if (!ctx->actor(ctx, ".", 1, POS_DOT + 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = POS_DOT + 1;
	}
	if (ctx->pos == POS_DOTDOT) {
		if (!ctx->actor(ctx, "..", 2, POS_DOTDOT + 1, dotdot(dir)->i_ino, DT_DIR))
			return 0;
		ctx->pos = DIR_OFFSET_FIRST;
	}
	list_for_each(p, &SHMEM_I(dir)->entries) {
		struct shmem_dirent *de = list_entry(p, struct shmem_dirent, list);

		if (de->offset < ctx->pos)
			continue;
		if (!ctx->actor(ctx, de->name, de->len, de->offset + 1, de->inode->i_ino, S_DT(de->inode->i_mode)))
			return 0;
		ctx->pos = de->offset + 1;
	}
	return 0;
}

static ssize_t shmem_dir_read(struct file *f, char *ubuf, size_t n)
{
	return -EISDIR;
}

static const struct file_operations shmem_dir_operations = {
	.read = shmem_dir_read,
	.iterate_shared = shmem_iterate,
	.seekable = true,
};

/* ---------------------------------------------------------------- new names */

/* Linux shmem_mknod: a new inode of @mode and its name; *out gets our reference if asked, else it goes. */
static int make_named(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t dev,
		      struct inode **out)
{
	int err;
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, dev, &err);

	if (!inode)
		return err;
	if ((err = add_entry(dir, name, len, inode))) {
		inode->i_nlink = 0;		/* never named: the iput evicts it */
		iput(inode);
		return err;
	}
	if (S_ISDIR(mode))
		dir->i_nlink++;			/* its ".." */
	if (out)
		*out = inode;
	else
		iput(inode);			/* the name holds it now */
	return 0;
}

static int shmem_create(struct inode *dir, const char *name, size_t len, umode_t mode, struct inode **out)
{
	return make_named(dir, name, len, S_IFREG | (mode & S_IALLUGO), 0, out);
}

/* Linux shmem_tmpfile: an inode (charged to nr_inodes) and no name. */
static int shmem_tmpfile(struct inode *dir, umode_t mode, struct inode **out)
{
	int err;
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, S_IFREG | (mode & S_IALLUGO), 0, &err);

	if (!inode)
		return err;
	inode->i_nlink = 0;
	*out = inode;
	return 0;
}

static int shmem_mkdir(struct inode *dir, const char *name, size_t len, umode_t mode)
{
	return make_named(dir, name, len, S_IFDIR | (mode & S_IALLUGO), 0, NULL);
}

static int shmem_mknod(struct inode *dir, const char *name, size_t len, umode_t mode, dev_t rdev)
{
	return make_named(dir, name, len, mode, rdev, NULL);
}

/* Linux shmem_symlink: the target, NUL included, must fit in a page (ENAMETOOLONG). */
static int shmem_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	struct inode *inode = NULL;
	char *link;
	int err;

	if (tlen + 1 > PAGE_SIZE)
		return -ENAMETOOLONG;
	if (!(link = kmalloc(tlen + 1, 0)))
		return -ENOMEM;
	memcpy(link, target, tlen + 1);
	if ((err = make_named(dir, name, len, S_IFLNK | 0777, 0, &inode))) {
		kfree(link);
		return err;
	}
	SHMEM_I(inode)->link = link;
	inode->i_size = tlen;
	if (tlen + 1 > SHORT_SYMLINK_LEN && (err = shmem_charge_page(inode))) {
		shmem_unlink(dir, name, len, inode);	/* no room for its page: it goes again */
		iput(inode);
		return err;
	}
	iput(inode);
	return 0;
}

static int shmem_readlink(struct inode *inode, char *buf, size_t size)
{
	size_t n = MIN(size, inode->i_size);

	memcpy(buf, SHMEM_I(inode)->link, n);
	return n;
}

/* Linux shmem_link: one more name, and one more inode's worth of nr_inodes
 * (a name pins memory) - except an O_TMPFILE file's first name, whose inode
 * was charged when it was made. */
static int shmem_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	bool charge = old->i_nlink;
	int err = charge ? shmem_reserve_inode(dir->i_sb) : 0;

	if (err)
		return err;
	if ((err = add_entry(dir, name, len, old))) {
		if (charge)
			shmem_free_inode(dir->i_sb);
		return err;
	}
	old->i_nlink++;
	old->i_ctime = dir->i_ctime;
	old->i_ctime_nsec = dir->i_ctime_nsec;
	return 0;
}

/* ---------------------------------------------------------------- names that go */

/* Linux shmem_unlink: a link beyond the last gives its nr_inodes share back at once; the inode's own at eviction. */
static void drop_name(struct inode *dir, struct shmem_dirent *de)
{
	struct inode *inode = de->inode;

	if (S_ISDIR(inode->i_mode)) {
		inode->i_nlink = 0;		/* its name and its "." */
		dir->i_nlink--;			/* its ".." */
	} else {
		if (inode->i_nlink > 1)
			shmem_free_inode(dir->i_sb);
		inode->i_nlink--;
	}
	dir_changed(dir);
	inode->i_ctime = dir->i_ctime;
	inode->i_ctime_nsec = dir->i_ctime_nsec;
	remove_entry(dir, de);
}

static int shmem_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	struct shmem_dirent *de = find_entry(dir, name, len);

	if (!de || de->inode != victim)
		return -ENOENT;
	drop_name(dir, de);
	return 0;
}

static int shmem_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	if (!dir_is_empty(victim))
		return -ENOTEMPTY;
	return shmem_unlink(dir, name, len, victim);
}

/* A directory moved to @new_parent: its ".." follows (one link from the old parent to the new). */
static void reparent(struct inode *inode, struct inode *old_parent, struct inode *new_parent)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	old_parent->i_nlink--;
	new_parent->i_nlink++;
	info->parent = igrab(new_parent);
	iput(old_parent);		/* still named in its own parent, or the root */
}

/*
 * Linux shmem_rename2 with simple_offset_rename: the new name (a new
 * offset in @new_dir) takes @old, the victim's name goes as by unlink,
 * the old name goes, and both directories and @old get new times.
 */
static int shmem_rename(struct inode *old_dir, const char *old_name, size_t old_len, struct inode *old,
			struct inode *new_dir, const char *new_name, size_t new_len, struct inode *victim)
{
	struct shmem_dirent *ode = find_entry(old_dir, old_name, old_len), *vde = NULL;
	int err;

	if (!ode || ode->inode != old)
		return -ENOENT;
	if (victim && (!(vde = find_entry(new_dir, new_name, new_len)) || vde->inode != victim))
		return -ENOENT;
	if (victim && S_ISDIR(victim->i_mode) && !dir_is_empty(victim))
		return -ENOTEMPTY;
	if ((err = add_entry(new_dir, new_name, new_len, old)))
		return err;
	if (vde)
		drop_name(new_dir, vde);
	dir_changed(old_dir);
	remove_entry(old_dir, ode);		/* the new entry holds @old */
	if (S_ISDIR(old->i_mode) && old_dir != new_dir)
		reparent(old, old_dir, new_dir);
	old->i_ctime = new_dir->i_ctime;
	old->i_ctime_nsec = new_dir->i_ctime_nsec;
	return 0;
}

static const struct inode_operations shmem_dir_inode_operations = {
	.lookup = shmem_lookup,
	.create = shmem_create,
	.tmpfile = shmem_tmpfile,
	.mkdir = shmem_mkdir,
	.link = shmem_link,
	.unlink = shmem_unlink,
	.rmdir = shmem_rmdir,
	.symlink = shmem_symlink,
	.mknod = shmem_mknod,
	.rename = shmem_rename,
	.fileattr_set = shmem_fileattr_set,
};

static const struct inode_operations shmem_symlink_inode_operations = { .readlink = shmem_readlink };

/* ---------------------------------------------------------------- new inodes */

/* Linux shmem_get_inode, S_IFDIR: its name and "." (the caller counts its ".." in @parent). */
void shmem_dir_inode_init(struct inode *inode, struct inode *parent)
{
	struct shmem_inode_info *info = SHMEM_I(inode);

	inode->i_nlink = 2;
	inode->i_size = DOT_DOTDOT_SIZE;
	inode->i_op = &shmem_dir_inode_operations;
	inode->i_fop = &shmem_dir_operations;
	INIT_LIST_HEAD(&info->entries);
	info->next_offset = DIR_OFFSET_FIRST;
	info->parent = parent ? igrab(parent) : NULL;
}

void shmem_symlink_inode_init(struct inode *inode)
{
	inode->i_op = &shmem_symlink_inode_operations;
}

/*
 * A FIFO, a device node or a socket: nothing of its own here.  Opening it
 * is the VFS's (fs/file.c open_special: a FIFO is a pipe, a character
 * device its driver, the rest ENXIO), as for ext2's; chmod and the like
 * change the inode alone (notify_change without ->setattr).
 */
static const struct file_operations shmem_special_file_operations;

void shmem_special_inode_init(struct inode *inode, dev_t dev)
{
	inode->i_fop = &shmem_special_file_operations;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		inode->i_rdev = dev;
}

/* ---------------------------------------------------------------- umount */

/*
 * Linux kill_litter_super's d_genocide: every name of the tree goes,
 * deepest first.  A loop, not recursion (a deep tree would overflow the
 * kernel stack): go down into a directory that still has names, drop a
 * name whose inode has none, and climb back up through ".." when a
 * directory is empty.  The inodes go as their last reference does.
 */
void shmem_drop_all_entries(struct inode *root)
{
	struct inode *dir = root;

	for (;;) {
		struct list_head *first = SHMEM_I(dir)->entries.next;
		struct shmem_dirent *de;

		if (first == &SHMEM_I(dir)->entries) {
			if (dir == root)
				return;
			dir = SHMEM_I(dir)->parent;	/* named there still: alive */
			continue;
		}
		de = list_entry(first, struct shmem_dirent, list);
		if (S_ISDIR(de->inode->i_mode) && !dir_is_empty(de->inode)) {
			dir = de->inode;
			continue;
		}
		drop_name(dir, de);
	}
}
