/*
 * tests/host/test_ext2.c - fs/ext2.c against real mke2fs images.
 *
 * Usage: test_ext2 IMAGE STAGING LABEL   (run by tests/host/run.sh)
 * Expectation: every file, symlink and directory of STAGING reads back from
 * IMAGE byte-for-byte and entry-for-entry; bad paths give Linux's errno; every
 * corrupted copy of the image gives an error, never a sanitizer report or a
 * hang. Each image copy is malloc'd at its exact size, so ASan catches any
 * read past its end.
 * Prints "ok LABEL: name" / "not ok LABEL: name"; run.sh numbers them.
 */
#define _GNU_SOURCE			/* SEEK_DATA, SEEK_HOLE */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../fs/ext2/ext2.h"	/* after libc: user space has its own S_IF*, O_* and struct stat */
#include "errno.h"

#define CHUNK 7777			/* odd read size, so reads straddle block boundaries */
#define FULL_COMPARE_MAX (64 << 20)	/* larger files are compared around their data only */
#define WINDOW 8192			/* bytes compared on each side of a data/hole boundary */
#define MAX_ENTRIES 1024
#define FUZZ_ROUNDS 3000
#define FUZZ_FLIPS 4
#define FUZZ_MAX_RANGES 2048
#define FUZZ_MAX_ENTRIES 2000		/* entries visited per corrupted image */
#define FUZZ_MAX_DEPTH 8
#define FUZZ_READ_MAX 65536

static const char *label;
static const char *staging;
static u8 *orig;
static size_t orig_size;
static struct block_device orig_bd;
static struct super_block orig_sb;
static struct ext2_sb_info orig_fs;		/* the intact image, mounted */

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s%s: ", ok ? "ok " : "not ok ", label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* "check that @got is @want", printing fs->error when it is not. */
static void check_err(struct ext2_sb_info *fs, long got, long want, const char *what)
{
	check(got == want, "%s -> %ld", what, want);
	if (got != want)
		printf("#   got %ld (%s)\n", got, fs->error);
}

static u8 *load_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*size = ftell(f);
	rewind(f);
	buf = malloc(*size);
	if (buf && fread(buf, 1, *size, f) != *size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}


/* ------------------------------------------------------------ mounting and walking */

/* The device and the super block the kernel's mount_bdev would set up. */
static int mount_image(struct ext2_sb_info *fs, struct super_block *sb, struct block_device *bd, u8 *img,
		       size_t size)
{
	brd_init_bdev(bd, img, size);
	memset(sb, 0, sizeof(*sb));
	sb->s_bdev = bd;
	return ext2_setup(fs, sb);
}

/*
 * The path walk lives in the VFS (fs/namei.c); this is the same walk over
 * ext2's own calls, one component at a time, following symlinks with
 * Linux's rules (MAXSYMLINKS, ENOTDIR, trailing slash), so every lookup and
 * readlink path of ext2 is exercised with real paths.
 */
#define T_NAMEI_BUF 4096
struct t_walk {
	struct ext2_sb_info *fs;
	const char *rest;
	size_t restlen;
	int links;
	bool follow_last, want_dir;
	struct ext2_inode_info dir;
	char buf[T_NAMEI_BUF];
};

static void t_skip_slashes(struct t_walk *w)
{
	while (w->restlen && *w->rest == '/') {
		w->rest++;
		w->restlen--;
	}
}

static size_t t_component(struct t_walk *w, const char **name)
{
	size_t len = 0;

	*name = w->rest;
	while (len < w->restlen && w->rest[len] != '/')
		len++;
	w->rest += len;
	w->restlen -= len;
	if (w->restlen) {
		t_skip_slashes(w);
		if (!w->restlen)
			w->want_dir = true;
	}
	return len;
}

static int t_follow(struct t_walk *w, struct ext2_inode_info *link)
{
	char *end = w->buf + sizeof(w->buf), *target;
	size_t sep = w->restlen ? 1 : 0, need = link->size + sep + w->restlen;
	ssize_t n;

	if (++w->links > MAXSYMLINKS)
		return -ELOOP;
	if (link->size == 0)
		return -ENOENT;
	if (need > sizeof(w->buf))
		return -ENAMETOOLONG;
	memmove(end - w->restlen, w->rest, w->restlen);
	if (sep)
		end[-(long)w->restlen - 1] = '/';
	target = end - need;
	w->rest = target;
	w->restlen = need;
	n = ext2_readlink(w->fs, link, target, link->size);
	if (n < 0)
		return n;
	if ((u64)n != link->size)
		return -EIO;
	return *target == '/' ? ext2_read_inode(w->fs, EXT2_ROOT_INO, &w->dir) : 0;
}

