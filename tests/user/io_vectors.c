/*
 * readv/writev and friends on pipes and /dev/null (docs/linux-abi.md §2: 19/20
 * readv/writev, 17 pread64; §3 errno values; UIO_MAXIOV = IOV_MAX = 1024):
 *   writev of 1024 one-byte iovecs into a pipe -> 1024, read back in order;
 *   writev with 1025 iovecs -> EINVAL, with -1 -> EINVAL, with 0 -> 0;
 *   an iov_len that is negative as a ssize_t -> EINVAL (nothing written);
 *   iovecs of length 0 (even with a NULL base) are skipped;
 *   readv scatters 10 bytes over buffers of 3, 0, 4 and 5 bytes;
 *   writev whose first iovec points at address 8 -> EFAULT; whose second
 *   does -> EFAULT as well on a pipe (the pipe stays empty: the read end is
 *   non-blocking, so a read says EAGAIN);
 *   readv into address 8 with data waiting -> EFAULT;
 *   pread / pwrite on a pipe -> ESPIPE; pread with a negative offset on a
 *   regular file -> EINVAL;
 *   writev to /dev/null returns the total; read from /dev/null -> 0;
 *   write of 0 bytes to a pipe -> 0, to a closed fd -> EBADF;
 *   read from the write end -> EBADF, write to the read end -> EBADF.
 */
#include "ftest.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>

#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); \
	printf("%s: %ld %s\n", label, _r, _r < 0 ? errno_name(errno) : ""); } while (0)

int main(int argc, char **argv)
{
	static struct iovec iov[1100];
	static char bytes[1100], back[1100];
	int p[2];

	(void)argc;
	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(p);
	fcntl(p[0], F_SETFL, O_NONBLOCK);	/* an empty pipe says EAGAIN, never blocks */

	for (int i = 0; i < 1100; i++) {
		bytes[i] = (char)(i * 7 + 1);
		iov[i].iov_base = &bytes[i];
		iov[i].iov_len = 1;
	}
	SHOW("writev 1024 iovecs", writev(p[1], iov, 1024));
	{
		ssize_t n = read(p[0], back, sizeof back);
		printf("read back %zd, in order %d\n", n, n == 1024 && memcmp(back, bytes, 1024) == 0);
	}
	SHOW("writev 1025 iovecs", writev(p[1], iov, 1025));
	SHOW("writev -1 iovecs", writev(p[1], iov, -1));
	SHOW("writev 0 iovecs", writev(p[1], iov, 0));
	{
		struct iovec big[2] = { { bytes, 2 }, { bytes, (size_t)-1 } };
		SHOW("writev, an iov_len with the sign bit set", writev(p[1], big, 2));
	}
	{
		struct iovec z[4] = { { NULL, 0 }, { bytes, 2 }, { NULL, 0 }, { bytes + 2, 1 } };
		SHOW("writev with zero-length iovecs", writev(p[1], z, 4));
		char b[8];
		SHOW("  read them", read(p[0], b, sizeof b));
	}
	{
		char a[3], b[1], c[4], d[5];
		struct iovec v[4] = { { a, 3 }, { b, 0 }, { c, 4 }, { d, 5 } };
		write(p[1], "0123456789", 10);
		SHOW("readv 10 bytes into 3+0+4+5", readv(p[0], v, 4));
		printf("  a \"%.3s\" c \"%.4s\" d \"%.3s\"\n", a, c, d);
	}
	{
		struct iovec v[2] = { { (void *)8, 4 }, { bytes, 4 } };
		SHOW("writev, first iovec at address 8", writev(p[1], v, 2));
		struct iovec w[2] = { { bytes, 4 }, { (void *)8, 4 } };
		SHOW("writev, second iovec at address 8", writev(p[1], w, 2));
		char b[16];
		SHOW("  bytes now in the pipe", read(p[0], b, sizeof b));
		write(p[1], "xyz", 3);
		struct iovec r[1] = { { (void *)8, 3 } };
		SHOW("readv into address 8", readv(p[0], r, 1));
		SHOW("  data still there", read(p[0], b, sizeof b));
	}
	{
		char b[4];
		SHOW("pread on a pipe", pread(p[0], b, 1, 0));
		SHOW("pwrite on a pipe", pwrite(p[1], b, 1, 0));
		int fd = open(argv[0], O_RDONLY);
		SHOW("pread, offset -1", pread(fd, b, 1, -1));
		SHOW("pread, offset 1", pread(fd, b, 3, 1));
		printf("  \"%.3s\"\n", b);
		close(fd);
	}
	{
		int n = open("/dev/null", O_RDWR);
		char b[4];
		SHOW("writev 1024 bytes to /dev/null", writev(n, iov, 1024));
		SHOW("read /dev/null", read(n, b, 4));
		close(n);
	}
	SHOW("write 0 bytes to a pipe", write(p[1], bytes, 0));
	SHOW("write to a closed fd", write(99, bytes, 1));
	SHOW("read the write end", read(p[1], back, 1));
	SHOW("write the read end", write(p[0], bytes, 1));
	return 0;
}
