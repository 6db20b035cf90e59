/*
 * Directories (docs/linux-abi.md §2, §3, §11): open("/", O_RDONLY|O_DIRECTORY)
 * works; read() on it -> EISDIR; open("/", O_WRONLY) -> EISDIR;
 * getdents64 on it lists "." and ".." and more than two entries (only those
 * facts are printed: the other names differ between hosts), and a second
 * call at the end returns 0; getdents64 on a regular file -> ENOTDIR, on a
 * bad fd -> EBADF; stat("/") is S_ISDIR.  chdir("/") then getcwd -> "/";
 * chdir to a regular file -> ENOTDIR; to a nonexistent path -> ENOENT (the
 * cwd stays "/"); getcwd with a 1-byte buffer -> ERANGE.
 */
#include "ftest.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

static void show2(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	char cwd[4096];
	struct stat st;
	int dot = 0, dotdot = 0, count = 0, dot_is_dir = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	printf("open / O_DIRECTORY: ok %d\n", fd >= 0);
	show2("read on a directory", read(fd, buf, 16));
	show2("open / O_WRONLY", open("/", O_WRONLY));
	show2("open / O_RDWR", open("/", O_RDWR));

	long n;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			count++;
			if (!strcmp(d->d_name, ".")) {
				dot = 1;
				dot_is_dir = d->d_type == DT_DIR;
			}
			if (!strcmp(d->d_name, ".."))
				dotdot = 1;
			off += d->d_reclen;
		}
	}
	printf("getdents64 /: last %ld \".\" %d (DT_DIR %d) \"..\" %d more than two %d\n",
	       n, dot, dot_is_dir, dotdot, count > 2);
	show("getdents64 again at the end", syscall(SYS_getdents64, fd, buf, sizeof buf));
	close(fd);

	int f = open(argv[0], O_RDONLY);
	show2("getdents64 on a file", syscall(SYS_getdents64, f, buf, sizeof buf));
	close(f);
	show2("getdents64 on a closed fd", syscall(SYS_getdents64, f, buf, sizeof buf));

	show("stat /", stat("/", &st));
	printf("/ is S_ISDIR %d\n", S_ISDIR(st.st_mode));

	show("chdir /", chdir("/"));
	printf("getcwd \"%s\"\n", getcwd(cwd, sizeof cwd));
	show2("chdir to a file", chdir(argv[0]));
	show2("chdir nonexistent", chdir("/nonexistent-faultline"));
	printf("getcwd still \"%s\"\n", getcwd(cwd, sizeof cwd));
	show2("getcwd size 1", syscall(SYS_getcwd, cwd, 1));
	return 0;
}
