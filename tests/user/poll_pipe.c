/*
 * poll and select on pipes (docs/linux-abi.md §2, §11):
 *   empty pipe: poll(read end, POLLIN, 0) -> 0; write end POLLOUT -> 1 with
 *   revents POLLOUT;
 *   after a write: read end -> POLLIN;
 *   writer closed, data drained: read end -> POLLHUP;
 *   reader closed: write end -> POLLERR (with POLLOUT);
 *   a closed fd in the set -> revents POLLNVAL;
 *   poll with a 50 ms timeout and nothing ready -> 0 after >= 50 ms;
 *   a child writes after 100 ms: poll(-1) wakes with POLLIN;
 *   select: read set ready after a write, timeout 0 with nothing -> 0.
 */
#include "ftest.h"
#include <poll.h>
#include <sys/select.h>
#include <time.h>

static void show(const char *label, int fd, short events, int timeout)
{
	struct pollfd pfd = { fd, events, 0 };

	errno = 0;
	int r = poll(&pfd, 1, timeout);
	printf("%s: %d %s revents", label, r, errno_name(r < 0 ? errno : 0));
	if (pfd.revents & POLLIN) printf(" POLLIN");
	if (pfd.revents & POLLOUT) printf(" POLLOUT");
	if (pfd.revents & POLLERR) printf(" POLLERR");
	if (pfd.revents & POLLHUP) printf(" POLLHUP");
	if (pfd.revents & POLLNVAL) printf(" POLLNVAL");
	if (!pfd.revents) printf(" 0");
	printf("\n");
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(void)
{
	int p[2], status;
	char buf[8];
	fd_set rd;
	struct timeval tv0 = { 0, 0 };

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(p);
	show("empty read end", p[0], POLLIN, 0);
	show("empty write end", p[1], POLLOUT, 0);
	write(p[1], "x", 1);
	show("read end after a write", p[0], POLLIN, 0);

	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	int r = select(p[0] + 1, &rd, NULL, NULL, &tv0);
	printf("select with data: %d read set %d\n", r, FD_ISSET(p[0], &rd));
	read(p[0], buf, 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv0.tv_sec = tv0.tv_usec = 0;
	r = select(p[0] + 1, &rd, NULL, NULL, &tv0);
	printf("select empty, timeout 0: %d\n", r);

	long t0 = now_ms();
	show("empty read end, 50 ms", p[0], POLLIN, 50);
	printf("  waited >= 50 ms %d\n", now_ms() - t0 >= 50);

	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 100000000L };
		nanosleep(&ts, NULL);
		write(p[1], "y", 1);
		_exit(0);
	}
	show("read end, child writes later, timeout -1", p[0], POLLIN, -1);
	waitpid(pid, &status, 0);
	read(p[0], buf, 1);

	close(p[1]);
	show("writer closed", p[0], POLLIN, 0);
	close(p[0]);
	show("closed fd", p[0], POLLIN, 0);

	pipe(p);
	close(p[0]);
	show("reader closed", p[1], POLLOUT, 0);
	return 0;
}