static int t_walk_path(struct t_walk *w, struct ext2_inode_info *out)
{
	struct ext2_inode_info child;
	int err;

	if (w->restlen == 0)
		return -ENOENT;
	if ((err = ext2_read_inode(w->fs, EXT2_ROOT_INO, &w->dir)))
		return err;
	for (;;) {
		const char *name;
		size_t len;
		u32 ino = 0;

		t_skip_slashes(w);
		if (w->restlen == 0)
			break;
		len = t_component(w, &name);
		if ((err = ext2_dir_lookup(w->fs, &w->dir, name, len, &ino)) ||
		    (err = ext2_read_inode(w->fs, ino, &child)))
			return err;
		if (ext2_inode_is_free(&child))
			return -EIO;
		if (ext2_is_symlink(&child) && (w->restlen || w->follow_last || w->want_dir)) {
			if ((err = t_follow(w, &child)))
				return err;
			continue;
		}
		if (w->restlen == 0) {
			if (w->want_dir && !ext2_is_dir(&child))
				return -ENOTDIR;
			*out = child;
			return 0;
		}
		w->dir = child;
	}
	*out = w->dir;
	return 0;
}

static int t_walk_from_root(struct ext2_sb_info *fs, const char *path, bool follow, struct ext2_inode_info *out)
{
	static struct t_walk w;

	w.fs = fs;
	w.rest = path;
	w.restlen = strlen(path);
	w.links = 0;
	w.follow_last = follow;
	w.want_dir = false;
	return t_walk_path(&w, out);
}

static int t_namei(struct ext2_sb_info *fs, const char *path, struct ext2_inode_info *out)
{
	return t_walk_from_root(fs, path, true, out);
}

static int t_lnamei(struct ext2_sb_info *fs, const char *path, struct ext2_inode_info *out)
{
	return t_walk_from_root(fs, path, false, out);
}

/* ------------------------------------------------------------ the intact image */

static u8 dt_of_mode(mode_t m)
{
	if (S_ISREG(m))
		return DT_REG;
	if (S_ISDIR(m))
		return DT_DIR;
	if (S_ISLNK(m))
		return DT_LNK;
	if (S_ISFIFO(m))
		return DT_FIFO;
	if (S_ISCHR(m))
		return DT_CHR;
	if (S_ISBLK(m))
		return DT_BLK;
	return DT_SOCK;
}

static bool same_range(struct ext2_inode_info *ip, int fd, u64 off, u64 len, const char *path)
{
	static u8 a[CHUNK], b[CHUNK];

	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;
		ssize_t got = ext2_read(&orig_fs, ip, off, a, n);

		if (got != (ssize_t)n || pread(fd, b, n, off) != (ssize_t)n || memcmp(a, b, n)) {
			printf("#   %s differs at %llu (read %zd: %s)\n", path, (unsigned long long)off, got,
			       orig_fs.error);
			return false;
		}
		off += n;
		len -= n;
	}
	return true;
}

/* Big sparse files: compare a window around every data extent, and the last bytes. */
static bool same_sparse(struct ext2_inode_info *ip, int fd, u64 size, const char *path)
{
	off_t data = 0, hole;

	while ((data = lseek(fd, data, SEEK_DATA)) >= 0) {
		hole = lseek(fd, data, SEEK_HOLE);
		u64 from = data > WINDOW ? data - WINDOW : 0;
		u64 to = (u64)hole + WINDOW < size ? (u64)hole + WINDOW : size;
		if (!same_range(ip, fd, from, to - from, path))
			return false;
		data = hole;
	}
	return same_range(ip, fd, size - WINDOW, WINDOW, path);
}

static bool same_contents(struct ext2_inode_info *ip, const char *host, const char *path, u64 size)
{
	int fd = open(host, O_RDONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = size <= FULL_COMPARE_MAX ? same_range(ip, fd, 0, size, path) : same_sparse(ip, fd, size, path);
	close(fd);
	return ok;
}

static bool same_link(struct ext2_inode_info *ip, const char *host, const char *path)
{
	char a[4096], b[4096];
	ssize_t na = ext2_readlink(&orig_fs, ip, a, sizeof(a));
	ssize_t nb = readlink(host, b, sizeof(b));

	if (na != nb || na < 0 || memcmp(a, b, na)) {
		printf("#   symlink %s: got %zd bytes (%s)\n", path, na, orig_fs.error);
		return false;
	}
	return true;
}

struct tally {
	int files, links, dirs, entries, bad;
};

static void walk_staging(const char *host, const char *path, u32 parent, struct tally *t);

struct listing {
	int n;
	struct ext2_dirent_out e[MAX_ENTRIES];
};

static int list_dir(struct ext2_sb_info *fs, struct ext2_inode_info *dir, struct listing *l)
{
	u64 pos = 0;
	int r = 0;

	l->n = 0;
	while (l->n < MAX_ENTRIES && (r = ext2_readdir(fs, dir, &pos, &l->e[l->n])) == 1)
		l->n++;
	return r;
}

static struct ext2_dirent_out *find_entry(struct listing *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->e[i].name, name))
			return &l->e[i];
	return NULL;
}

