/*
 * Path resolution and file-system calls that need no writable file system
 * (docs/linux-abi.md §2: 21 access, 74/75 fsync/fdatasync, 76/77 truncate/
 * ftruncate, 78 getdents, 81 fchdir, 89 readlink, 267 readlinkat,
 * 269 faccessat, 332 statx; §3 errno values; §11 AT_FDCWD -100,
 * AT_EMPTY_PATH 0x1000).  P is this program's own path made absolute.
 *   stat(P) is a regular file; "P/" and "P/." -> ENOTDIR;
 *   "/.//./" and "/.." are the root (same st_ino as "/");
 *   a 256-byte component -> ENAMETOOLONG; a 5000-byte path ->
 *   ENAMETOOLONG; a 3000-byte path of "/." pieces is fine;
 *   openat(fd of "/", P without its leading '/') works (same st_ino); with
 *   the cwd at /dev, fstatat(fd of "/", P+1) still resolves from "/", and
 *   openat(AT_FDCWD, "null") from /dev;
 *   fstatat(AT_EMPTY_PATH) on an fd = fstat;
 *   access / faccessat(R_OK) on P -> 0; the raw faccessat syscall has no
 *   flags argument (that is faccessat2), so flags 0x1234 are ignored -> 0;
 *   access of a missing file -> ENOENT;
 *   readlink / readlinkat of P (not a symlink) -> EINVAL, of a missing
 *   file -> ENOENT;
 *   fchdir to an fd of "/" -> 0 (getcwd "/"), to a file fd -> ENOTDIR, to
 *   fd 99 -> EBADF;
 *   statx(P): 0, stx_size and stx_mode equal stat's; statx(fd,
 *   AT_EMPTY_PATH) the same;
 *   fsync of P's fd -> 0; fsync of a pipe -> EINVAL; fdatasync of
 *   /dev/null -> EINVAL;
 *   ftruncate of a pipe -> EINVAL, of an O_RDONLY fd -> EINVAL;
 *   truncate of a missing file -> ENOENT, of "/" -> EISDIR;
 *   the old getdents (78) on "/" returns > 0 bytes;
 *   lseek(SEEK_SET 0) on a directory fd -> 0.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

/* The kernel's struct statx (musl 1.2.3 has no wrapper): 256 bytes. */
struct kstatx {
	unsigned stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, spare0;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	unsigned char rest[256 - 64];
};
#define KSTATX_BASIC_STATS 0x7ffU

#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); \
	printf("%s: %s\n", label, _r < 0 ? errno_name(errno) : "ok"); } while (0)

