/*
 * epoll_exclusive - EPOLLEXCLUSIVE (Linux 4.5; epoll_ctl(2); Linux
 * fs/eventpoll.c ep_poll_callback): when several epoll sets watch one file
 * with EPOLLEXCLUSIVE, a wake-up of the file wakes one of them that has a
 * thread waiting - the one that added the file first - not all of them.
 *   - 4 processes, each waiting in its own epoll set (EPOLLIN | EPOLLET |
 *     EPOLLEXCLUSIVE) on one pipe: each 1-byte write wakes exactly one
 *     (LTP epoll_wait16);
 *   - level-triggered: of 2 waiters one is woken; the other sleeps on to
 *     its timeout although the pipe stays readable, since nothing woke it;
 *   - waiters without EPOLLEXCLUSIVE are all woken, beside one exclusive;
 *   - a set that added the file before the waiter but is not waiting is
 *     passed the event on (epoll_wait then reports it); one that added the
 *     file after the waiter is not.
 * A process is known to be waiting when /proc/PID/stat says S; a woken one
 * adds itself to a counter in shared memory.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <time.h>

#define NWAITERS 4

static volatile int *woken;		/* MAP_SHARED: how many waiters got an event */
static int pfd[2];

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

/* Wait until @pid sleeps (state S in /proc/PID/stat), for at most 5 s. */
static void wait_sleeping(pid_t pid)
{
	char path[64], line[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 5000; i++) {
		FILE *f = fopen(path, "r");

		p = f && fgets(line, sizeof(line), f) ? strrchr(line, ')') : NULL;
		if (f)
			fclose(f);
		if (p && p[1] == ' ' && p[2] == 'S')
			return;
		nap_ms(1);
	}
}

static int watch(int fd, unsigned events)
{
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = events };

	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	return ep;
}

/* A process that watches the pipe with @events, waits up to @ms, counts
 * itself in *woken if it got an event, and exits with epoll_wait's result. */
static pid_t waiter(unsigned events, long ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct epoll_event ev;
		int ep = watch(pfd[0], events), n = epoll_wait(ep, &ev, 1, ms);

		if (n == 1)
			__atomic_fetch_add(woken, 1, __ATOMIC_SEQ_CST);
		_exit(n < 0 ? 100 : n);
	}
	wait_sleeping(pid);
	return pid;
}

/* Give wrongly woken waiters time to count themselves. */
static int settle(int at_least)
{
	for (int i = 0; i < 2000 && *woken < at_least; i++)
		nap_ms(1);
	nap_ms(100);
	return *woken;
}

static int reap(pid_t pid)
{
	int st;

	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void one_per_write(void)
{
	pid_t pids[NWAITERS];
	char c;

	*woken = 0;
	for (int i = 0; i < NWAITERS; i++)
		pids[i] = waiter(EPOLLIN | EPOLLET | EPOLLEXCLUSIVE, 3000);
	printf("%d exclusive edge-triggered waiters:", NWAITERS);
	for (int round = 1; round <= NWAITERS; round++) {
		write(pfd[1], "x", 1);
		printf(" write %d -> %d woken", round, settle(round));
		read(pfd[0], &c, 1);
	}
	printf("\n");
	for (int i = 0; i < NWAITERS; i++)
		reap(pids[i]);
}

static void level_triggered(void)
{
	pid_t a, b;
	char c;
	int ra, rb;

	*woken = 0;
	a = waiter(EPOLLIN | EPOLLEXCLUSIVE, 600);
	b = waiter(EPOLLIN | EPOLLEXCLUSIVE, 600);
	write(pfd[1], "x", 1);
	ra = reap(a);
	rb = reap(b);
	printf("2 exclusive level-triggered waiters, 1 write: first returns %d, second %d\n", ra, rb);
	read(pfd[0], &c, 1);
}

static void mixed(void)
{
	pid_t pids[4];
	char c;

	*woken = 0;
	pids[0] = waiter(EPOLLIN | EPOLLET, 600);
	pids[1] = waiter(EPOLLIN | EPOLLET | EPOLLEXCLUSIVE, 600);
	pids[2] = waiter(EPOLLIN | EPOLLET, 600);
	pids[3] = waiter(EPOLLIN | EPOLLET | EPOLLEXCLUSIVE, 600);
	write(pfd[1], "x", 1);
	printf("2 plain and 2 exclusive waiters, 1 write: %d woken\n", settle(3));
	for (int i = 0; i < 4; i++)
		reap(pids[i]);
	read(pfd[0], &c, 1);
}

/* Sets that are not waiting, added before and after a waiting one. */
static void not_waiting(void)
{
	struct epoll_event ev;
	int before = watch(pfd[0], EPOLLIN | EPOLLET | EPOLLEXCLUSIVE), after;
	pid_t pid = waiter(EPOLLIN | EPOLLET | EPOLLEXCLUSIVE, 1000);
	char c;

	after = watch(pfd[0], EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
	*woken = 0;
	write(pfd[1], "x", 1);
	settle(1);
	printf("a waiter woken: %d; not waiting, added before it: %d event(s), added after it: %d\n",
	       reap(pid), epoll_wait(before, &ev, 1, 0), epoll_wait(after, &ev, 1, 0));
	read(pfd[0], &c, 1);
	close(before);
	close(after);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	woken = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pipe(pfd);
	one_per_write();
	level_triggered();
	mixed();
	not_waiting();
	return 0;
}
