/*
 * In-kernel tests of tmpfs (mm/shmem_super.c, mm/shmem_dir.c, mm/shmem.c),
 * driving a super block from vfs_get_super through its inode operations,
 * as mount(2) and the path walk would.
 * Expectation (Linux mm/shmem.c, Documentation/filesystems/tmpfs.rst):
 *   - options: a bad size= or an unknown option is EINVAL with the log
 *     saying which; mode=, uid=, gid= make the root; size= and nr_inodes=
 *     are statfs's f_blocks and f_files (the root uses one inode);
 *   - a directory has 2 + subdirectories links and 40 + 20 per name bytes;
 *     rmdir of a non-empty one is ENOTEMPTY; rename over a victim drops
 *     the victim's link; a hard link counts as an inode;
 *   - readdir gives ".", "..", then the names; a position taken mid-way
 *     stays good when names before and after it are unlinked;
 *   - a hole reads as zeros and takes no page of size=;
 *   - a write past size= is short, then ENOSPC; an unlinked open file
 *     keeps its data until the last fput, then its pages are free;
 *   - kill_sb drops every name, so only the root is left in the inode
 *     cache, and deactivate_super leaves the free-page count where it was.
 */
#include <ktest.h>
#include <fs.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define TMPFS_MAGIC 0x01021994
#define SMALL_PAGES 16			/* size=64k */
#define FILE_BYTES 10000		/* 3 pages */
#define MAX_NAMES 16

static char buf[(SMALL_PAGES + 4) * PAGE_SIZE], back[FILE_BYTES];

static struct super_block *mount_tmpfs(const char *opts, int *err)
{
	struct fs_context fc = { .data = opts };

	return vfs_get_super(get_fs_type("tmpfs"), NULL, 0, &fc, err);
}

static struct inode *create(struct inode *dir, const char *name)
{
	struct inode *inode = NULL;

	KTEST_EXPECT(dir->i_op->create(dir, name, strlen(name), 0644, &inode) == 0);
	return inode;
}

static struct inode *lookup(struct inode *dir, const char *name)
{
	struct inode *inode = NULL;

	return dir->i_op->lookup(dir, name, strlen(name), &inode) ? NULL : inode;
}

static u64 bfree(struct super_block *sb)
{
	struct kstatfs k = { 0 };

	sb->s_op->statfs(sb, &k);
	return k.f_bfree;
}

static u64 ffree(struct super_block *sb)
{
	struct kstatfs k = { 0 };

	sb->s_op->statfs(sb, &k);
	return k.f_ffree;
}

KTEST(tmpfs_mount_options)
{
	struct fs_context fc = { .data = "size=1x" };
	struct super_block *sb;
	struct kstatfs k = { 0 };
	int err;

	KTEST_EXPECT(!vfs_get_super(get_fs_type("tmpfs"), NULL, 0, &fc, &err) && err == -EINVAL);
	KTEST_EXPECT(!strcmp(fc.log, "Bad value for 'size'"));
	fc.data = "size=1m,bogus=1";
	KTEST_EXPECT(!vfs_get_super(get_fs_type("tmpfs"), NULL, 0, &fc, &err) && err == -EINVAL);
	KTEST_EXPECT(!strcmp(fc.log, "Unknown parameter 'bogus'"));

	sb = mount_tmpfs("size=64k,nr_inodes=8,mode=0700,uid=5,gid=6", &err);
	KTEST_EXPECT(sb && !err);
	if (!sb)
		return;
	KTEST_EXPECT(sb->s_magic == TMPFS_MAGIC && sb->s_blocksize == PAGE_SIZE);
	KTEST_EXPECT(sb->s_dev >> MINORBITS == 0);	/* anonymous: 0:N */
	KTEST_EXPECT(sb->s_root->i_mode == (S_IFDIR | 0700) && sb->s_root->i_uid == 5 && sb->s_root->i_gid == 6);
	KTEST_EXPECT(sb->s_root->i_nlink == 2 && sb->s_root->i_size == 40);
	sb->s_op->statfs(sb, &k);
	KTEST_EXPECT(k.f_type == TMPFS_MAGIC && k.f_bsize == PAGE_SIZE);
	KTEST_EXPECT(k.f_blocks == SMALL_PAGES && k.f_bfree == SMALL_PAGES && k.f_bavail == SMALL_PAGES);
	KTEST_EXPECT(k.f_files == 8 && k.f_ffree == 7);	/* the root is one */
	deactivate_super(sb);

	sb = mount_tmpfs(NULL, &err);
	KTEST_EXPECT(sb && sb->s_root->i_mode == (S_IFDIR | S_ISVTX | 0777));
	if (sb) {
		sb->s_op->statfs(sb, &k);
		KTEST_EXPECT(k.f_blocks == nr_total_pages() / 2 && k.f_files == nr_total_pages() / 2);
		deactivate_super(sb);
	}
	sb = mount_tmpfs("size=25%,nr_inodes=1k", &err);
	KTEST_EXPECT(sb != NULL);
	if (sb) {
		sb->s_op->statfs(sb, &k);
		KTEST_EXPECT(k.f_blocks == DIV_ROUND_UP(nr_total_pages() * 25, 100) && k.f_files == 1024);
		deactivate_super(sb);
	}
}