int main(int argc, char **argv)
{
	char P[4096], buf[8192];
	struct stat st, st2, root;
	int p[2];

	(void)argc;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argv[0][0] == '/') {
		snprintf(P, sizeof P, "%s", argv[0]);
	} else {
		char cwd[2048];
		getcwd(cwd, sizeof cwd);
		snprintf(P, sizeof P, "%s/%s", strcmp(cwd, "/") ? cwd : "", argv[0]);
	}

	stat(P, &st);
	printf("stat(P): S_ISREG %d\n", S_ISREG(st.st_mode));
	snprintf(buf, sizeof buf, "%s/", P);
	SHOW("stat(\"P/\")", stat(buf, &st2));
	snprintf(buf, sizeof buf, "%s/.", P);
	SHOW("stat(\"P/.\")", stat(buf, &st2));
	stat("/", &root);
	stat("/.//./", &st2);
	printf("\"/.//./\" is the root %d\n", S_ISDIR(st2.st_mode) && st2.st_ino == root.st_ino);
	stat("/..", &st2);
	printf("\"/..\" is the root %d\n", st2.st_ino == root.st_ino);
	memset(buf, 0, sizeof buf);
	buf[0] = '/';
	memset(buf + 1, 'a', 256);
	SHOW("256-byte component", stat(buf, &st2));
	memset(buf + 1, 'a', 5000);
	buf[5001] = 0;
	SHOW("5000-byte path", stat(buf, &st2));
	{
		size_t n = 0;
		while (n + 2 < 3000) {
			buf[n++] = '/';
			buf[n++] = '.';
		}
		buf[n] = 0;
		errno = 0;
		int r = stat(buf, &st2);
		printf("3000-byte \"/./.\" path: %s, the root %d\n", r ? errno_name(errno) : "ok",
		       r == 0 && st2.st_ino == root.st_ino);
	}

	int dfd = open("/", O_RDONLY | O_DIRECTORY);
	int ffd = open(P, O_RDONLY);
	{
		memset(&st2, 0, sizeof st2);
		errno = 0;
		int fd = openat(dfd, P + 1, O_RDONLY), e = errno;
		if (fd >= 0)
			fstat(fd, &st2);
		printf("openat(\"/\" fd, P+1): %s same inode %d\n", fd < 0 ? errno_name(e) : "ok",
		       st2.st_ino == st.st_ino);
		if (fd >= 0)
			close(fd);
		chdir("/dev");
		memset(&st2, 0, sizeof st2);
		errno = 0;
		int r = fstatat(dfd, P + 1, &st2, 0);
		printf("cwd /dev, fstatat(\"/\" fd, P+1): %s same inode %d\n", r ? errno_name(errno) : "ok",
		       st2.st_ino == st.st_ino);
		errno = 0;
		fd = openat(AT_FDCWD, "null", O_RDONLY);
		printf("cwd /dev, openat(AT_FDCWD, \"null\"): %s\n", fd < 0 ? errno_name(errno) : "ok");
		if (fd >= 0)
			close(fd);
		chdir("/");
	}
	memset(&st2, 0, sizeof st2);
	errno = 0;
	int r = fstatat(ffd, "", &st2, AT_EMPTY_PATH);
	printf("fstatat(fd, \"\", AT_EMPTY_PATH): %s, same inode %d\n", r ? errno_name(errno) : "ok",
	       st2.st_ino == st.st_ino);

	SHOW("access(P, R_OK)", access(P, R_OK));
	SHOW("faccessat(AT_FDCWD, P, R_OK, 0)", faccessat(AT_FDCWD, P, R_OK, 0));
	SHOW("faccessat flags 0x1234", syscall(SYS_faccessat, AT_FDCWD, P, R_OK, 0x1234));
	SHOW("access(missing)", access("/nonexistent-faultline", F_OK));

	SHOW("readlink(P)", readlink(P, buf, sizeof buf));
	SHOW("readlink(missing)", readlink("/nonexistent-faultline", buf, sizeof buf));
	SHOW("readlinkat(AT_FDCWD, P)", readlinkat(AT_FDCWD, P, buf, sizeof buf));

	SHOW("fchdir(\"/\" fd)", fchdir(dfd));
	printf("  getcwd \"%s\"\n", getcwd(buf, sizeof buf) ? buf : "?");
	SHOW("fchdir(file fd)", fchdir(ffd));
	SHOW("fchdir(99)", fchdir(99));

	{
		struct kstatx sx;
		memset(&sx, 0, sizeof sx);
		errno = 0;
		r = syscall(SYS_statx, AT_FDCWD, P, 0, KSTATX_BASIC_STATS, &sx);
		printf("statx(P): %s size same %d mode same %d ino same %d\n", r ? errno_name(errno) : "ok",
		       sx.stx_size == (unsigned long)st.st_size, sx.stx_mode == st.st_mode,
		       sx.stx_ino == st.st_ino);
		memset(&sx, 0, sizeof sx);
		errno = 0;
		r = syscall(SYS_statx, ffd, "", AT_EMPTY_PATH, KSTATX_BASIC_STATS, &sx);
		printf("statx(fd, AT_EMPTY_PATH): %s size same %d\n", r ? errno_name(errno) : "ok",
		       sx.stx_size == (unsigned long)st.st_size);
	}

	pipe(p);
	int nul = open("/dev/null", O_RDWR);
	SHOW("fsync(P fd)", fsync(ffd));
	SHOW("fsync(pipe)", fsync(p[1]));
	SHOW("fdatasync(/dev/null)", fdatasync(nul));
	SHOW("ftruncate(pipe)", ftruncate(p[1], 0));
	SHOW("ftruncate(O_RDONLY fd)", ftruncate(ffd, 0));
	SHOW("truncate(missing)", truncate("/nonexistent-faultline", 0));
	SHOW("truncate(\"/\")", truncate("/", 0));

	{
		long n = syscall(SYS_getdents, dfd, buf, sizeof buf);
		printf("getdents(\"/\"): > 0 bytes %d%s%s\n", n > 0, n < 0 ? " " : "",
		       n < 0 ? errno_name(errno) : "");
	}
	SHOW("lseek(dir fd, 0, SEEK_SET)", lseek(dfd, 0, SEEK_SET));
	return 0;
}