/* The image's listing must be the host's plus "." and ".." (and lost+found at the root). */
static bool same_listing(struct ext2_inode_info *dir, const char *host, const char *path, u32 parent)
{
	static struct listing l;
	struct ext2_dirent_out *e;
	struct dirent *d;
	DIR *hd = opendir(host);
	int want = 2, r = list_dir(&orig_fs, dir, &l);
	bool ok = r == 0 && hd;

	while (ok && (d = readdir(hd))) {
		char hp[4096];
		struct stat st;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		want++;
		snprintf(hp, sizeof(hp), "%s/%s", host, d->d_name);
		lstat(hp, &st);
		e = find_entry(&l, d->d_name);
		ok = e && e->type == dt_of_mode(st.st_mode) && e->namelen == strlen(d->d_name);
		if (!ok)
			printf("#   %s: entry %s missing or of the wrong type\n", path, d->d_name);
	}
	if (hd)
		closedir(hd);
	if (ok && parent == EXT2_ROOT_INO && dir->ino == EXT2_ROOT_INO && find_entry(&l, "lost+found"))
		want++;
	ok = ok && l.n == want && (e = find_entry(&l, ".")) && e->ino == dir->ino && (e = find_entry(&l, "..")) &&
	     e->ino == parent;
	if (!ok)
		printf("#   %s: %d entries listed, %d expected (readdir %d: %s)\n", path, l.n, want, r, orig_fs.error);
	return ok;
}

static void compare_one(const char *host, const char *path, u32 parent, struct tally *t)
{
	struct ext2_inode_info ip;
	struct stat st;
	bool ok;

	lstat(host, &st);
	if (t_lnamei(&orig_fs, path, &ip) || dt_of_mode(st.st_mode) != dt_of_mode(ip.mode) ||
	    (S_ISREG(st.st_mode) && ip.size != (u64)st.st_size)) {
		printf("#   %s: lookup, type or size wrong (%s)\n", path, orig_fs.error);
		t->bad++;
		return;
	}
	if (S_ISREG(st.st_mode)) {
		t->files++;
		ok = same_contents(&ip, host, path, ip.size);
	} else if (S_ISLNK(st.st_mode)) {
		t->links++;
		ok = same_link(&ip, host, path);
	} else if (S_ISDIR(st.st_mode)) {
		t->dirs++;
		ok = same_listing(&ip, host, path, parent);
		if (ok)
			walk_staging(host, path, ip.ino, t);
	} else {
		ok = true;
	}
	t->bad += !ok;
}

static void walk_staging(const char *host, const char *path, u32 self, struct tally *t)
{
	DIR *hd = opendir(host);
	struct dirent *d;

	while (hd && (d = readdir(hd))) {
		char hp[4096], ip[4096];

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(hp, sizeof(hp), "%s/%s", host, d->d_name);
		snprintf(ip, sizeof(ip), "%s/%s", strcmp(path, "/") ? path : "", d->d_name);
		t->entries++;
		compare_one(hp, ip, self, t);
	}
	if (hd)
		closedir(hd);
}

static void test_tree(void)
{
	struct tally t = { 0 };
	struct ext2_inode_info root;

	check(ext2_read_inode(&orig_fs, EXT2_ROOT_INO, &root) == 0 && same_listing(&root, staging, "/", EXT2_ROOT_INO),
	      "readdir of / lists the staging root");
	walk_staging(staging, "/", EXT2_ROOT_INO, &t);
	check(t.bad == 0 && t.files > 300 && t.dirs >= 5 && t.links >= 10,
	      "%d entries: %d files byte-for-byte, %d symlinks, %d directories listed exactly", t.entries, t.files,
	      t.links, t.dirs);
}

/* ------------------------------------------------------------ paths */

static u32 ino_of(const char *path)
{
	struct ext2_inode_info ip;

	return t_namei(&orig_fs, path, &ip) ? 0 : ip.ino;
}