/* Names, links and sizes of directories; rename over a victim; nr_inodes. */
KTEST(tmpfs_names_and_links)
{
	int err;
	struct super_block *sb = mount_tmpfs("size=64k,nr_inodes=6", &err);
	struct inode *root, *a, *d, *x, *c;

	if (!sb) {
		KTEST_EXPECT(sb != NULL);
		return;
	}
	root = sb->s_root;
	a = create(root, "a");
	KTEST_EXPECT(a && a->i_sb == sb && a->i_nlink == 1 && S_ISREG(a->i_mode) && a->i_ino != root->i_ino);
	KTEST_EXPECT(root->i_size == 60 && ffree(sb) == 4);
	KTEST_EXPECT(root->i_op->mkdir(root, "d", 1, 0755) == 0);
	d = lookup(root, "d");
	KTEST_EXPECT(d && d->i_nlink == 2 && root->i_nlink == 3 && d->i_size == 40);
	x = create(d, "x");
	KTEST_EXPECT(lookup(d, "..") == root && lookup(d, ".") == d);
	iput(root);
	iput(d);
	KTEST_EXPECT(root->i_op->rmdir(root, "d", 1, d) == -ENOTEMPTY);
	KTEST_EXPECT(d->i_op->unlink(d, "x", 1, x) == 0 && x->i_nlink == 0);
	iput(x);
	KTEST_EXPECT(root->i_op->rmdir(root, "d", 1, d) == 0 && root->i_nlink == 2 && root->i_size == 60);
	iput(d);
	KTEST_EXPECT(ffree(sb) == 4);

	/* a hard link is one more inode's worth; rename "c" over "b" takes b's link away */
	KTEST_EXPECT(root->i_op->link(a, root, "b", 1) == 0 && a->i_nlink == 2 && ffree(sb) == 3);
	c = create(root, "c");
	KTEST_EXPECT(ffree(sb) == 2);
	KTEST_EXPECT(root->i_op->rename(root, "c", 1, c, root, "b", 1, a) == 0);
	KTEST_EXPECT(a->i_nlink == 1 && lookup(root, "b") == c && lookup(root, "c") == NULL && ffree(sb) == 3);
	iput(c);
	KTEST_EXPECT(root->i_size == 80);		/* a and b */
	KTEST_EXPECT(root->i_op->symlink(root, "s", 1, "some/where") == 0);
	x = lookup(root, "s");
	KTEST_EXPECT(x && S_ISLNK(x->i_mode) && x->i_size == 10 && x->i_op->readlink(x, back, 64) == 10 &&
		     !memcmp(back, "some/where", 10));
	iput(x);
	KTEST_EXPECT(root->i_op->mknod(root, "p", 1, S_IFIFO | 0600, 0) == 0 && ffree(sb) == 1);
	KTEST_EXPECT(root->i_op->mknod(root, "n", 1, S_IFCHR | 0600, MKDEV(1, 3)) == 0 && ffree(sb) == 0);
	x = lookup(root, "n");
	KTEST_EXPECT(x && x->i_rdev == MKDEV(1, 3) && S_ISCHR(x->i_mode));
	iput(x);
	KTEST_EXPECT(root->i_op->mkdir(root, "full", 4, 0755) == -ENOSPC && !lookup(root, "full"));
	iput(c);
	iput(a);
	deactivate_super(sb);
}

struct names {
	struct dir_context ctx;
	int n, stop_after;
	char name[MAX_NAMES][8];
};

static bool collect(struct dir_context *ctx, const char *name, int len, loff_t next, u64 ino, unsigned type)
{
	struct names *nm = container_of(ctx, struct names, ctx);

	if (nm->n == nm->stop_after || nm->n == MAX_NAMES || len >= 8)
		return false;
	memcpy(nm->name[nm->n], name, len);
	nm->name[nm->n++][len] = '\0';
	return true;
}

