/*
 * tmpfs mounted on a fresh directory, from user space, as root (Linux:
 * mm/shmem.c, Documentation/filesystems/tmpfs.rst; mount(2)).
 *   Options: size=1x and an unknown option -> EINVAL; size=64k,
 *   nr_inodes=16, mode=0750, uid=12, gid=34 give the root directory's
 *   mode and owner and statfs's numbers (TMPFS_MAGIC, 16 blocks of 4096,
 *   16 inodes with the root using one), and /proc/mounts shows the
 *   options that differ from the defaults.  Every file's st_dev is the
 *   mount's (major 0), not the directory's below it; st_blksize 4096.
 *   Directories: 2 + subdirectories links, 40 + 20 bytes per name; rmdir of
 *   a non-empty one -> ENOTEMPTY; moving a directory moves a link between
 *   parents; rename over a file drops its link; rename of a directory over
 *   a non-empty one -> ENOTEMPTY; a hard link counts as an inode.
 *   Files: data read back, st_blocks 8 per page, f_bfree follows;
 *   truncate gives pages back; reading a hole gives zeros and takes none; a write past size= is short, then ENOSPC;
 *   fallocate past it -> ENOSPC; a store into a new page through a
 *   mapping when full -> SIGBUS; unlinking an open file keeps its data
 *   and pages until close.  Symlinks: the target read back; one of 200
 *   bytes takes a page (st_blocks 8), a short one none.  A FIFO and a
 *   character device node work as such.  nr_inodes runs out -> ENOSPC.
 *   readdir: ".", "..", the names; getdents continued after unlinking one
 *   name already read and one not yet read gives each remaining name
 *   once; seekdir back to a telldir gives the same name again.
 *   A second tmpfs mounted on a directory of the first holds 32 MiB as
 *   Shmem (/proc/meminfo) until its umount gives it back.
 *   umount with a file open -> EBUSY; after close it goes, and the
 *   directory is the parent file system's again.
 * The order of names within a directory is not printed (Linux's changed
 * between versions); nothing prints an inode number or a device number.
 */
#include "fsutil.h"
#include <sys/mount.h>
#include <sys/statfs.h>
#include <stdbool.h>
#include <sys/sysmacros.h>

#define TMPFS_MAGIC 0x01021994
#define FILE_BYTES 10000
#define NAMES 6

static char dir[64];
static char pathbuf[8][160];

/* dir/name in one of a few rotating buffers, so a call may take two. */
static const char *at(const char *name)
{
	static int next;
	char *b = pathbuf[next++ % 8];

	snprintf(b, sizeof pathbuf[0], "%s/%s", dir, name);
	return b;
}

static struct statfs sfs(void)
{
	struct statfs s;

	memset(&s, 0, sizeof s);
	statfs(dir, &s);
	return s;
}

static struct stat st_of(const char *name)
{
	struct stat st;

	memset(&st, 0, sizeof st);
	if (lstat(at(name), &st) < 0)
		printf("lstat %s: %s\n", name, errno_name(errno));
	return st;
}

static void show_dir(const char *name)
{
	struct stat st = st_of(name);

	printf("%s: mode %o nlink %ld size %lld blocks %lld\n", name, (unsigned)st.st_mode, (long)st.st_nlink,
	       (long long)st.st_size, (long long)st.st_blocks);
}

/* The /proc/mounts line of @path, without the path itself (its name is random). */
static void show_mounts_line(const char *path)
{
	char line[512], dev[64], mnt[256], type[32], opts[256];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%63s %255s %31s %255s", dev, mnt, type, opts) == 4 && !strcmp(mnt, path)) {
			printf("/proc/mounts: %s %s %s\n", dev, type, opts);
			found++;
		}
	if (f)
		fclose(f);
	if (!found)
		printf("/proc/mounts: not there\n");
}

