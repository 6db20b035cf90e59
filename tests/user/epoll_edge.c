/*
 * epoll_edge - EPOLLET, EPOLLONESHOT, epoll inside epoll, and what closing
 * does (fs/eventpoll.c). Expected: edge-triggered, a pipe with data is
 * reported once; unread data is not reported again, but a new write is
 * (Linux wakes on every write); an eventfd likewise per write; a pipe's
 * write end reports EPOLLOUT again after a read makes room. EPOLLONESHOT
 * reports once and stays silent, even on new data, until EPOLL_CTL_MOD
 * re-arms it. An epoll fd watching another is readable when the inner one
 * has something due, and epoll_wait on it works; an inner set holding the
 * outer one is ELOOP, as is a chain nested too deep. A registered fd that is
 * dup'ed and closed still reports (the file is still open), and DEL with
 * the closed number is EBADF; closing the last descriptor drops it.
 * epoll_pwait's mask lets a blocked SIGUSR1 in while it waits: EINTR, the
 * handler runs, and the old mask (SIGUSR1 blocked) is back afterwards.
 */
#include "fsutil.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>

static void wait_show(const char *label, int ep)
{
	struct epoll_event out[8];
	memset(out, 0, sizeof out);
	errno = 0;
	int n = epoll_wait(ep, out, 8, 0);
	printf("%s: %s", label, n < 0 ? errno_name(errno) : "");
	if (n >= 0)
		printf("%d", n);
	for (int i = 0; i < n; i++)
		printf(" [0x%x %llu]", out[i].events, (unsigned long long)out[i].data.u64);
	printf("\n");
}

static int ctl(int ep, int op, int fd, unsigned events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	return epoll_ctl(ep, op, fd, &ev);
}

static volatile int got_usr1;
static void on_usr1(int s) { (void)s; got_usr1 = 1; }

int main(void)
{
	int ep, p[2], efd, inner, outer, chain[7], d;
	uint64_t v = 1;
	char buf[70000];

	setvbuf(stdout, NULL, _IONBF, 0);
	ep = epoll_create1(0);
	pipe(p);
	SHOW("ADD pipe EPOLLIN|EPOLLET", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLET, 1));
	wait_show("empty", ep);
	write(p[0 + 1], "a", 1);
	wait_show("after a write", ep);
	wait_show("data still there", ep);
	write(p[1], "b", 1);
	wait_show("after another write", ep);
	read(p[0], buf, 2);
	wait_show("drained", ep);

	efd = eventfd(0, EFD_NONBLOCK);
	ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLET, 2);
	write(efd, &v, 8);
	wait_show("eventfd written", ep);
	wait_show("eventfd again", ep);
	write(efd, &v, 8);
	wait_show("eventfd written again", ep);
	read(efd, &v, 8);
	epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL);

	fcntl(p[1], F_SETFL, O_NONBLOCK);
	ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT | EPOLLET, 3);
	wait_show("write end, room", ep);
	wait_show("write end again", ep);
	printf("filled: %d\n", write(p[1], buf, sizeof buf) > 0);
	wait_show("write end, full", ep);
	read(p[0], buf, 4096);
	wait_show("after a read made room (and data left)", ep);
	while (read(p[0], buf, sizeof buf) == sizeof buf)
		;
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL);
	close(ep);

	ep = epoll_create1(0);
	SHOW("ADD EPOLLIN|EPOLLONESHOT", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 4));
	write(p[1], "c", 1);
	wait_show("oneshot", ep);
	wait_show("oneshot again", ep);
	write(p[1], "d", 1);
	wait_show("oneshot, new data", ep);
	SHOW("ADD again while disarmed", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 4));
	SHOW("MOD re-arms", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 5));
	wait_show("re-armed", ep);
	wait_show("re-armed, again", ep);
	read(p[0], buf, 2);
	close(ep);

	inner = epoll_create1(0);
	outer = epoll_create1(0);
	ctl(inner, EPOLL_CTL_ADD, p[0], EPOLLIN, 6);
	SHOW("ADD inner to outer", ctl(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 7));
	SHOW("ADD outer to inner (loop)", ctl(inner, EPOLL_CTL_ADD, outer, EPOLLIN, 8));
	wait_show("outer, nothing", outer);
	write(p[1], "e", 1);
	wait_show("outer, pipe written", outer);
	wait_show("inner", inner);
	read(p[0], buf, 1);
	wait_show("outer, pipe drained", outer);
	for (int i = 0; i < 7; i++)
		chain[i] = epoll_create1(0);
	for (int i = 1; i < 7; i++) {
		char label[48];
		snprintf(label, sizeof label, "chain: ADD %d into %d", i - 1, i);
		SHOW(label, ctl(chain[i], EPOLL_CTL_ADD, chain[i - 1], EPOLLIN, i));
	}
	for (int i = 0; i < 7; i++)
		close(chain[i]);
	close(outer);
	close(inner);

	ep = epoll_create1(0);
	d = dup(p[0]);
	ctl(ep, EPOLL_CTL_ADD, d, EPOLLIN, 9);
	int keep = dup(d);
	close(d);
	write(p[1], "f", 1);
	wait_show("registered fd closed, a dup left", ep);
	SHOW("DEL closed fd", epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL));
	close(keep);
	wait_show("last dup closed (p[0] is the same file, still open)", ep);
	read(p[0], buf, 1);

	{
		sigset_t block, none, now;
		struct epoll_event out[1];
		signal(SIGUSR1, on_usr1);
		sigemptyset(&block);
		sigaddset(&block, SIGUSR1);
		sigprocmask(SIG_BLOCK, &block, NULL);
		if (fork() == 0) {
			usleep(30000);
			kill(getppid(), SIGUSR1);
			_exit(0);
		}
		sigemptyset(&none);
		errno = 0;
		int r = epoll_pwait(ep, out, 1, 3000, &none);
		printf("epoll_pwait with SIGUSR1 unblocked: %d %s, handler ran %d\n", r, r < 0 ? errno_name(errno) : "",
		       got_usr1);
		sigprocmask(SIG_SETMASK, NULL, &now);
		printf("SIGUSR1 blocked again: %d\n", sigismember(&now, SIGUSR1));
		wait(NULL);
	}
	return 0;
}