static void test_paths(void)
{
	static const struct {
		const char *path, *same_as;
	} same[] = {
		{ "/a/../a/./b//c/deep.txt", "/a/b/c/deep.txt" }, { "/..", "/" }, { "//", "/" },
		{ "/a/b/c/../../..", "/" }, { "a/b", "/a/b" }, { "/a/b/", "/a/b" },
		{ "/link_dir/c/deep.txt", "/a/b/c/deep.txt" }, { "/link_dir/", "/a/b" },
		{ "/link_fast", "/hello.txt" }, { "/link_abs", "/a/b/c/deep.txt" },
		{ "/link_slow", "/a/b/c/deep.txt" }, { "/chain8", "/hello.txt" }, { "/chain9", "/hello.txt" },
	};
	static const struct {
		const char *path;
		int err;
	} errs[] = {
		{ "", -ENOENT }, { "/nonexistent", -ENOENT }, { "/a/nonexistent/x", -ENOENT },
		{ "/hello.txt/x", -ENOTDIR }, { "/hello.txt/", -ENOTDIR }, { "/a/b/file/..", -ENOTDIR },
		{ "/link_fast/", -ENOTDIR }, { "/loop1", -ELOOP }, { "/loop2/x", -ELOOP },
		{ "/dangling", -ENOENT },
	};
	struct ext2_inode_info ip;
	char longname[EXT2_NAME_LEN + 3];

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		u32 a = ino_of(same[i].path), b = ino_of(same[i].same_as);
		check(a && a == b, "namei(\"%s\") is %s", same[i].path, same[i].same_as);
	}
	check(ino_of("/") == EXT2_ROOT_INO, "namei(\"/\") is inode 2");
	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		char what[128];
		snprintf(what, sizeof(what), "namei(\"%s\")", errs[i].path);
		check_err(&orig_fs, t_namei(&orig_fs, errs[i].path, &ip), errs[i].err, what);
	}
	longname[0] = '/';
	memset(longname + 1, 'n', EXT2_NAME_LEN + 1);
	longname[EXT2_NAME_LEN + 2] = '\0';
	check_err(&orig_fs, t_namei(&orig_fs, longname, &ip), -ENAMETOOLONG, "namei of a 256-byte component");
	{
		char path[EXT2_NAME_LEN + 8] = "/many/";
		memset(path + 6, 'n', EXT2_NAME_LEN);
		path[6 + EXT2_NAME_LEN] = '\0';
		check_err(&orig_fs, t_namei(&orig_fs, path, &ip), 0, "namei of a 255-byte component");
	}
	check(t_lnamei(&orig_fs, "/link_fast", &ip) == 0 && ext2_is_symlink(&ip),
	      "lnamei does not follow the last symlink");
	check(t_lnamei(&orig_fs, "/loop1", &ip) == 0 && ext2_is_symlink(&ip), "lnamei of a symlink loop");
	check(t_lnamei(&orig_fs, "/link_dir/", &ip) == 0 && ext2_is_dir(&ip),
	      "lnamei follows a symlink with a trailing slash");
}

/* ------------------------------------------------------------ single calls */

static void test_calls(u32 want_bs)
{
	struct ext2_inode_info ip, dir;
	struct ext2_dirent_out ent;
	u32 blk, ino;
	u64 pos;
	char buf[256];

	check(orig_fs.block_size == want_bs, "block size is %u", want_bs);
	check_err(&orig_fs, ext2_read_inode(&orig_fs, 0, &ip), -EINVAL, "read_inode(0)");
	check_err(&orig_fs, ext2_read_inode(&orig_fs, orig_fs.inodes_count + 1, &ip), -EINVAL,
		  "read_inode(inodes_count + 1)");
	check_err(&orig_fs, ext2_read_inode(&orig_fs, orig_fs.inodes_count, &ip), 0, "read_inode(inodes_count)");

	t_namei(&orig_fs, "/huge_sparse", &ip);
	check(ip.size == 5ULL << 30, "i_size_high: huge_sparse is 5 GiB");
	check_err(&orig_fs, ext2_bmap(&orig_fs, &ip, 1ULL << 60, &blk), -EFBIG, "bmap past the triple-indirect map");
	check_err(&orig_fs, ext2_read(&orig_fs, &ip, ip.size, buf, sizeof(buf)), 0, "read at EOF");
	check_err(&orig_fs, ext2_read(&orig_fs, &ip, ip.size - 10, buf, sizeof(buf)), 10, "read stops at EOF");

	t_namei(&orig_fs, "/sparse", &ip);
	check(ext2_bmap(&orig_fs, &ip, 0, &blk) == 0 && blk != 0, "bmap of sparse block 0 is mapped");
	check(ext2_bmap(&orig_fs, &ip, (100 << 10) / want_bs, &blk) == 0 && blk == 0, "bmap of the hole is 0");

	t_lnamei(&orig_fs, "/link_fast", &ip);
	check_err(&orig_fs, ext2_read(&orig_fs, &ip, 0, buf, sizeof(buf)), -EINVAL, "read of a fast symlink");
	t_namei(&orig_fs, "/hello.txt", &ip);
	check_err(&orig_fs, ext2_readlink(&orig_fs, &ip, buf, sizeof(buf)), -EINVAL, "readlink of a file");
	pos = 0;
	check_err(&orig_fs, ext2_readdir(&orig_fs, &ip, &pos, &ent), -ENOTDIR, "readdir of a file");
	check_err(&orig_fs, ext2_dir_lookup(&orig_fs, &ip, "x", 1, &ino), -ENOTDIR, "lookup in a file");

	t_namei(&orig_fs, "/", &dir);
	pos = 1;
	check_err(&orig_fs, ext2_readdir(&orig_fs, &dir, &pos, &ent), -EINVAL, "readdir at a misaligned position");
	check_err(&orig_fs, ext2_dir_lookup(&orig_fs, &dir, "hello.txt", 5, &ino), -ENOENT,
		  "lookup compares the whole name");
	t_namei(&orig_fs, "/many", &dir);
	pos = 0;
	int n = 0;
	while (ext2_readdir(&orig_fs, &dir, &pos, &ent) == 1)
		n++;
	check(n == 303 && dir.size > want_bs, "/many: 303 entries over %llu directory blocks",
	      (unsigned long long)(dir.size / want_bs));
}