static void mount_options(void)
{
	struct stat below, root;
	struct statfs s;

	stat(dir, &below);
	SHOW("mount size=1x", mount("none", dir, "tmpfs", 0, "size=1x"));
	SHOW("mount bogus=1", mount("none", dir, "tmpfs", 0, "size=64k,bogus=1"));
	SHOW("mount", mount("none", dir, "tmpfs", 0, "size=64k,nr_inodes=16,mode=0750,uid=12,gid=34"));
	show_mounts_line(dir);
	stat(dir, &root);
	printf("root: mode %o nlink %ld size %lld uid %d gid %d blksize %ld\n", (unsigned)root.st_mode,
	       (long)root.st_nlink, (long long)root.st_size, (int)root.st_uid, (int)root.st_gid,
	       (long)root.st_blksize);
	CHECK("root st_dev major 0, not the directory's below", major(root.st_dev) == 0 && root.st_dev != below.st_dev);
	s = sfs();
	printf("statfs: magic %d bsize %ld blocks %ld bfree %ld bavail %ld files %ld ffree %ld namelen %ld\n",
	       s.f_type == TMPFS_MAGIC, (long)s.f_bsize, (long)s.f_blocks, (long)s.f_bfree, (long)s.f_bavail,
	       (long)s.f_files, (long)s.f_ffree, (long)s.f_namelen);
}

static void files(void)
{
	static char buf[FILE_BYTES], back[FILE_BYTES];
	struct stat st, root;
	int fd;

	for (int i = 0; i < FILE_BYTES; i++)
		buf[i] = (char)(i * 7 + 1);
	fd = open(at("file"), O_RDWR | O_CREAT | O_EXCL, 0640);
	SHOWN("write 10000", write(fd, buf, FILE_BYTES));
	SHOWN("pread 10000", pread(fd, back, FILE_BYTES, 0));
	CHECK("data read back", memcmp(buf, back, FILE_BYTES) == 0);
	fstat(fd, &st);
	stat(dir, &root);
	printf("file: mode %o nlink %ld size %lld blocks %lld blksize %ld\n", (unsigned)st.st_mode, (long)st.st_nlink,
	       (long long)st.st_size, (long long)st.st_blocks, (long)st.st_blksize);
	CHECK("file's st_dev is the mount's", st.st_dev == root.st_dev);
	CHECK("file's st_ino is not the root's", st.st_ino != root.st_ino);
	printf("bfree %ld ffree %ld\n", (long)sfs().f_bfree, (long)sfs().f_ffree);
	SHOW("ftruncate 4096", ftruncate(fd, 4096));
	fstat(fd, &st);
	printf("after truncate: size %lld blocks %lld bfree %ld\n", (long long)st.st_size, (long long)st.st_blocks,
	       (long)sfs().f_bfree);
	SHOW("ftruncate 40960 (a hole)", ftruncate(fd, 40960));
	memset(back, 'x', sizeof back);
	SHOWN("pread 8192 of the hole", pread(fd, back, 8192, 16384));
	fstat(fd, &st);
	printf("zeros %d, blocks %lld, bfree %ld\n", back[0] == 0 && !memcmp(back, back + 1, 8191),
	       (long long)st.st_blocks, (long)sfs().f_bfree);
	SHOW("ftruncate 4096", ftruncate(fd, 4096));
	close(fd);
}

static void directories(void)
{
	int fd;

	show_dir(".");
	SHOW("mkdir d", mkdir(at("d"), 0755));
	SHOW("mkdir e", mkdir(at("e"), 0755));
	show_dir(".");
	show_dir("d");
	fd = open(at("d/x"), O_WRONLY | O_CREAT, 0600);
	close(fd);
	show_dir("d");
	SHOW("rmdir d (not empty)", rmdir(at("d")));
	SHOW("mkdir d/sub", mkdir(at("d/sub"), 0700));
	show_dir("d");
	SHOW("rename d/sub -> e/sub", rename(at("d/sub"), at("e/sub")));
	show_dir("d");
	show_dir("e");
	SHOW("rename e over d (d not empty)", rename(at("e"), at("d")));
	SHOW("unlink d/x", unlink(at("d/x")));
	SHOW("rmdir e (not empty)", rmdir(at("e")));
	SHOW("rename e over d (d empty)", rename(at("e"), at("d")));
	show_dir(".");
	show_dir("d");
	SHOW("rmdir d/sub", rmdir(at("d/sub")));
	SHOW("rmdir d", rmdir(at("d")));
	show_dir(".");
	printf("ffree %ld\n", (long)sfs().f_ffree);
}

