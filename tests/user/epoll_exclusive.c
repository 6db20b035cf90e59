/*
 * epoll_exclusive - EPOLLEXCLUSIVE (Linux 4.5; epoll_ctl(2); Linux
 * fs/eventpoll.c ep_poll_callback): when several epoll sets watch one file
 * with EPOLLEXCLUSIVE, a wake-up of the file wakes one of them that has a
 * thread waiting - the one that added the file first - not all of them.
 *   - 4 processes, each waiting in its own epoll set (EPOLLIN | EPOLLET |
 *     EPOLLEXCLUSIVE) on one pipe: each 1-byte write wakes exactly one,
 *     the first-added of those still waiting (LTP epoll_wait16);
 *   - level-triggered: of 2 waiters the first-added is woken; the other
 *     sleeps on although the pipe stays readable, since nothing woke it;
 *   - waiters without EPOLLEXCLUSIVE are all woken, beside one exclusive;
 *   - a set that added the file before the waiter but is not waiting is
 *     passed the event on (epoll_wait then reports it); one that added the
 *     file after the waiter is not.
 * A process is known to be waiting when /proc/PID/stat says S; a woken one
 * adds itself to a counter and a bit mask in shared memory.  Waiters still
 * waiting at the end are killed.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <time.h>

#define NWAITERS 4

struct shared {
	int woken;			/* how many waiters got an event */
	int who;			/* bit i: waiter i did */
};
static volatile struct shared *sh;	/* MAP_SHARED */
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

/* Waiter @i: a process that watches the pipe with @events, waits (3 s at
 * most), and counts itself in *sh if it got an event. */
static pid_t waiter(int i, unsigned events)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct epoll_event ev;
		int ep = watch(pfd[0], events), n = epoll_wait(ep, &ev, 1, 3000);

		if (n == 1) {
			__atomic_fetch_or(&sh->who, 1 << i, __ATOMIC_SEQ_CST);
			__atomic_fetch_add(&sh->woken, 1, __ATOMIC_SEQ_CST);
		}
		_exit(0);
	}
	wait_sleeping(pid);
	return pid;
}

/* Wait for @at_least waiters, then give wrongly woken ones time to count themselves. */
static int settle(int at_least)
{
	for (int i = 0; i < 2000 && sh->woken < at_least; i++)
		nap_ms(1);
	nap_ms(50);
	return sh->woken;
}

static void end_waiters(pid_t *pids, int n)
{
	for (int i = 0; i < n; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], NULL, 0);
	}
}

static void start(void)
{
	sh->woken = sh->who = 0;
}

static void one_per_write(void)
{
	pid_t pids[NWAITERS];
	char c;

	start();
	for (int i = 0; i < NWAITERS; i++)
		pids[i] = waiter(i, EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
	printf("%d exclusive edge-triggered waiters:\n", NWAITERS);
	for (int round = 1; round <= NWAITERS; round++) {
		write(pfd[1], "x", 1);
		int n = settle(round);

		printf("  write %d: %d woken in all, mask %#x\n", round, n, sh->who);
		read(pfd[0], &c, 1);
	}
	end_waiters(pids, NWAITERS);
}

static void level_triggered(void)
{
	pid_t pids[2];
	char c;
	int n;

	start();
	pids[0] = waiter(0, EPOLLIN | EPOLLEXCLUSIVE);
	pids[1] = waiter(1, EPOLLIN | EPOLLEXCLUSIVE);
	write(pfd[1], "x", 1);
	n = settle(1);
	printf("2 exclusive level-triggered waiters, 1 write, nothing read: %d woken, mask %#x\n", n, sh->who);
	end_waiters(pids, 2);
	read(pfd[0], &c, 1);
}

static void mixed(void)
{
	pid_t pids[4];
	char c;
	int n;

	start();
	pids[0] = waiter(0, EPOLLIN | EPOLLET);
	pids[1] = waiter(1, EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
	pids[2] = waiter(2, EPOLLIN | EPOLLET);
	pids[3] = waiter(3, EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
	write(pfd[1], "x", 1);
	n = settle(3);
	printf("plain, exclusive, plain, exclusive waiters, 1 write: %d woken, mask %#x\n", n, sh->who);
	end_waiters(pids, 4);
	read(pfd[0], &c, 1);
}

/* Sets that are not waiting, added before and after a waiting one. */
static void not_waiting(void)
{
	struct epoll_event ev;
	int before = watch(pfd[0], EPOLLIN | EPOLLET | EPOLLEXCLUSIVE), after;
	pid_t pid;
	char c;

	start();
	pid = waiter(0, EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
	after = watch(pfd[0], EPOLLIN | EPOLLET | EPOLLEXCLUSIVE);
	write(pfd[1], "x", 1);
	printf("a waiter woken: %d;", settle(1));
	printf(" not waiting, added before it: %d event(s),", epoll_wait(before, &ev, 1, 0));
	printf(" added after it: %d\n", epoll_wait(after, &ev, 1, 0));
	end_waiters(&pid, 1);
	read(pfd[0], &c, 1);
	close(before);
	close(after);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	sh = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pipe(pfd);
	one_per_write();
	level_triggered();
	mixed();
	not_waiting();
	return 0;
}