/* ------------------------------------------------------------ corruption */

struct copy {
	u8 *img;
	size_t size;
	struct block_device bd;
	struct super_block sb;
	struct ext2_sb_info fs;
};

static void copy_new(struct copy *c, size_t size)
{
	c->size = size;
	c->img = malloc(size);
	memcpy(c->img, orig, size < orig_size ? size : orig_size);
}

static int copy_mount(struct copy *c)
{
	return mount_image(&c->fs, &c->sb, &c->bd, c->img, c->size);
}

static struct ext2_super_block *sb_of(struct copy *c)
{
	return (struct ext2_super_block *)(c->img + EXT2_SUPERBLOCK_OFFSET);
}

static struct ext2_group_desc *gd_of(struct copy *c, u32 group)
{
	return (struct ext2_group_desc *)(c->img + (u64)orig_fs.gdt_block * orig_fs.block_size) + group;
}

static struct ext2_inode *inode_of(struct copy *c, const char *path)
{
	struct ext2_inode_info ip;
	u32 group, index;

	if (t_lnamei(&orig_fs, path, &ip))
		abort();
	group = (ip.ino - 1) / orig_fs.inodes_per_group;
	index = (ip.ino - 1) % orig_fs.inodes_per_group;
	return (struct ext2_inode *)(c->img + (u64)gd_of(c, group)->bg_inode_table * orig_fs.block_size +
				     (u64)index * orig_fs.inode_size);
}

static u8 *block_of(struct copy *c, u32 blk)
{
	return c->img + (u64)blk * orig_fs.block_size;
}

/* The directory entry @name inside directory @dir_path (first block only, where the tests look). */
static struct ext2_dir_entry_2 *dirent_of(struct copy *c, const char *dir_path, const char *name)
{
	u8 *b = block_of(c, inode_of(c, dir_path)->i_block[0]);
	u32 off = 0;

	while (off < orig_fs.block_size) {
		struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(b + off);
		if (de->inode && de->name_len == strlen(name) && !memcmp(de + 1, name, de->name_len))
			return de;
		off += de->rec_len;
	}
	abort();
}

static struct ext2_dir_entry_2 *last_dirent_of(struct copy *c, const char *dir_path)
{
	u8 *b = block_of(c, inode_of(c, dir_path)->i_block[0]);
	struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)b;

	while ((u8 *)de - b + de->rec_len < orig_fs.block_size)
		de = (struct ext2_dir_entry_2 *)((u8 *)de + de->rec_len);
	return de;
}

/* Mount a copy whose superblock or descriptors are broken: mount itself must fail. */
static void mount_fails(struct copy *c, int want, const char *reason, const char *what)
{
	int err = copy_mount(c);

	check_err(&c->fs, err, want, what);
	if (reason && !strstr(c->fs.error, reason))
		printf("#   reason \"%s\" lacks \"%s\"\n", c->fs.error, reason);
	check(!reason || strstr(c->fs.error, reason), "%s: reason says \"%s\"", what, reason ? reason : "");
	free(c->img);
}