/* getdents continued after unlinks: nothing twice, nothing that is gone, nothing skipped. */
KTEST(tmpfs_readdir_positions)
{
	int err;
	struct super_block *sb = mount_tmpfs(NULL, &err);
	static const char *const made[] = { "f0", "f1", "f2", "f3", "f4", "f5" };
	struct names nm = { .ctx.actor = collect, .stop_after = 4 };
	struct inode *gone[2];
	struct file *f;

	if (!sb) {
		KTEST_EXPECT(sb != NULL);
		return;
	}
	for (int i = 0; i < 6; i++)
		iput(create(sb->s_root, made[i]));
	f = file_open_inode(sb->s_root, O_RDONLY | O_DIRECTORY);
	KTEST_EXPECT(f->f_op->iterate_shared(f, &nm.ctx) == 0 && nm.n == 4);
	KTEST_EXPECT(!strcmp(nm.name[0], ".") && !strcmp(nm.name[1], "..") && !strcmp(nm.name[2], "f0") &&
		     !strcmp(nm.name[3], "f1"));
	gone[0] = lookup(sb->s_root, "f0");
	gone[1] = lookup(sb->s_root, "f3");
	KTEST_EXPECT(sb->s_root->i_op->unlink(sb->s_root, "f0", 2, gone[0]) == 0);
	KTEST_EXPECT(sb->s_root->i_op->unlink(sb->s_root, "f3", 2, gone[1]) == 0);
	iput(gone[0]);
	iput(gone[1]);
	nm.stop_after = MAX_NAMES;
	KTEST_EXPECT(f->f_op->iterate_shared(f, &nm.ctx) == 0 && nm.n == 7);
	KTEST_EXPECT(!strcmp(nm.name[4], "f2") && !strcmp(nm.name[5], "f4") && !strcmp(nm.name[6], "f5"));
	nm.ctx.pos = 0;			/* rewinddir */
	nm.n = 0;
	KTEST_EXPECT(f->f_op->iterate_shared(f, &nm.ctx) == 0 && nm.n == 6);
	fput(f);
	deactivate_super(sb);
}

/* size= stops writes; an unlinked open file's pages go at its last close; umount frees everything. */
static void space_and_lifetime(void)
{
	int err;
	struct super_block *sb = mount_tmpfs("size=64k", &err);
	struct inode *a;
	struct file *f;

	if (!sb) {
		KTEST_EXPECT(sb != NULL);
		return;
	}
	a = create(sb->s_root, "a");
	f = file_open_inode(a, O_RDWR);
	for (int i = 0; i < FILE_BYTES; i++)
		buf[i] = (char)(i * 7);
	KTEST_EXPECT(kernel_write_at(f, buf, FILE_BYTES, 0) == FILE_BYTES);
	KTEST_EXPECT(a->i_size == FILE_BYTES && a->i_blocks == 3 * (PAGE_SIZE / 512) && bfree(sb) == SMALL_PAGES - 3);
	KTEST_EXPECT(kernel_read(f, 0, back, FILE_BYTES) == FILE_BYTES && !memcmp(buf, back, FILE_BYTES));
	/* a hole reads as zeros and takes no page */
	KTEST_EXPECT(do_truncate(a, 8 * PAGE_SIZE) == 0 && kernel_read(f, 5 * PAGE_SIZE, back, 100) == 100);
	KTEST_EXPECT(back[0] == 0 && !memcmp(back, back + 1, 99) && bfree(sb) == SMALL_PAGES - 3);
	/* truncate gives pages back */
	KTEST_EXPECT(do_truncate(a, PAGE_SIZE) == 0 && a->i_blocks == PAGE_SIZE / 512 && bfree(sb) == SMALL_PAGES - 1);
	/* 20 pages asked, 15 free: a short write, then ENOSPC */
	KTEST_EXPECT(kernel_write_at(f, buf, sizeof(buf), PAGE_SIZE) == (SMALL_PAGES - 1) * PAGE_SIZE);
	KTEST_EXPECT(bfree(sb) == 0 && kernel_write_at(f, buf, 1, SMALL_PAGES * PAGE_SIZE) == -ENOSPC);
	KTEST_EXPECT(kernel_write_at(f, "z", 1, 0) == 1);	/* a page it has: fine */
	/* unlink while open: data stays until the last close */
	KTEST_EXPECT(sb->s_root->i_op->unlink(sb->s_root, "a", 1, a) == 0 && a->i_nlink == 0);
	iput(a);
	KTEST_EXPECT(kernel_read(f, 1, back, 10) == 10 && !memcmp(buf + 1, back, 10) && bfree(sb) == 0);
	fput(f);
	KTEST_EXPECT(bfree(sb) == SMALL_PAGES && !lookup(sb->s_root, "a"));
	/* a tree left behind at umount goes with it */
	KTEST_EXPECT(sb->s_root->i_op->mkdir(sb->s_root, "d", 1, 0755) == 0);
	a = lookup(sb->s_root, "d");
	KTEST_EXPECT(a->i_op->mkdir(a, "e", 1, 0755) == 0);
	f = file_open_inode(create(a, "g"), O_RDWR);
	KTEST_EXPECT(kernel_write_at(f, buf, 2 * PAGE_SIZE, 0) == 2 * PAGE_SIZE);
	iput(f->f_inode);
	fput(f);
	iput(a);
	sb->s_type->kill_sb(sb);	/* what deactivate_super does first: only the root is left */
	KTEST_EXPECT(sb->s_inodes.next == &sb->s_root->i_list && sb->s_inodes.prev == &sb->s_root->i_list);
	deactivate_super(sb);
}

KTEST(tmpfs_space_and_lifetime)
{
	u64 before;

	space_and_lifetime();		/* once to warm kmalloc's caches, then counted */
	before = nr_free_pages();
	space_and_lifetime();
	KTEST_EXPECT(nr_free_pages() == before);
}
