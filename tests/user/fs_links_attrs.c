/*
 * Symbolic links, hard links and inode attributes (docs/linux-abi.md §2:
 * 88 symlink, 89 readlink, 6 lstat, 86 link, 90 chmod, 91 fchmod, 92 chown,
 * 93 fchown, 94 lchown, 280 utimensat, 74 fsync, 75 fdatasync, 162 sync,
 * 137 statfs, 138 fstatfs).
 *   symlink "target" -> readlink gives exactly those 6 bytes (a 3-byte
 *   buffer gets 3), lstat is S_ISLNK with st_size 6, stat and open follow
 *   it; O_NOFOLLOW -> ELOOP; symlink onto an existing name -> EEXIST; a
 *   relative "../target" link in a subdirectory resolves from the link's
 *   directory; a dangling link: open -> ENOENT, O_CREAT creates the target,
 *   O_CREAT|O_EXCL -> EEXIST; two links naming each other -> ELOOP.
 *   A hard link shares data both ways.  chmod/fchmod set the mode bits
 *   stat shows (04755 too); as root (printed: geteuid()==0) chown/fchown to
 *   1:1 and 2:2 show in stat, chown clears S_ISUID, lchown changes the link
 *   and not the target.  utimensat with fixed times: stat shows those
 *   seconds, and nanoseconds either exact or 0 (ext2 with 128-byte inodes
 *   keeps seconds only); UTIME_OMIT keeps atime; UTIME_NOW is within a
 *   minute of time(); futimens works on an fd.  fsync, fdatasync, sync,
 *   statfs and fstatfs return 0 and f_bsize > 0.
 */
#include "fsutil.h"
#include <sys/statfs.h>
#include <time.h>

static char dir[64];

static char *P(const char *name)
{
	static char bufs[4][256];
	static int i;
	char *b = bufs[i++ & 3];

	return path_in(b, 256, dir, name);
}

static void mode_of(const char *label, const char *name)
{
	struct stat st;

	if (stat(P(name), &st) < 0)
		printf("%s: %s\n", label, errno_name(errno));
	else
		printf("%s: mode 0%o uid %d gid %d\n", label, st.st_mode & 07777,
		       (int)st.st_uid, (int)st.st_gid);
}

static void times_of(const char *label, const char *name, long long as,
		     long an, long long ms, long mn)
{
	struct stat st;

	stat(P(name), &st);
	printf("%s: atime %lld%s mtime %lld%s\n", label,
	       (long long)st.st_atim.tv_sec,
	       st.st_atim.tv_sec == as && (st.st_atim.tv_nsec == an ||
		       st.st_atim.tv_nsec == 0) ? " (ok)" : " (WRONG)",
	       (long long)st.st_mtim.tv_sec,
	       st.st_mtim.tv_sec == ms && (st.st_mtim.tv_nsec == mn ||
		       st.st_mtim.tv_nsec == 0) ? " (ok)" : " (WRONG)");
}