static void test_bad_superblocks(void)
{
	struct copy c;
	char want[96];

	copy_new(&c, orig_size);
	sb_of(&c)->s_magic = 0x1234;
	mount_fails(&c, -EINVAL, "ext2: bad magic 0x1234", "bad magic");

	copy_new(&c, orig_size / 2);
	snprintf(want, sizeof(want), "ext2: image truncated: %zu bytes, superblock says %zu", orig_size / 2, orig_size);
	mount_fails(&c, -EIO, want, "image truncated to half");

	copy_new(&c, 1500);
	mount_fails(&c, -EIO, "too small", "image truncated inside the superblock");

	copy_new(&c, orig_size);
	sb_of(&c)->s_log_block_size = 7;
	mount_fails(&c, -EINVAL, "s_log_block_size", "block size 128 KiB");

	copy_new(&c, orig_size);
	sb_of(&c)->s_blocks_per_group = 0;
	mount_fails(&c, -EINVAL, "s_blocks_per_group", "zero blocks per group");

	copy_new(&c, orig_size);
	sb_of(&c)->s_inodes_count = 0;
	mount_fails(&c, -EINVAL, "zero", "zero inode count");

	copy_new(&c, orig_size);
	sb_of(&c)->s_inodes_count += 1;
	mount_fails(&c, -EINVAL, "s_inodes_count", "inode count disagrees with groups");

	copy_new(&c, orig_size);
	sb_of(&c)->s_first_data_block ^= 1;
	mount_fails(&c, -EINVAL, "s_first_data_block", "wrong first data block");

	copy_new(&c, orig_size);
	sb_of(&c)->s_inode_size = 100;
	mount_fails(&c, -EINVAL, "inode size", "inode size 100");

	copy_new(&c, orig_size);
	sb_of(&c)->s_rev_level = 7;
	mount_fails(&c, -EINVAL, "revision", "unknown revision");

	copy_new(&c, orig_size);
	sb_of(&c)->s_feature_incompat |= 0x40;
	mount_fails(&c, -EINVAL, "incompat", "ext4 extents feature");

	copy_new(&c, orig_size);
	gd_of(&c, 0)->bg_inode_table = orig_fs.blocks_count - 1;
	mount_fails(&c, -EIO, "inode table", "group 0 inode table past the end");

	copy_new(&c, orig_size);
	gd_of(&c, 0)->bg_inode_table = 0;
	mount_fails(&c, -EIO, "inode table", "group 0 inode table at block 0");

	copy_new(&c, orig_size);
	inode_of(&c, "/")->i_mode = EXT2_S_IFREG | 0644;
	mount_fails(&c, -EINVAL, "root inode", "root inode not a directory");
}

/* A copy with one corruption that mount cannot see; @path must then fail with @want. */
struct bad_case {
	const char *what;
	void (*corrupt)(struct copy *c);
	const char *path;		/* namei'd, then read or listed */
	int want;
};

static void rec_len_zero(struct copy *c) { dirent_of(c, "/many", ".")->rec_len = 0; }
static void rec_len_unaligned(struct copy *c) { dirent_of(c, "/many", ".")->rec_len = 14; }
static void rec_len_past_block(struct copy *c)
{
	dirent_of(c, "/many", ".")->rec_len = orig_fs.block_size + 4;
}
static void name_len_too_big(struct copy *c) { dirent_of(c, "/many", ".")->name_len = 200; }
static void last_rec_len_short(struct copy *c) { last_dirent_of(c, "/a")->rec_len -= 4; }
static void dirent_ino_past_end(struct copy *c) { dirent_of(c, "/a", "b")->inode = orig_fs.inodes_count + 1; }
static void dirent_free_inode(struct copy *c) { dirent_of(c, "/a", "b")->inode = orig_fs.inodes_count; }
static void data_block_past_end(struct copy *c)
{
	inode_of(c, "/hello.txt")->i_block[0] = orig_fs.blocks_count + 5;
}
static void data_block_max(struct copy *c) { inode_of(c, "/hello.txt")->i_block[0] = 0xffffffff; }
static void ind_block_past_end(struct copy *c)
{
	inode_of(c, "/single_indirect")->i_block[EXT2_IND_BLOCK] = orig_fs.blocks_count + 100;
}
static void ind_entry_past_end(struct copy *c)
{
	u32 *ind = (u32 *)block_of(c, inode_of(c, "/single_indirect")->i_block[EXT2_IND_BLOCK]);
	ind[0] = 0xfffffff0;
}
static void dir_size_huge(struct copy *c) { inode_of(c, "/a")->i_size = 0xfffff000; }
static void dir_size_odd(struct copy *c) { inode_of(c, "/a")->i_size += 12; }
static void dir_hole(struct copy *c) { inode_of(c, "/a")->i_block[0] = 0; }
static void extents_flag(struct copy *c) { inode_of(c, "/hello.txt")->i_flags |= EXT4_EXTENTS_FL; }
static void fast_link_too_long(struct copy *c) { inode_of(c, "/link_fast")->i_size = 100; }
static void inode_table_shifted(struct copy *c)
{
	gd_of(c, 0)->bg_inode_table = orig_fs.blocks_count - orig_fs.inode_table_blocks;
}

static const struct bad_case bad_cases[] = {
	{ "dirent rec_len 0", rec_len_zero, "/many", -EIO },
	{ "dirent rec_len not a multiple of 4", rec_len_unaligned, "/many", -EIO },
	{ "dirent rec_len past the block end", rec_len_past_block, "/many", -EIO },
	{ "dirent name_len larger than rec_len", name_len_too_big, "/many", -EIO },
	{ "last dirent leaves 4 bytes at the block end", last_rec_len_short, "/a", -EIO },
	{ "dirent inode number past the end", dirent_ino_past_end, "/a/b/file", -EIO },
	{ "dirent names a free inode", dirent_free_inode, "/a/b/file", -EIO },
	{ "data block number past the end", data_block_past_end, "/hello.txt", -EIO },
	{ "data block number 0xffffffff", data_block_max, "/hello.txt", -EIO },
	{ "indirect block number past the end", ind_block_past_end, "/single_indirect", -EIO },
	{ "indirect block entry past the end", ind_entry_past_end, "/single_indirect", -EIO },
	{ "directory larger than the file system", dir_size_huge, "/a", -EIO },
	{ "directory size not whole blocks", dir_size_odd, "/a", -EIO },
	{ "hole in a directory", dir_hole, "/a", -EIO },
	{ "ext4 extents flag on an inode", extents_flag, "/hello.txt", -EIO },
	{ "fast symlink longer than i_block", fast_link_too_long, "/link_fast", -EIO },
	{ "inode table moved: garbage inodes", inode_table_shifted, "/a/b/c/deep.txt", 0 },
};

