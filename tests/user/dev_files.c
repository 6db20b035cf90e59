/*
 * The standard memory character devices (Linux drivers/char/mem.c;
 * docs/linux-abi.md §2 stat layout: st_rdev at offset 40; §3 errno values):
 *   /dev/null: S_ISCHR, rdev 1:3; reads 0 bytes, writes succeed with the
 *     full count; also reached as "/dev//null", "/dev/./null",
 *     "/tmp/../dev/null" and, with the cwd at /dev, as "null";
 *   /dev/zero: rdev 1:5; a read fills the buffer with zeros; writes
 *     succeed; a MAP_PRIVATE mapping of it reads zeros and is writable;
 *   /dev/full: rdev 1:7; reads zeros; a write -> ENOSPC;
 *   /dev/urandom (1:9) and /dev/random (1:8): a 32-byte read returns 32,
 *     and two reads differ.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int open_show(const char *path, int flags)
{
	struct stat st;

	errno = 0;
	int fd = open(path, flags);
	if (fd < 0) {
		printf("%s: open %s\n", path, errno_name(errno));
		return fd;
	}
	fstat(fd, &st);
	printf("%s: S_ISCHR %d rdev %u:%u\n", path, S_ISCHR(st.st_mode), major(st.st_rdev),
	       minor(st.st_rdev));
	return fd;
}

int main(void)
{
	unsigned char buf[4096], buf2[32];
	ssize_t n;

	setvbuf(stdout, NULL, _IONBF, 0);

	int fd = open_show("/dev/null", O_RDWR);
	if (fd >= 0) {
		printf("  read %zd write %zd\n", read(fd, buf, sizeof buf), write(fd, buf, 1000));
		close(fd);
	}
	static const char *alias[] = { "/dev//null", "/dev/./null", "/tmp/../dev/null" };
	for (int i = 0; i < 3; i++) {
		errno = 0;
		fd = open(alias[i], O_RDONLY);
		printf("%s: %s\n", alias[i], fd >= 0 ? "ok" : errno_name(errno));
		if (fd >= 0)
			close(fd);
	}
	chdir("/dev");
	errno = 0;
	fd = open("null", O_RDONLY);
	printf("cwd /dev, \"null\": %s\n", fd >= 0 ? "ok" : errno_name(errno));
	if (fd >= 0)
		close(fd);
	chdir("/");

	fd = open_show("/dev/zero", O_RDWR);
	if (fd >= 0) {
		memset(buf, 0xff, sizeof buf);
		n = read(fd, buf, sizeof buf);
		int zero = 1;
		for (size_t i = 0; i < sizeof buf; i++)
			zero &= buf[i] == 0;
		printf("  read %zd all zero %d write %zd\n", n, zero, write(fd, buf, 100));
		errno = 0;
		unsigned char *m = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED) {
			printf("  mmap: %s\n", errno_name(errno));
		} else {
			int z = m[0] == 0 && m[PAGE_SIZE + 7] == 0;
			m[5] = 42;
			printf("  mmap: zeros %d writable %d\n", z, m[5] == 42);
			munmap(m, 2 * PAGE_SIZE);
		}
		close(fd);
	}

	fd = open_show("/dev/full", O_RDWR);
	if (fd >= 0) {
		memset(buf, 0xff, 16);
		n = read(fd, buf, 16);
		printf("  read %zd zero %d\n", n, buf[0] == 0 && buf[15] == 0);
		errno = 0;
		n = write(fd, buf, 16);
		printf("  write %zd %s\n", n, n < 0 ? errno_name(errno) : "");
		close(fd);
	}

	static const char *rnd[] = { "/dev/urandom", "/dev/random" };
	for (int i = 0; i < 2; i++) {
		fd = open_show(rnd[i], O_RDONLY);
		if (fd >= 0) {
			memset(buf, 0, 32);
			memset(buf2, 0, 32);
			ssize_t a = read(fd, buf, 32), b = read(fd, buf2, 32);
			printf("  reads %zd %zd differ %d\n", a, b, memcmp(buf, buf2, 32) != 0);
			close(fd);
		}
	}
	return 0;
}
