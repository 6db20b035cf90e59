/*
 * File-descriptor duplication (docs/linux-abi.md §2, §11).  Numbers are printed
 * relative to the first pipe fd `a` (the lowest free one), never raw:
 *   pipe gives a and a+1; dup(a) -> a+2 (lowest free); after close(a+1),
 *   dup(a) -> a+1 again; dup2(a, a) -> a with nothing changed;
 *   dup2(a, a+40) -> a+40; dup2 from a closed fd -> EBADF, to -1 -> EBADF;
 *   dup3(a, a, 0) -> EINVAL; dup3 with a bad flag -> EINVAL; dup3 with
 *   O_CLOEXEC sets FD_CLOEXEC, dup2 and dup do not (even from an O_CLOEXEC
 *   fd); fcntl F_DUPFD with min a+20 -> a+20, again -> a+21;
 *   F_DUPFD_CLOEXEC sets FD_CLOEXEC; F_SETFD/F_GETFD round-trip.
 *   A dup shares the file offset: after reading 4 bytes of argv[0] through
 *   one fd, lseek(SEEK_CUR) on the other says 4.  dup2 onto an open fd
 *   closes it first (the old target's pipe end is gone: the reader sees EOF).
 *   close_range (LTP close_range02): [a+40, ~0U] closes a+40 and skips the
 *   free slots; first > last and an unknown flag -> EINVAL; CLOEXEC marks
 *   instead of closing; UNSHARE in a CLONE_FILES child closes only its
 *   copy, the parent's fd stays open.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sched.h>

static int a;

static void showfd(const char *label, int r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: a+%d\n", label, r - a);
	errno = 0;
}

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

#define CLOSE_RANGE_UNSHARE (1U << 1)
#define CLOSE_RANGE_CLOEXEC (1U << 2)

static long close_range(unsigned first, unsigned last, unsigned flags)
{
	return syscall(436, first, last, flags);	/* musl 1.2.3 has no wrapper */
}

static int unshare_child(void *arg)
{
	int fd = *(int *)arg;

	close_range(fd, fd, CLOSE_RANGE_UNSHARE);
	_exit(fcntl(fd, F_GETFD) < 0 && errno == EBADF ? 0 : 1);
}

static void close_range_checks(void)
{
	static char stack[16384];
	int status;

	dup2(a, a + 40);
	show("close_range(a+40, ~0U, 0)", close_range(a + 40, ~0U, 0));
	show("  fcntl(a+40) after it", fcntl(a + 40, F_GETFD));
	show("close_range(4, 3, 0)", close_range(4, 3, 0));
	show("close_range(a, a, ~0U)", close_range(a, a, ~0U));
	show("close_range(~0U, ~0U, 0)", close_range(~0U, ~0U, 0));
	show("close_range(a, a, CLOEXEC)", close_range(a, a, CLOSE_RANGE_CLOEXEC));
	show("  FD_CLOEXEC after it", fcntl(a, F_GETFD) & FD_CLOEXEC);
	fcntl(a, F_SETFD, 0);
	pid_t pid = clone(unshare_child, stack + sizeof stack, CLONE_FILES | SIGCHLD, &a);
	waitpid(pid, &status, 0);
	show("CLONE_FILES child: UNSHARE closed its own copy", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	show("  parent's fd still open", fcntl(a, F_GETFD) >= 0);
}

int main(int argc, char **argv)
{
	int p[2], q[2];
	char buf[8];

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(p);
	a = p[0];
	showfd("pipe[1]", p[1]);
	showfd("dup(a)", dup(a));
	close(a + 1);
	showfd("dup(a) after close(a+1)", dup(a));
	showfd("dup2(a, a)", dup2(a, a));
	showfd("dup2(a, a+40)", dup2(a, a + 40));
	showfd("dup2(closed a+39, a+41)", dup2(a + 39, a + 41));
	showfd("dup2(a, -1)", dup2(a, -1));
	showfd("dup3(a, a, 0)", dup3(a, a, 0));
	showfd("dup3(a, a+42, 0x4)", syscall(SYS_dup3, a, a + 42, 4));
	showfd("dup3(a, a+42, O_CLOEXEC)", dup3(a, a + 42, O_CLOEXEC));
	show("  F_GETFD a+42", fcntl(a + 42, F_GETFD));
	showfd("dup2(a+42, a+43)", dup2(a + 42, a + 43));
	show("  F_GETFD a+43", fcntl(a + 43, F_GETFD));
	showfd("dup(a+42)", dup(a + 42));
	show("  F_GETFD of it", fcntl(a + 3, F_GETFD));
	showfd("F_DUPFD min a+20", fcntl(a, F_DUPFD, a + 20));
	showfd("F_DUPFD min a+20 again", fcntl(a, F_DUPFD, a + 20));
	show("  F_GETFD a+20", fcntl(a + 20, F_GETFD));
	showfd("F_DUPFD_CLOEXEC min a+30", fcntl(a, F_DUPFD_CLOEXEC, a + 30));
	show("  F_GETFD a+30", fcntl(a + 30, F_GETFD));
	show("F_SETFD a+20 FD_CLOEXEC", fcntl(a + 20, F_SETFD, FD_CLOEXEC));
	show("  F_GETFD a+20", fcntl(a + 20, F_GETFD));
	show("F_SETFD a+20 0", fcntl(a + 20, F_SETFD, 0));
	show("  F_GETFD a+20", fcntl(a + 20, F_GETFD));
	show("F_GETFD closed a+39", fcntl(a + 39, F_GETFD));
	show("F_DUPFD negative min", fcntl(a, F_DUPFD, -1));

	int f = open(argv[0], O_RDONLY);
	int g = dup(f);
	read(f, buf, 4);
	show("shared offset: lseek(dup, SEEK_CUR)", lseek(g, 0, SEEK_CUR));
	close(f);
	close(g);

	/* dup2 onto the only write end of another pipe closes it. */
	pipe(q);
	int w = q[1];
	dup2(a, w);
	show("read from a pipe whose writer was replaced by dup2", read(q[0], buf, 1));
	close_range_checks();
	return 0;
}