/* namei the path, then read it whole (files) or list it (directories); the first error wins. */
static int use_path(struct ext2_sb_info *fs, const char *path)
{
	static u8 buf[1 << 20];
	struct ext2_inode_info ip;
	struct ext2_dirent_out ent;
	u64 pos = 0;
	int err = t_namei(fs, path, &ip);
	ssize_t r;

	if (err)
		return err;
	if (ext2_is_dir(&ip)) {
		while ((err = ext2_readdir(fs, &ip, &pos, &ent)) == 1)
			;
		return err;
	}
	/* from the first indirect block on, so a bad indirect pointer is the first thing read */
	pos = ip.size > EXT2_NDIR_BLOCKS * fs->block_size ? EXT2_NDIR_BLOCKS * fs->block_size : 0;
	r = ext2_read(fs, &ip, pos, buf, sizeof(buf));
	return r < 0 ? r : 0;
}

static void test_bad_metadata(void)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *bc = &bad_cases[i];
		struct copy c;
		int err;

		copy_new(&c, orig_size);
		bc->corrupt(&c);
		err = copy_mount(&c);
		if (!err)
			err = use_path(&c.fs, bc->path);
		if (bc->want == 0)	/* any outcome will do, as long as it is not a crash */
			check(true, "%s: %s survives (%d: %s)", bc->what, bc->path, err, err ? c.fs.error : "-");
		else
			check_err(&c.fs, err, bc->want, bc->what);
		free(c.img);
	}
}

/* ------------------------------------------------------------ fuzz */

/* Byte ranges of the intact image that hold metadata: where bit flips hurt. */
struct range {
	u64 off, len;
};

static struct range meta[FUZZ_MAX_RANGES];
static int nmeta;

static void add_range(u64 off, u64 len)
{
	if (nmeta < FUZZ_MAX_RANGES && len)
		meta[nmeta++] = (struct range){ off, len };
}

static void add_block(u32 blk)
{
	if (blk)
		add_range((u64)blk * orig_fs.block_size, orig_fs.block_size);
}

static void add_inode(u32 ino)
{
	struct copy c = { .img = orig };
	u32 group = (ino - 1) / orig_fs.inodes_per_group, index = (ino - 1) % orig_fs.inodes_per_group;

	add_range((u64)gd_of(&c, group)->bg_inode_table * orig_fs.block_size + (u64)index * orig_fs.inode_size,
		  sizeof(struct ext2_inode));
}

/* Every inode in use, every directory block, and every file's indirect blocks. */
static void collect_meta(struct ext2_inode_info *dir, int depth)
{
	struct ext2_dirent_out ent;
	struct ext2_inode_info ip;
	u64 pos = 0;
	u32 blk;

	add_inode(dir->ino);
	for (u64 b = 0; b < dir->size / orig_fs.block_size; b++)
		if (ext2_bmap(&orig_fs, dir, b, &blk) == 0)
			add_block(blk);
	while (ext2_readdir(&orig_fs, dir, &pos, &ent) == 1) {
		if (ent.name[0] == '.' && (ent.namelen == 1 || (ent.namelen == 2 && ent.name[1] == '.')))
			continue;
		if (ext2_read_inode(&orig_fs, ent.ino, &ip))
			continue;
		if (ext2_is_dir(&ip) && depth < FUZZ_MAX_DEPTH) {
			collect_meta(&ip, depth + 1);
			continue;
		}
		add_inode(ip.ino);
		if (!ext2_is_symlink(&ip) || ip.blocks)
			for (int i = EXT2_IND_BLOCK; i < EXT2_N_BLOCKS; i++)
				add_block(ip.block[i]);
	}
}

struct fuzz_stats {
	int mounted, entries, errors;
};

/* Visit everything reachable, within a budget per image: only the reader must not hang. */
static void fuzz_walk(struct ext2_sb_info *fs, struct ext2_inode_info *dir, int depth, int *budget,
		      struct fuzz_stats *st)
{
	static u8 buf[FUZZ_READ_MAX];
	struct ext2_dirent_out ent;
	struct ext2_inode_info ip;
	u64 pos = 0;
	int r = 0;

