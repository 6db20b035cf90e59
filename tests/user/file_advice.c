/*
 * file_advice - the page-cache hints and range calls of a file (Linux
 * mm/fadvise.c, mm/readahead.c, fs/sync.c sync_file_range, fs/read_write.c
 * copy_file_range), through the raw system calls:
 *   fadvise64: every known advice is 0 on a file; EBADF, ESPIPE on a pipe,
 *     EINVAL for a negative length or an unknown advice;
 *   readahead: 0 on a file; EBADF for a bad or write-only fd, EINVAL on a
 *     pipe or a directory;
 *   sync_file_range: 0; EINVAL for unknown flags, a negative offset or
 *     length, a range that wraps; ESPIPE on a pipe; EBADF;
 *   copy_file_range: copies bytes and moves the offsets it was given (or
 *     the files' own); stops at EOF; EINVAL for flags, overlapping ranges
 *     in one file, a pipe; EISDIR; EBADF for a read-only output or an
 *     O_APPEND one; EXDEV from /proc to a file;
 *   fsync/fdatasync: 0 on a file or directory, EINVAL on a pipe, FIFO,
 *     socket or /dev/null.
 * Only return values and file contents are printed: what the cache holds
 * afterwards depends on the file system the test runs on.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/socket.h>

#define CLOSED_FD 100
#define KB 1024

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

static long fadvise(int fd, long off, long len, int advice)
{
	return syscall(SYS_fadvise64, fd, off, len, advice);
}

static long cfr(int in, loff_t *oin, int out, loff_t *oout, size_t len, unsigned flags)
{
	return syscall(SYS_copy_file_range, in, oin, out, oout, len, flags);
}

static void fadvise_cases(int fd, int pipe_rd)
{
	static const char *const names[] = { "NORMAL", "RANDOM", "SEQUENTIAL", "WILLNEED", "DONTNEED", "NOREUSE" };
	char label[64];

	for (int a = 0; a < 6; a++) {
		snprintf(label, sizeof label, "fadvise %s", names[a]);
		show(label, fadvise(fd, 0, 0, a));
	}
	show("fadvise WILLNEED past EOF", fadvise(fd, 1L << 40, 4096, 3));
	show("fadvise negative offset", fadvise(fd, -4096, 4096, 0));
	show("fadvise negative len", fadvise(fd, 0, -1, 0));
	show("fadvise advice 6", fadvise(fd, 0, 0, 6));
	show("fadvise advice -1", fadvise(fd, 0, 0, -1));
	show("fadvise closed fd", fadvise(CLOSED_FD, 0, 0, 0));
	show("fadvise pipe", fadvise(pipe_rd, 0, 0, 0));
	show("fadvise pipe, bad advice", fadvise(pipe_rd, 0, 0, 99));
}

static long ra(int fd, long off, long count)
{
	return syscall(SYS_readahead, fd, off, count);
}

static void readahead_cases(int fd, int wronly, int pipe_rd, int dir)
{
	show("readahead file", ra(fd, 0, 65536));
	show("readahead past EOF", ra(fd, 1L << 40, 4096));
	show("readahead closed fd", ra(CLOSED_FD, 0, 4096));
	show("readahead write-only fd", ra(wronly, 0, 4096));
	show("readahead pipe", ra(pipe_rd, 0, 4096));
	show("readahead directory", ra(dir, 0, 4096));
}

static long sfr(int fd, long off, long nbytes, unsigned flags)
{
	return syscall(SYS_sync_file_range, fd, off, nbytes, flags);	/* longs: a negative int would reach the kernel as 2^32 - n */
}

static void sync_range_cases(int fd, int pipe_rd)
{
	show("sync_file_range WRITE", sfr(fd, 0, 0, 2));
	show("sync_file_range all 3 flags", sfr(fd, 0, 4096, 7));
	show("sync_file_range flags 0", sfr(fd, 0, 4096, 0));
	show("sync_file_range flag 8", sfr(fd, 0, 4096, 8));
	show("sync_file_range negative offset", sfr(fd, -1, 4096, 2));
	show("sync_file_range negative nbytes", sfr(fd, 0, -4096, 2));
	show("sync_file_range wraps", sfr(fd, 0x7ffffffffffff000L, 0x2000, 2));
	show("sync_file_range pipe", sfr(pipe_rd, 0, 4096, 2));
	show("sync_file_range closed fd", sfr(CLOSED_FD, 0, 4096, 2));
}

