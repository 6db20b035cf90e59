/*
 * splice_basic - splice(2), tee(2) and vmsplice(2) (Linux fs/splice.c):
 *   splice moves bytes between a pipe and a file (or two pipes) without
 *   user space; a file side may give an offset (used and updated, the
 *   file's own offset stays) or not (the file's offset moves); a pipe side
 *   may not (ESPIPE); neither side a pipe is EINVAL, and so is one pipe on
 *   both sides, an O_APPEND output or an unknown flag; an empty pipe with
 *   SPLICE_F_NONBLOCK is EAGAIN, and with no writer left it is 0 (EOF);
 *   tee copies a pipe's bytes into another pipe and leaves them in the
 *   first; vmsplice writes user memory into a pipe, or reads a pipe into
 *   user memory; a file is EBADF for it.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/uio.h>

#define F_NONBLOCK 2		/* SPLICE_F_NONBLOCK */

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

static long sp(int in, loff_t *oin, int out, loff_t *oout, size_t len, unsigned flags)
{
	return syscall(SYS_splice, in, oin, out, oout, len, flags);
}

static void drain(const char *label, int fd)
{
	char buf[64] = "";
	int fl = fcntl(fd, F_GETFL);
	long n;

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	n = read(fd, buf, sizeof buf - 1);
	fcntl(fd, F_SETFL, fl);
	printf("%s: %ld \"%s\"\n", label, n, n > 0 ? buf : "");
}

static void file_and_pipe(int file, int p[2])
{
	loff_t off = 2;
	char buf[16] = "";

	show("file -> pipe, 5 at offset 2", sp(file, &off, p[1], NULL, 5, 0));
	printf("offset now %ld, file offset %ld\n", (long)off, (long)lseek(file, 0, SEEK_CUR));
	drain("pipe holds", p[0]);
	write(p[1], "HELLO", 5);
	lseek(file, 3, SEEK_SET);
	show("pipe -> file at its offset", sp(p[0], NULL, file, NULL, 64, 0));
	printf("file offset %ld\n", (long)lseek(file, 0, SEEK_CUR));
	pread(file, buf, 15, 0);
	printf("file: \"%s\"\n", buf);
	lseek(file, 10, SEEK_SET);
	show("file -> pipe from its offset, to EOF", sp(file, NULL, p[1], NULL, 100, 0));
	printf("file offset %ld\n", (long)lseek(file, 0, SEEK_CUR));
	drain("pipe holds", p[0]);
}

static void pipes(int p[2], int q[2])
{
	write(p[1], "abcdef", 6);
	show("tee 4 from p to q", syscall(SYS_tee, p[0], q[1], 4, 0));
	drain("q holds", q[0]);
	show("pipe p -> pipe q, 3", sp(p[0], NULL, q[1], NULL, 3, 0));
	drain("q holds", q[0]);
	drain("p holds", p[0]);
	show("tee from an empty pipe, NONBLOCK", syscall(SYS_tee, p[0], q[1], 4, F_NONBLOCK));
	show("tee p to p", syscall(SYS_tee, p[0], p[1], 4, 0));
}

static void errors(int file, int p[2])
{
	int other = open("splice_file", O_RDWR), app = open("splice_file", O_WRONLY | O_APPEND);
	loff_t off = 0;

	show("file -> file", sp(file, NULL, other, NULL, 4, 0));
	show("offset on the pipe side", sp(p[0], &off, file, NULL, 4, 0));
	show("same pipe both sides", sp(p[0], NULL, p[1], NULL, 4, 0));
	show("empty pipe, NONBLOCK", sp(p[0], NULL, file, NULL, 4, F_NONBLOCK));
	show("flags 0x100", sp(p[0], NULL, file, NULL, 4, 0x100));
	show("len 0", sp(p[0], NULL, file, NULL, 0, 0));
	show("closed fd", sp(100, NULL, p[1], NULL, 4, 0));
	show("from the write end", sp(p[1], NULL, file, NULL, 4, 0));
	write(p[1], "xy", 2);
	show("to an O_APPEND file", sp(p[0], NULL, app, NULL, 4, 0));
	off = -1;
	show("negative file offset", sp(file, &off, p[1], NULL, 4, 0));
	show("tee from a file", syscall(SYS_tee, file, p[1], 4, 0));
	drain("pipe holds", p[0]);
	close(other);
	close(app);
}

static void vm(int file, int p[2])
{
	char a[] = "vm", b[] = "splice", in[16] = "";
	struct iovec out_iov[2] = { { a, 2 }, { b, 6 } }, in_iov = { in, 5 };

	show("vmsplice 2 iovecs into the pipe", syscall(SYS_vmsplice, p[1], out_iov, 2, 0));
	show("vmsplice the pipe into memory", syscall(SYS_vmsplice, p[0], &in_iov, 1, 0));
	printf("memory: \"%s\"\n", in);
	drain("pipe holds", p[0]);
	show("vmsplice a file", syscall(SYS_vmsplice, file, out_iov, 2, 0));
	show("vmsplice flags 0x100", syscall(SYS_vmsplice, p[1], out_iov, 2, 0x100));
}

int main(void)
{
	int file = open("splice_file", O_RDWR | O_CREAT | O_TRUNC, 0600), p[2], q[2];

	write(file, "0123456789abcdef", 16);
	pipe(p);
	pipe(q);
	file_and_pipe(file, p);
	pipes(p, q);
	errors(file, p);
	vm(file, p);
	close(p[1]);
	show("splice after the last writer closed", sp(p[0], NULL, file, NULL, 4, 0));
	unlink("splice_file");
	return 0;
}
