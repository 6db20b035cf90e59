/*
 * preadv_pwritev - vectored I/O at an offset: pwritev and preadv move
 * data at the given offset and leave the file position alone; preadv2 and
 * pwritev2 with offset -1 use (and advance) the position; a negative
 * offset is EINVAL, a pipe ESPIPE, an unknown RWF_ flag EOPNOTSUPP.
 */
#include "fsutil.h"
#include <fcntl.h>
#include <sys/uio.h>

/* musl has no preadv2/pwritev2 wrappers: the raw calls (offset in pos_l). */
#define RWF_DSYNC_FLAG 0x2
static long preadv2_(int fd, struct iovec *v, int n, long pos, int flags)
{
	return syscall(SYS_preadv2, fd, v, n, pos, 0, flags);
}
static long pwritev2_(int fd, struct iovec *v, int n, long pos, int flags)
{
	return syscall(SYS_pwritev2, fd, v, n, pos, 0, flags);
}

static void show(const char *what, long r)
{
	printf("%-48s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

int main(void)
{
	char dir[64], path[128], a[8] = "abc", b[8] = "defg", x[8] = { 0 }, y[8] = { 0 };
	struct iovec w[2] = { { a, 3 }, { b, 4 } }, r[2] = { { x, 2 }, { y, 5 } };
	int p[2];

	make_tmpdir(dir, sizeof(dir), "preadv_pwritev");
	snprintf(path, sizeof(path), "%s/f", dir);
	int fd = open(path, O_RDWR | O_CREAT, 0600);
	show("pwritev(2 iovecs at offset 10)", pwritev(fd, w, 2, 10));
	show("  file position after it", lseek(fd, 0, SEEK_CUR));
	show("  file size", lseek(fd, 0, SEEK_END));
	lseek(fd, 0, SEEK_SET);
	show("preadv(2 iovecs at offset 10)", preadv(fd, r, 2, 10));
	printf("  read: %.2s|%.5s\n", x, y);
	show("preadv at offset 16 (1 byte left)", preadv(fd, r, 2, 16));
	show("preadv past the end", preadv(fd, r, 2, 100));
	show("preadv(offset -1)", preadv(fd, r, 2, -1));
	show("preadv2(offset -1, flags 0): the position", preadv2_(fd, r, 2, -1, 0));
	show("  file position after it", lseek(fd, 0, SEEK_CUR));
	show("pwritev2(offset 0, RWF_DSYNC)", pwritev2_(fd, w, 1, 0, RWF_DSYNC_FLAG));
	show("preadv2(offset 0, flags 0x80000000)", preadv2_(fd, r, 2, 0, (int)0x80000000));
	if (pipe(p))
		return 1;
	show("preadv(pipe)", preadv(p[0], r, 2, 0));
	show("preadv(closed fd)", preadv(999, r, 2, 0));
	close(fd);
	cleanup(dir);
	return 0;
}