static void links(void)
{
	struct stat a, b;
	int fd;

	SHOW("link file hard", link(at("file"), at("hard")));
	lstat(at("file"), &a);
	lstat(at("hard"), &b);
	printf("nlink %ld, same inode %d, ffree %ld\n", (long)a.st_nlink, a.st_ino == b.st_ino, (long)sfs().f_ffree);
	fd = open(at("other"), O_WRONLY | O_CREAT, 0600);
	write(fd, "other", 5);
	close(fd);
	SHOW("rename other over hard", rename(at("other"), at("hard")));
	lstat(at("file"), &a);
	lstat(at("hard"), &b);
	printf("file nlink %ld; hard size %lld; other: %s; ffree %ld\n", (long)a.st_nlink, (long long)b.st_size,
	       access(at("other"), F_OK) ? errno_name(errno) : "there", (long)sfs().f_ffree);
	SHOW("unlink hard", unlink(at("hard")));
}

static void symlinks(void)
{
	char target[201], back[256];
	long before = sfs().f_bfree;
	struct stat st;
	ssize_t n;

	memset(target, 'y', 200);
	target[200] = '\0';
	SHOW("symlink short", symlink("some/where", at("s")));
	n = readlink(at("s"), back, sizeof back);
	printf("readlink short: %.*s\n", (int)(n > 0 ? n : 0), back);
	st = st_of("s");
	printf("short: size %lld blocks %lld, bfree used %ld\n", (long long)st.st_size, (long long)st.st_blocks,
	       before - (long)sfs().f_bfree);
	SHOW("symlink 200 bytes", symlink(target, at("l")));
	n = readlink(at("l"), back, sizeof back);
	CHECK("readlink long", n == 200 && memcmp(back, target, 200) == 0);
	st = st_of("l");
	printf("long: size %lld blocks %lld, bfree used %ld\n", (long long)st.st_size, (long long)st.st_blocks,
	       before - (long)sfs().f_bfree);
	SHOW("unlink l", unlink(at("l")));
	printf("bfree back %d\n", sfs().f_bfree == before);
}

static void specials(void)
{
	struct stat st;
	char c = 0;
	int fd;

	SHOW("mkfifo p", mkfifo(at("p"), 0600));
	st = st_of("p");
	CHECK("p is a FIFO", S_ISFIFO(st.st_mode));
	fd = open(at("p"), O_RDWR);
	SHOWN("write fifo", write(fd, "!", 1));
	SHOWN("read fifo", read(fd, &c, 1));
	printf("got %c\n", c);
	close(fd);
	SHOW("mknod null (1,3)", mknod(at("null"), S_IFCHR | 0666, makedev(1, 3)));
	st = st_of("null");
	printf("null: chr %d rdev %u:%u size %lld\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev),
	       (long long)st.st_size);
	fd = open(at("null"), O_WRONLY);
	SHOWN("write to it", write(fd, "xyz", 3));
	close(fd);
	SHOW("unlink p", unlink(at("p")));
	SHOW("unlink null", unlink(at("null")));
}