/* fsync needs a file system's file: pipes, FIFOs, sockets and devices are EINVAL (Linux vfs_fsync). */
static void fsync_cases(int fd, int dir, int pipe_rd)
{
	int sv[2], fifo, null = open("/dev/null", O_RDWR);

	mkfifo("advice_fifo", 0600);
	fifo = open("advice_fifo", O_RDWR);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	show("fsync file", fsync(fd));
	show("fdatasync file", fdatasync(fd));
	show("fsync directory", fsync(dir));
	show("fsync pipe", fsync(pipe_rd));
	show("fsync FIFO", fsync(fifo));
	show("fdatasync FIFO", fdatasync(fifo));
	show("fsync socket", fsync(sv[0]));
	show("fsync /dev/null", fsync(null));
	unlink("advice_fifo");
}

static void print_file(const char *label, int fd)
{
	char buf[64] = "";
	long n = pread(fd, buf, sizeof buf - 1, 0);

	for (long i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = '.';		/* a hole reads as zeros */

	printf("%s: %ld bytes \"%s\"\n", label, n, n > 0 ? buf : "");
}

static void copy_cases(int dir, int pipe_rd)
{
	int in = open("cfr_in", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int out = open("cfr_out", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int ro = open("cfr_out", O_RDONLY), app = open("cfr_out", O_WRONLY | O_APPEND);
	int proc = open("/proc/self/status", O_RDONLY);
	loff_t oin = 4, oout = 2;

	write(in, "0123456789abcdef", 16);
	show("copy 6 at in+4 to out+2", cfr(in, &oin, out, &oout, 6, 0));
	printf("offsets now %ld %ld, file offsets %ld %ld\n", (long)oin, (long)oout,
	       (long)lseek(in, 0, SEEK_CUR), (long)lseek(out, 0, SEEK_CUR));
	print_file("out", out);
	lseek(in, 10, SEEK_SET);
	lseek(out, 0, SEEK_SET);
	show("copy 100 from the file offsets (stops at EOF)", cfr(in, NULL, out, NULL, 100, 0));
	printf("file offsets now %ld %ld\n", (long)lseek(in, 0, SEEK_CUR), (long)lseek(out, 0, SEEK_CUR));
	print_file("out", out);
	oin = 16;
	show("copy at EOF", cfr(in, &oin, out, NULL, 10, 0));
	show("copy 0 bytes", cfr(in, NULL, out, NULL, 0, 0));
	show("copy flags 1", cfr(in, NULL, out, NULL, 4, 1));
	oin = 0, oout = 4;
	show("copy overlapping in one file", cfr(in, &oin, in, &oout, 8, 0));
	oin = 0, oout = 8;
	show("copy disjoint in one file", cfr(in, &oin, in, &oout, 8, 0));
	print_file("in", in);
	oin = -1;
	show("copy negative offset", cfr(in, &oin, out, NULL, 4, 0));
	show("copy to a read-only fd", cfr(in, NULL, ro, NULL, 4, 0));
	show("copy to an O_APPEND fd", cfr(in, NULL, app, NULL, 4, 0));
	show("copy from a directory", cfr(dir, NULL, out, NULL, 4, 0));
	show("copy from a pipe", cfr(pipe_rd, NULL, out, NULL, 4, 0));
	show("copy from a closed fd", cfr(CLOSED_FD, NULL, out, NULL, 4, 0));
	show("copy from /proc", cfr(proc, NULL, out, NULL, 4, 0));
	show("copy with a bad offset pointer", cfr(in, (loff_t *)8, out, NULL, 4, 0));
	unlink("cfr_in");
	unlink("cfr_out");
}

int main(void)
{
	int fd = open("advice_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int wronly = open("advice_file", O_WRONLY), dir = open(".", O_RDONLY | O_DIRECTORY);
	int p[2];
	char block[4 * KB];

	memset(block, 'x', sizeof block);
	for (int i = 0; i < 16; i++)
		write(fd, block, sizeof block);
	pipe(p);
	fadvise_cases(fd, p[0]);
	readahead_cases(fd, wronly, p[0], dir);
	sync_range_cases(fd, p[0]);
	fsync_cases(fd, dir, p[0]);
	copy_cases(dir, p[0]);
	unlink("advice_file");
	return 0;
}