	while (*budget > 0 && (r = ext2_readdir(fs, dir, &pos, &ent)) == 1) {
		--*budget;
		st->entries++;
		if (ent.name[0] == '.' && (ent.namelen == 1 || (ent.namelen == 2 && ent.name[1] == '.')))
			continue;
		if (ext2_read_inode(fs, ent.ino, &ip)) {
			st->errors++;
			continue;
		}
		if (ext2_is_dir(&ip) && depth < FUZZ_MAX_DEPTH)
			fuzz_walk(fs, &ip, depth + 1, budget, st);
		else if (ext2_is_symlink(&ip))
			st->errors += ext2_readlink(fs, &ip, (char *)buf, sizeof(buf)) < 0;
		else
			st->errors += ext2_read(fs, &ip, 0, buf, sizeof(buf)) < 0;
	}
	if (r < 0)
		st->errors++;
}

static void fuzz_paths(struct ext2_sb_info *fs, struct fuzz_stats *st)
{
	static const char *paths[] = { "/a/b/c/deep.txt", "/link_slow", "/link_dir/file", "/chain8",
				       "/many/entry-300", "/huge_sparse", "/a/../many/../sparse" };
	struct ext2_inode_info ip;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		st->errors += t_namei(fs, paths[i], &ip) != 0;
}

/* A saved word, to undo a mutation without copying the whole image again. */
struct undo {
	u64 off;
	u32 old;
};

static u32 interesting_value(void)
{
	static const u32 values[] = { 0, 1, 2, 11, 0xffff, 0x10000, 0x7fffffff, 0xffffffff };

	switch (rand() % 3) {
	case 0:
		return values[rand() % (sizeof(values) / sizeof(values[0]))];
	case 1:
		return orig_fs.blocks_count + rand() % 4 - 2;
	default:
		return orig_fs.inodes_count + rand() % 4 - 2;
	}
}

/* Flip a bit or plant a boundary value in an aligned word, somewhere in the metadata. */
static void mutate(struct copy *c, struct undo *u)
{
	struct range *r = &meta[rand() % nmeta];
	u64 off = (r->off + rand() % r->len) & ~3ULL;
	u32 word;

	memcpy(&u->old, c->img + off, sizeof(u32));
	u->off = off;
	word = rand() % 2 ? u->old ^ (1u << (rand() % 32)) : interesting_value();
	memcpy(c->img + off, &word, sizeof(word));
}

static void test_fuzz(void)
{
	struct fuzz_stats st = { 0 };
	struct ext2_inode_info root;
	struct undo undo[FUZZ_FLIPS];
	struct copy c;

	nmeta = 0;
	add_range(EXT2_SUPERBLOCK_OFFSET, offsetof(struct ext2_super_block, s_uuid));
	add_range((u64)orig_fs.gdt_block * orig_fs.block_size, orig_fs.groups_count * sizeof(struct ext2_group_desc));
	ext2_read_inode(&orig_fs, EXT2_ROOT_INO, &root);
	collect_meta(&root, 0);
	srand(12345);
	copy_new(&c, orig_size);
	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		int budget = FUZZ_MAX_ENTRIES, flips = 1 + rand() % FUZZ_FLIPS;

		for (int i = 0; i < flips; i++)
			mutate(&c, &undo[i]);
		if (copy_mount(&c) == 0) {
			st.mounted++;
			if (ext2_read_inode(&c.fs, EXT2_ROOT_INO, &root) == 0)
				fuzz_walk(&c.fs, &root, 0, &budget, &st);
			fuzz_paths(&c.fs, &st);
		}
		while (flips--)
			memcpy(c.img + undo[flips].off, &undo[flips].old, sizeof(u32));
	}
	check(!memcmp(c.img, orig, orig_size), "fuzz: every mutation undone");
	free(c.img);
	check(nmeta > 300, "fuzz: %d metadata ranges found to corrupt", nmeta);
	check(true, "fuzz: %d images with 1..%d mutated metadata words, %d mounted, %d entries visited, %d errors, no crash",
	      FUZZ_ROUNDS, FUZZ_FLIPS, st.mounted, st.entries, st.errors);
}

int main(int argc, char **argv)
{
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: %s IMAGE STAGING LABEL\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* keep the checks made before a sanitizer abort */
	staging = argv[2];
	label = argv[3];
	orig = load_file(argv[1], &orig_size);
	if (!orig) {
		check(false, "load %s", argv[1]);
		return 1;
	}
	err = mount_image(&orig_fs, &orig_sb, &orig_bd, orig, orig_size);
	check_err(&orig_fs, err, 0, "mount the mke2fs image");
	if (err)
		return 1;
	test_tree();
	test_paths();
	test_calls(strtoul(label + 1, NULL, 10));
	test_bad_superblocks();
	test_bad_metadata();
	test_fuzz();
	free(orig);
	return 0;
}