/* r/NAME under the mount */
static const char *in_r(const char *name)
{
	static char rel[32];

	snprintf(rel, sizeof rel, "r/%s", name);
	return at(rel);
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Raw getdents64 (libc's readdir reads ahead); the names into seen[] from *n on. */
static long getdents_names(int fd, size_t bufsize, char seen[][256], int *n, int max)
{
	static char buf[4096] __attribute__((aligned(8)));
	long got = syscall(SYS_getdents64, fd, buf, bufsize);

	for (long off = 0; off < got && *n < max;) {
		struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);

		strcpy(seen[(*n)++], e->d_name);
		off += e->d_reclen;
	}
	return got;
}

/* getdents continued after unlinks; telldir/seekdir. */
static void readdir_positions(void)
{
	char names[NAMES][4], seen[NAMES + 4][256];
	int nseen = 0, gone_seen = -1, gone_unseen = -1, twice = 0, missing = 0, fd;
	struct dirent *e;
	DIR *d;
	long pos;

	mkdir(at("r"), 0755);
	for (int i = 0; i < NAMES; i++) {
		snprintf(names[i], sizeof names[i], "f%d", i);
		close(open(in_r(names[i]), O_WRONLY | O_CREAT, 0600));
	}
	fd = open(at("r"), O_RDONLY | O_DIRECTORY);
	getdents_names(fd, 4 * 24, seen, &nseen, NAMES + 4);	/* four records of 24 bytes */
	printf("first getdents: %d names, %s %s\n", nseen, seen[0], seen[1]);
	/* one name already read and one not yet read go */
	for (int i = 0; i < NAMES; i++) {
		bool was_seen = !strcmp(names[i], seen[2]) || !strcmp(names[i], seen[3]);

		if (was_seen && gone_seen < 0)
			gone_seen = i;
		if (!was_seen && gone_unseen < 0)
			gone_unseen = i;
	}
	unlink(in_r(names[gone_seen]));
	unlink(in_r(names[gone_unseen]));
	while (getdents_names(fd, 4 * 24, seen, &nseen, NAMES + 4) > 0)
		;
	close(fd);
	for (int i = 0; i < NAMES; i++) {
		int n = 0;

		for (int j = 2; j < nseen; j++)
			n += !strcmp(seen[j], names[i]);
		twice += n > 1;
		missing += n == 0 && i != gone_unseen;
		if (i == gone_unseen && n)
			twice++;	/* an unlinked name not yet read must not come */
	}
	printf("continued: %d names, none twice %d, none missing %d\n", nseen - 2, !twice, !missing);
	d = opendir(at("r"));
	for (int i = 0; i < 3; i++)
		readdir(d);
	pos = telldir(d);
	e = readdir(d);
	strcpy(seen[0], e ? e->d_name : "");
	seekdir(d, pos);
	e = readdir(d);
	CHECK("seekdir to telldir gives the same name", e && !strcmp(e->d_name, seen[0]));
	closedir(d);
	for (int i = 0; i < NAMES; i++)
		unlink(in_r(names[i]));
	SHOW("rmdir r", rmdir(at("r")));
}

static void space(void)
{
	static char buf[20 * PAGE_SIZE];
	long bfree = sfs().f_bfree;
	struct stat st;
	int fd;
	char *p;

	memset(buf, 'b', sizeof buf);
	fd = open(at("big"), O_RDWR | O_CREAT, 0600);
	SHOW("fallocate 80k", fallocate(fd, 0, 0, 80 * 1024));
	CHECK("write of 20 pages is short by what is free", write(fd, buf, sizeof buf) == bfree * (long)PAGE_SIZE);
	SHOWN("bfree", sfs().f_bfree);
	SHOW("write when full", write(fd, buf, 1));
	SHOW("pwrite into a page it has", pwrite(fd, "B", 1, 0));
	SHOW("ftruncate to 80k", ftruncate(fd, 80 * 1024));
	p = mmap(NULL, 80 * 1024, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	catch_faults();
	printf("store into a new page when full: %s\n", sig_name(try_write32((uintptr_t)p + 19 * PAGE_SIZE, 1)));
	printf("store into a page it has: %s\n", sig_name(try_write32((uintptr_t)p, 1)));
	munmap(p, 80 * 1024);
	close(fd);
	SHOW("unlink big", unlink(at("big")));
	printf("bfree back %d\n", sfs().f_bfree == bfree);

	/* unlinked while open: the pages stay until close */
	fd = open(at("u"), O_RDWR | O_CREAT, 0600);
	write(fd, buf, 2 * PAGE_SIZE);
	bfree = sfs().f_bfree;
	SHOW("unlink open file", unlink(at("u")));
	fstat(fd, &st);
	printf("nlink %ld size %lld blocks %lld, bfree same %d\n", (long)st.st_nlink, (long long)st.st_size,
	       (long long)st.st_blocks, sfs().f_bfree == bfree);
	CHECK("still reads", pread(fd, buf, 1, PAGE_SIZE) == 1 && buf[0] == 'b');
	close(fd);
	printf("after close: %ld pages came back\n", (long)sfs().f_bfree - bfree);
}

static void inodes_run_out(void)
{
	long ffree = sfs().f_ffree, made = 0;
	char name[24];
	int fd;

	for (;;) {
		snprintf(name, sizeof name, "i%ld", made);
		if ((fd = open(at(name), O_WRONLY | O_CREAT, 0600)) < 0)
			break;
		close(fd);
		made++;
	}
	printf("made %ld = ffree %d, then %s; ffree %ld\n", made, made == ffree, errno_name(errno),
	       (long)sfs().f_ffree);
	SHOW("mkdir when full", mkdir(at("full"), 0755));
	while (made--) {
		snprintf(name, sizeof name, "i%ld", made);
		unlink(at(name));
	}
	printf("ffree back %d\n", sfs().f_ffree == ffree);
}

static unsigned long meminfo_kb(const char *name)
{
	char line[128];
	unsigned long kb = 0;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, name, n) && line[n] == ':')
			kb = strtoul(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* A second tmpfs, on a directory of the first: 32 MiB in it is Shmem until its umount. */
static void memory_comes_back(void)
{
	static char chunk[1 << 20];
	unsigned long before, during, after;
	int fd;

	memset(chunk, 'm', sizeof chunk);
	SHOW("mkdir m", mkdir(at("m"), 0755));
	SHOW("mount on m", mount("tmp2", at("m"), "tmpfs", 0, "size=48m"));
	show_mounts_line(at("m"));
	before = meminfo_kb("Shmem");
	fd = open(at("m/data"), O_WRONLY | O_CREAT, 0600);
	for (int i = 0; i < 32; i++)
		write(fd, chunk, sizeof chunk);
	close(fd);
	during = meminfo_kb("Shmem");
	SHOW("umount m", umount(at("m")));
	after = meminfo_kb("Shmem");
	/* Other processes move it too: only a change of half the size counts. */
	printf("Shmem grew by the file: %s\n", during > before + 16 * 1024 ? "yes" : "no");
	printf("Shmem fell at umount: %s\n", during > after + 16 * 1024 ? "yes" : "no");
	SHOW("rmdir m", rmdir(at("m")));
}

static void unmount(void)
{
	struct stat st, below;
	int fd = open(at("file"), O_RDONLY);

	SHOW("umount with a file open", umount(dir));
	close(fd);
	SHOW("umount", umount(dir));
	show_mounts_line(dir);
	stat(dir, &st);
	stat("/tmp", &below);
	CHECK("the directory is the parent file system's again", st.st_dev == below.st_dev);
	printf("mode %o\n", (unsigned)st.st_mode);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(022);
	make_tmpdir(dir, sizeof dir, "tmpfs_mount");
	mount_options();
	files();
	directories();
	links();
	symlinks();
	specials();
	readdir_positions();
	space();
	inodes_run_out();
	memory_comes_back();
	unmount();
	rmdir(dir);
	return 0;
}
