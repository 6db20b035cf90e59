/*
 * Pipe flags and broken pipes (docs/linux-abi.md §3, §4, §11):
 *   F_GETFL & O_ACCMODE: read end O_RDONLY, write end O_WRONLY; FD_CLOEXEC
 *   clear after pipe(), set on both ends after pipe2(O_CLOEXEC); pipe2 with
 *   O_NONBLOCK shows O_NONBLOCK in F_GETFL, and a read of the empty pipe ->
 *   EAGAIN; pipe2 with an unknown flag -> EINVAL.  F_SETFL O_NONBLOCK on a
 *   blocking pipe works too.  A non-blocking write end takes exactly 65536
 *   bytes (the default 16-page capacity), then -> EAGAIN.
 *   Read with no writer left -> 0 (EOF).  Write with no reader left:
 *   SIGPIPE SIG_IGN -> EPIPE; with a handler -> the handler runs (SI_USER
 *   not checked) and write returns EPIPE; SIG_DFL in a child -> killed by
 *   SIGPIPE (WTERMSIG 13).
 */
#include "ftest.h"
#include <fcntl.h>

static volatile int pipe_sigs;

static void on_pipe(int sig)
{
	pipe_sigs++;
}

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

static const char *accmode(int fl)
{
	switch (fl & O_ACCMODE) {
	case O_RDONLY: return "O_RDONLY";
	case O_WRONLY: return "O_WRONLY";
	case O_RDWR: return "O_RDWR";
	}
	return "?";
}

int main(void)
{
	static char big[65536 + 4096];
	int p[2], status;
	char c;

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(p);
	printf("pipe: read end %s write end %s\n", accmode(fcntl(p[0], F_GETFL)),
	       accmode(fcntl(p[1], F_GETFL)));
	printf("pipe: FD_CLOEXEC %d %d O_NONBLOCK %d\n", fcntl(p[0], F_GETFD),
	       fcntl(p[1], F_GETFD), !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	close(p[1]);
	show("read with no writer", read(p[0], &c, 1));
	close(p[0]);

	pipe2(p, O_CLOEXEC);
	printf("pipe2 O_CLOEXEC: FD_CLOEXEC %d %d\n", fcntl(p[0], F_GETFD),
	       fcntl(p[1], F_GETFD));
	close(p[0]);
	close(p[1]);

	pipe2(p, O_NONBLOCK);
	printf("pipe2 O_NONBLOCK: O_NONBLOCK %d %d\n",
	       !!(fcntl(p[0], F_GETFL) & O_NONBLOCK),
	       !!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
	show("read empty non-blocking pipe", read(p[0], &c, 1));
	long total = 0, n;
	while ((n = write(p[1], big, 4096)) > 0)
		total += n;
	printf("non-blocking write end took %ld bytes, then %s\n", total,
	       errno_name(errno));
	errno = 0;
	close(p[0]);
	close(p[1]);
	show("pipe2 flag 0x1", syscall(SYS_pipe2, p, 1));

	pipe(p);
	show("F_SETFL O_NONBLOCK", fcntl(p[0], F_SETFL, O_NONBLOCK));
	printf("  O_NONBLOCK now %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	show("  read", read(p[0], &c, 1));
	close(p[0]);

	signal(SIGPIPE, SIG_IGN);
	show("write, no reader, SIG_IGN", write(p[1], "x", 1));
	signal(SIGPIPE, on_pipe);
	show("write, no reader, handler", write(p[1], "x", 1));
	printf("  handler ran %d\n", pipe_sigs);
	signal(SIGPIPE, SIG_DFL);
	pid_t pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		printf("child survived the write\n");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("write, no reader, SIG_DFL", status);
	return 0;
}
