/*
 * sendfile_basic - sendfile(2) (fs/read_write.c do_sendfile). Expected:
 * file -> file copies count bytes from the input's offset, moving both
 * offsets; with an offset pointer the input's own offset stays and
 * *offset moves; at end of file it returns what was left, then 0; count 0
 * is 0. file -> pipe moves what fits: a 100000-byte file into an empty
 * pipe gives 65536, then a non-blocking pipe that is full gives EAGAIN.
 * A memfd works as input and output. Errors: a bad or write-only input
 * EBADF, a read-only output EBADF, an offset pointer on a pipe input
 * ESPIPE, a pipe as input EINVAL, a negative offset EINVAL, an O_APPEND
 * output EINVAL, a bad offset pointer EFAULT; a pipe with no reader gives
 * EPIPE (SIGPIPE ignored).
 */
#include "fsutil.h"
#include <sys/sendfile.h>

int main(void)
{
	char dir[64], a[96], b[96], buf[128] = { 0 };
	static char big[100000];
	int in, out, p[2], mfd, wo;
	off_t off;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	make_tmpdir(dir, sizeof dir, "sendfile");
	in = open(path_in(a, sizeof a, dir, "in"), O_CREAT | O_RDWR, 0600);
	write(in, "0123456789abcdefghij", 20);
	lseek(in, 5, SEEK_SET);
	out = open(path_in(b, sizeof b, dir, "out"), O_CREAT | O_RDWR, 0600);
	write(out, "OUT:", 4);

	SHOWN("file -> file, 8 from offset 5", sendfile(out, in, NULL, 8));
	SHOWN("in offset", lseek(in, 0, SEEK_CUR));
	SHOWN("out offset", lseek(out, 0, SEEK_CUR));
	off = 2;
	SHOWN("with *offset 2, count 3", sendfile(out, in, &off, 3));
	printf("*offset %ld, in offset %ld\n", (long)off, (long)lseek(in, 0, SEEK_CUR));
	SHOWN("count 100 near the end", sendfile(out, in, NULL, 100));
	SHOWN("at the end", sendfile(out, in, NULL, 100));
	SHOWN("count 0", sendfile(out, in, NULL, 0));
	pread(out, buf, sizeof buf - 1, 0);
	printf("out: %s\n", buf);

	pipe(p);
	memset(big, 'q', sizeof big);
	lseek(in, 0, SEEK_SET);
	ftruncate(in, 0);
	write(in, big, sizeof big);
	off = 0;
	SHOWN("file -> empty pipe, 100000", sendfile(p[1], in, &off, sizeof big));
	printf("*offset %ld\n", (long)off);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	SHOWN("into the full non-blocking pipe", sendfile(p[1], in, &off, 10));
	SHOWN("read it back", read(p[0], big, sizeof big));

	mfd = syscall(SYS_memfd_create, "sf", 0);
	off = 0;
	SHOWN("file -> memfd, 1000", sendfile(mfd, in, &off, 1000));
	lseek(mfd, 0, SEEK_SET);
	SHOWN("memfd -> pipe", sendfile(p[1], mfd, NULL, 5000));
	SHOWN("read it back", read(p[0], big, sizeof big));

	wo = open(a, O_WRONLY);
	SHOW("bad input fd", sendfile(out, 999, NULL, 1));
	SHOW("write-only input", sendfile(out, wo, NULL, 1));
	SHOW("read-only output (the pipe's read end)", sendfile(p[0], in, NULL, 1));
	SHOW("bad output fd", sendfile(999, in, NULL, 1));
	off = 0;
	SHOW("pipe input with *offset", sendfile(out, p[0], &off, 1));
	write(p[1], "zz", 2);
	SHOW("pipe input", sendfile(out, p[0], NULL, 1));
	off = -1;
	SHOW("negative *offset", sendfile(out, in, &off, 1));
	SHOW("bad offset pointer", sendfile(out, in, (off_t *)8, 1));
	fcntl(out, F_SETFL, O_APPEND);
	SHOW("O_APPEND output", sendfile(out, in, NULL, 1));
	close(p[0]);
	{
		int q[2];
		pipe(q);
		close(q[0]);
		off = 0;
		SHOW("pipe without a reader", sendfile(q[1], in, &off, 10));
		close(q[1]);
	}
	close(in);
	close(out);
	close(wo);
	close(mfd);
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
