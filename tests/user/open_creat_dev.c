/*
 * open(O_CREAT) of a name that is already a device node opens the device
 * (Linux fs/namei.c open_last_lookups: an existing name is opened as any
 * other; O_CREAT only matters when the name is free).  A shell's
 * "> /dev/null" or "> /dev/ttyS3" is exactly this call.
 *   O_WRONLY|O_CREAT|O_TRUNC on /dev/null: still S_ISCHR 1:3, writes succeed;
 *   O_RDWR|O_CREAT on /dev/zero: reads zeros;
 *   O_WRONLY|O_CREAT on /dev/full: a write gets ENOSPC (the driver is reached);
 *   O_CREAT|O_EXCL on /dev/null: EEXIST;
 *   "/dev//null" and, from cwd /dev, "null" with O_CREAT: the device too;
 *   afterwards /dev/null is still the device, not a new regular file.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int open_creat(const char *path, int flags)
{
	struct stat st;

	errno = 0;
	int fd = open(path, flags | O_CREAT, 0644);
	if (fd < 0) {
		printf("%s: open %s\n", path, errno_name(errno));
		return fd;
	}
	fstat(fd, &st);
	printf("%s: S_ISCHR %d S_ISREG %d rdev %u:%u\n", path, S_ISCHR(st.st_mode), S_ISREG(st.st_mode),
	       major(st.st_rdev), minor(st.st_rdev));
	return fd;
}

static void show_write(int fd, const char *what)
{
	errno = 0;
	ssize_t n = write(fd, "hello\n", 6);
	printf("  write %s: %zd %s\n", what, n, n < 0 ? errno_name(errno) : "");
}

int main(void)
{
	unsigned char buf[8];
	struct stat st;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	if ((fd = open_creat("/dev/null", O_WRONLY | O_TRUNC)) >= 0) {
		show_write(fd, "null");
		close(fd);
	}
	if ((fd = open_creat("/dev/zero", O_RDWR)) >= 0) {
		memset(buf, 0xAA, sizeof buf);
		ssize_t n = read(fd, buf, sizeof buf);
		printf("  read zero: %zd, bytes %s\n", n, buf[0] == 0 && buf[7] == 0 ? "zero" : "not zero");
		close(fd);
	}
	if ((fd = open_creat("/dev/full", O_WRONLY)) >= 0) {
		show_write(fd, "full");
		close(fd);
	}
	if ((fd = open_creat("/dev/null", O_WRONLY | O_EXCL)) >= 0)
		close(fd);
	if ((fd = open_creat("/dev//null", O_WRONLY)) >= 0)
		close(fd);
	chdir("/dev");
	if ((fd = open_creat("null", O_WRONLY | O_APPEND)) >= 0)
		close(fd);
	chdir("/");
	errno = 0;
	if (stat("/dev/null", &st) == 0)
		printf("stat /dev/null: S_ISCHR %d size %lld\n", S_ISCHR(st.st_mode), (long long)st.st_size);
	else
		printf("stat /dev/null: %s\n", errno_name(errno));
	return 0;
}
