/*
 * fallocate_basic - fallocate(2) as a program sees it on Linux's usual file
 * systems (ext4, xfs, tmpfs; faultline's ext2 and memfd: mm/filemap.c
 * generic_fallocate): mode 0 extends the file with zeros and keeps the
 * data; KEEP_SIZE leaves the size; PUNCH_HOLE|KEEP_SIZE reads back zeros
 * and keeps the size; a memfd grows too.  vfs_fallocate's errors: PUNCH_HOLE
 * without KEEP_SIZE or an unknown bit EOPNOTSUPP, len 0 or a negative
 * offset EINVAL, a read-only fd EBADF, a pipe ESPIPE, /dev/null ENODEV,
 * offset + len past the largest file EFBIG.  Sizes and contents are
 * printed, never st_blocks (file systems count blocks differently).
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/mman.h>

#define KB 1024L
#define KEEP_SIZE 0x01
#define PUNCH_HOLE 0x02

static long falloc(int fd, int mode, long off, long len)
{
	return syscall(SYS_fallocate, fd, mode, off, len);
}

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

static long size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_size;
}

/* What the bytes of [off, off+len) are: "zeros", "data" (all 'd') or "mixed". */
static const char *contents(int fd, long off, long len)
{
	static char buf[64 * 1024];
	long n = pread(fd, buf, len, off), zeros = 0, data = 0;

	for (long i = 0; i < n; i++) {
		zeros += buf[i] == 0;
		data += buf[i] == 'd';
	}
	if (n != len)
		return "short read";
	return zeros == n ? "zeros" : data == n ? "data" : "mixed";
}

static void modes(int fd)
{
	show("mode 0, 8K..24K (past the end)", falloc(fd, 0, 8 * KB, 16 * KB));
	printf("size %ld, 0..8K %s, 8K..24K %s\n", size_of(fd), contents(fd, 0, 8 * KB), contents(fd, 8 * KB, 16 * KB));
	show("KEEP_SIZE, 0..64K", falloc(fd, KEEP_SIZE, 0, 64 * KB));
	printf("size %ld, 0..8K %s\n", size_of(fd), contents(fd, 0, 8 * KB));
	show("mode 0 inside the file", falloc(fd, 0, 0, 4 * KB));
	printf("size %ld, 0..8K %s\n", size_of(fd), contents(fd, 0, 8 * KB));
	show("PUNCH_HOLE|KEEP_SIZE, 4K..8K", falloc(fd, PUNCH_HOLE | KEEP_SIZE, 4 * KB, 4 * KB));
	printf("size %ld, 0..4K %s, 4K..8K %s\n", size_of(fd), contents(fd, 0, 4 * KB), contents(fd, 4 * KB, 4 * KB));
	show("PUNCH_HOLE|KEEP_SIZE past the end", falloc(fd, PUNCH_HOLE | KEEP_SIZE, 20 * KB, 40 * KB));
	printf("size %ld\n", size_of(fd));
}

static void errors(int fd, const char *path)
{
	int ro = open(path, O_RDONLY), devnull = open("/dev/null", O_WRONLY), p[2];

	pipe(p);
	show("PUNCH_HOLE alone", falloc(fd, PUNCH_HOLE, 0, 4 * KB));
	show("mode 0x80", falloc(fd, 0x80, 0, 4 * KB));
	show("len 0", falloc(fd, 0, 0, 0));
	show("len -1", falloc(fd, 0, 0, -1));
	show("offset -1", falloc(fd, 0, -1, 4 * KB));
	show("read-only fd", falloc(ro, 0, 0, 4 * KB));
	show("closed fd", falloc(100, 0, 0, 4 * KB));
	show("pipe", falloc(p[1], 0, 0, 4 * KB));
	show("/dev/null", falloc(devnull, 0, 0, 4 * KB));
	show("past the largest file", falloc(fd, 0, 0x7ffffffffffff000L, 0x2000));
	close(ro);
	close(devnull);
}

int main(void)
{
	const char *path = "falloc_file";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), mfd;
	char data[8 * KB];

	memset(data, 'd', sizeof data);
	write(fd, data, sizeof data);
	modes(fd);
	errors(fd, path);
	mfd = memfd_create("falloc", 0);
	show("memfd mode 0, 0..8K", falloc(mfd, 0, 0, 8 * KB));
	printf("memfd size %ld, %s\n", size_of(mfd), contents(mfd, 0, 8 * KB));
	show("memfd KEEP_SIZE 0..64K", falloc(mfd, KEEP_SIZE, 0, 64 * KB));
	printf("memfd size %ld\n", size_of(mfd));
	unlink(path);
	return 0;
}
