/*
 * ppoll and pselect6 (Linux fs/select.c): poll and select with a timespec
 * timeout and a signal mask that is in force only while the call waits.
 *   a readable pipe: 1 at once, POLLIN / the fd's bit set;
 *   an empty pipe with a zero timeout: 0; with 30 ms: 0 after waiting, and
 *     the timespec written back holds the time left (0);
 *   SIGUSR1 blocked and pending, the call's mask lets it in: the handler
 *     runs, the call fails with EINTR, and afterwards SIGUSR1 is blocked
 *     again (the old mask comes back after the handler);
 *   errors: sigsetsize 4 -> EINVAL, a bad timespec pointer -> EFAULT,
 *     tv_nsec 1e9 -> EINVAL, pselect6's argument pack at a bad address ->
 *     EFAULT; a NULL pack or a NULL mask in it changes no mask.
 * The raw system calls are used, so the time written back is the kernel's.
 * build: musl glibc
 */
#include "ftest.h"
#include <poll.h>
#include <sys/select.h>
#include <sys/syscall.h>

static volatile int handled;
static void on_usr1(int sig) { (void)sig; handled++; }

struct argpack { const sigset_t *p; size_t size; };

static long rawppoll(struct pollfd *fds, int n, struct timespec *ts, const sigset_t *mask, size_t sz)
{
	return syscall(SYS_ppoll, fds, n, ts, mask, sz);
}

static long rawpselect(int n, fd_set *in, struct timespec *ts, void *pack)
{
	return syscall(SYS_pselect6, n, in, NULL, NULL, ts, pack);
}

static void result(const char *what, long r)
{
	printf("%s: %ld %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

static int usr1_blocked(void)
{
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, SIGUSR1);
}

static void interrupted(const char *what, int use_pselect, int rfd)
{
	sigset_t block, during;
	struct pollfd pfd = { rfd, POLLIN, 0 };
	fd_set in;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	sigemptyset(&during);
	handled = 0;
	errno = 0;
	FD_ZERO(&in);
	FD_SET(rfd, &in);
	struct argpack pack = { &during, 8 };
	long r = use_pselect ? rawpselect(rfd + 1, &in, NULL, &pack) : rawppoll(&pfd, 1, NULL, &during, 8);
	printf("%s: %ld %s, handler ran %d, SIGUSR1 blocked after %d\n", what, r, r < 0 ? errno_name(errno) : "",
	       handled, usr1_blocked());
	sigprocmask(SIG_UNBLOCK, &block, NULL);
}

int main(void)
{
	int p[2];
	struct pollfd pfd;
	struct timespec ts;
	sigset_t empty;
	fd_set in;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGUSR1, on_usr1);
	sigemptyset(&empty);
	pipe(p);

	pfd = (struct pollfd){ p[0], POLLIN, 0 };
	ts = (struct timespec){ 0, 0 };
	result("ppoll empty pipe, zero timeout", rawppoll(&pfd, 1, &ts, NULL, 8));
	ts = (struct timespec){ 0, 30000000 };
	result("ppoll empty pipe, 30 ms", rawppoll(&pfd, 1, &ts, &empty, 8));
	printf("  time left written back: %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	ts = (struct timespec){ 0, 30000000 };
	result("pselect6 empty pipe, 30 ms", rawpselect(p[0] + 1, &in, &ts, NULL));
	printf("  time left written back: %ld.%09ld, fd still set %d\n", (long)ts.tv_sec, ts.tv_nsec,
	       FD_ISSET(p[0], &in));

	write(p[1], "x", 1);
	ts = (struct timespec){ 5, 0 };
	result("ppoll readable pipe", rawppoll(&pfd, 1, &ts, &empty, 8));
	printf("  revents POLLIN %d, time left at most 5 s %d\n", !!(pfd.revents & POLLIN),
	       ts.tv_sec < 5 || (ts.tv_sec == 5 && ts.tv_nsec == 0));
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	struct argpack nullmask = { NULL, 8 };
	result("pselect6 readable pipe, pack with NULL mask", rawpselect(p[0] + 1, &in, NULL, &nullmask));
	printf("  fd set %d\n", FD_ISSET(p[0], &in));
	char c;
	read(p[0], &c, 1);

	interrupted("ppoll, SIGUSR1 let in by the mask", 0, p[0]);
	interrupted("pselect6, SIGUSR1 let in by the mask", 1, p[0]);

	ts = (struct timespec){ 0, 0 };
	errno = 0;
	result("ppoll sigsetsize 4", rawppoll(&pfd, 1, &ts, &empty, 4));
	errno = 0;
	result("ppoll bad timespec pointer", rawppoll(&pfd, 1, (struct timespec *)8, NULL, 8));
	ts = (struct timespec){ 0, 1000000000 };
	errno = 0;
	result("ppoll tv_nsec 1e9", rawppoll(&pfd, 1, &ts, NULL, 8));
	ts = (struct timespec){ 0, 0 };
	errno = 0;
	result("pselect6 pack at a bad address", rawpselect(p[0] + 1, &in, &ts, (void *)8));
	struct argpack small = { &empty, 4 };
	errno = 0;
	result("pselect6 sigsetsize 4", rawpselect(p[0] + 1, &in, &ts, &small));
	return 0;
}