int main(void)
{
	char buf[64];
	struct stat st;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "fs_links_attrs");
	fd = open(P("target"), O_RDWR | O_CREAT | O_EXCL, 0644);
	write(fd, "target data", 11);
	close(fd);

	/* symlinks */
	SHOW("symlink target l", symlink("target", P("l")));
	memset(buf, 0, sizeof buf);
	SHOWN("readlink l", readlink(P("l"), buf, sizeof buf));
	printf("readlink \"%s\"\n", buf);
	memset(buf, 0, sizeof buf);
	SHOWN("readlink l into 3 bytes", readlink(P("l"), buf, 3));
	printf("readlink \"%s\"\n", buf);
	lstat(P("l"), &st);
	printf("lstat l: S_ISLNK %d st_size %lld\n", S_ISLNK(st.st_mode), (long long)st.st_size);
	stat(P("l"), &st);
	printf("stat l: S_ISREG %d st_size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
	fd = open(P("l"), O_RDONLY);
	memset(buf, 0, sizeof buf);
	read(fd, buf, sizeof buf);
	close(fd);
	printf("open l reads \"%s\"\n", buf);
	SHOW("open l O_NOFOLLOW", open(P("l"), O_RDONLY | O_NOFOLLOW));
	SHOW("readlink of a file", readlink(P("target"), buf, sizeof buf));
	SHOW("symlink onto an existing name", symlink("x", P("target")));
	mkdir(P("sub"), 0755);
	SHOW("symlink ../target sub/up", symlink("../target", P("sub/up")));
	SHOW("stat sub/up", stat(P("sub/up"), &st));
	printf("sub/up size %lld\n", (long long)st.st_size);
	SHOW("symlink dangling", symlink("newfile", P("dangling")));
	SHOW("open dangling", open(P("dangling"), O_RDONLY));
	SHOW("open dangling O_CREAT|O_EXCL", open(P("dangling"), O_WRONLY | O_CREAT | O_EXCL, 0600));
	fd = open(P("dangling"), O_WRONLY | O_CREAT, 0600);
	SHOW("open dangling O_CREAT", fd);
	close(fd);
	SHOW("stat newfile (made through the link)", stat(P("newfile"), &st));
	symlink("loop2", P("loop1"));
	symlink("loop1", P("loop2"));
	SHOW("open loop1", open(P("loop1"), O_RDONLY));

	/* hard links */
	SHOW("link target hard", link(P("target"), P("hard")));
	fd = open(P("hard"), O_RDWR);
	pwrite(fd, "T", 1, 0);
	close(fd);
	fd = open(P("target"), O_RDONLY);
	memset(buf, 0, sizeof buf);
	read(fd, buf, sizeof buf);
	close(fd);
	printf("target after a write through hard: \"%s\"\n", buf);
	stat(P("target"), &st);
	printf("target nlink %ld\n", (long)st.st_nlink);

	/* modes and owners */
	printf("geteuid()==0: %d\n", geteuid() == 0);
	SHOW("chmod 0604", chmod(P("target"), 0604));
	mode_of("target", "target");
	fd = open(P("target"), O_RDWR);
	SHOW("fchmod 0640", fchmod(fd, 0640));
	mode_of("target", "target");
	SHOW("chmod 04755", chmod(P("target"), 04755));
	mode_of("target", "target");
	mode_of("hard (same inode)", "hard");
	SHOW("chown 1:1", chown(P("target"), 1, 1));
	mode_of("target (S_ISUID cleared)", "target");
	SHOW("fchown 2:2", fchown(fd, 2, 2));
	mode_of("target", "target");
	SHOW("chown -1:3", chown(P("target"), -1, 3));
	mode_of("target", "target");
	SHOW("lchown l 4:4", lchown(P("l"), 4, 4));
	lstat(P("l"), &st);
	printf("link owner %d:%d\n", (int)st.st_uid, (int)st.st_gid);
	mode_of("target after lchown", "target");

	/* times */
	struct timespec ts[2] = {
		{ 1000000000, 123456789 }, { 1234567890, 987654321 },
	};
	SHOW("utimensat fixed times", utimensat(AT_FDCWD, P("target"), ts, 0));
	times_of("target", "target", 1000000000, 123456789, 1234567890, 987654321);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	ts[1].tv_nsec = 0;
	SHOW("utimensat UTIME_OMIT atime", utimensat(AT_FDCWD, P("target"), ts, 0));
	times_of("target", "target", 1000000000, 123456789, 1300000000, 0);
	ts[0].tv_sec = 1100000000;
	ts[0].tv_nsec = 0;
	SHOW("futimens", futimens(fd, ts));
	times_of("target", "target", 1100000000, 0, 1300000000, 0);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	time_t now = time(NULL);
	SHOW("utimensat UTIME_NOW mtime", utimensat(AT_FDCWD, P("target"), ts, 0));
	stat(P("target"), &st);
	printf("mtime within 60 s of time(): %d, atime kept: %d\n",
	       st.st_mtim.tv_sec >= now - 60 && st.st_mtim.tv_sec <= now + 60,
	       st.st_atim.tv_sec == 1100000000);
	SHOW("utimensat missing", utimensat(AT_FDCWD, P("nothing"), NULL, 0));

	/* sync and statfs */
	SHOW("fsync", fsync(fd));
	SHOW("fdatasync", fdatasync(fd));
	sync();
	printf("sync: ok\n");
	struct statfs sf;
	memset(&sf, 0, sizeof sf);
	SHOW("statfs", statfs(dir, &sf));
	printf("f_bsize > 0: %d\n", sf.f_bsize > 0);
	memset(&sf, 0, sizeof sf);
	SHOW("fstatfs", fstatfs(fd, &sf));
	printf("f_bsize > 0: %d\n", sf.f_bsize > 0);
	close(fd);

	static const char *const names[] = {
		"l", "sub/up", "dangling", "newfile", "loop1", "loop2",
		"hard", "target",
	};
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(P(names[i]));
	SHOW("rmdir sub", rmdir(P("sub")));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
