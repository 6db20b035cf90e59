/*
 * epoll_basic - epoll_create, epoll_create1, epoll_ctl, epoll_wait,
 * epoll_pwait, epoll_pwait2, level-triggered (fs/eventpoll.c). Expected:
 * nothing ready -> 0 at once with timeout 0, and 0 after >= 20 ms with
 * timeout 20; a pipe with data -> EPOLLIN with the registered data, again
 * and again while the data is there (level-triggered); a pipe's write end
 * -> EPOLLOUT; the write end closed -> EPOLLHUP on the read end (reported
 * though not asked for); an eventfd and a timerfd wake epoll_wait; MOD
 * changes events and data; DEL stops reports; with maxevents 1 and two
 * ready files, successive waits report both in turn. ctl errors: ADD twice
 * EEXIST, DEL/MOD of an unregistered fd ENOENT, a regular file EPERM, the
 * epoll fd itself EINVAL, a non-epoll epfd EINVAL, bad fds EBADF, a bad op
 * EINVAL, EPOLLEXCLUSIVE with MOD EINVAL, a bad event pointer EFAULT. wait
 * errors: maxevents 0 EINVAL, a non-epoll fd EINVAL, a bad buffer EFAULT.
 * epoll_create(0) EINVAL, epoll_create1 bad flags EINVAL, EPOLL_CLOEXEC
 * sets FD_CLOEXEC. A file closed is dropped from the set.
 */
#include "fsutil.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>

static long long mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void wait_show(const char *label, int ep, int max, int timeout)
{
	struct epoll_event out[8];
	memset(out, 0, sizeof out);
	errno = 0;
	int n = epoll_wait(ep, out, max, timeout);
	printf("%s: %s", label, n < 0 ? errno_name(errno) : "");
	if (n >= 0)
		printf("%d", n);
	for (int i = 0; i < n; i++)
		printf(" [0x%x %llu]", out[i].events, (unsigned long long)out[i].data.u64);
	printf("\n");
}

static int add(int ep, int fd, unsigned events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

int main(void)
{
	char dir[64], path[96], c;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 }, out[2];
	int ep, p[2], q[2], efd, tfd, reg;
	long long t0;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "epoll");
	SHOW("epoll_create(0)", syscall(SYS_epoll_create, 0));
	SHOW("epoll_create1(1)", epoll_create1(1));
	ep = epoll_create(1);
	SHOW("epoll_create(1)", ep);
	printf("F_GETFD %d\n", fcntl(ep, F_GETFD));
	close(ep);
	ep = epoll_create1(EPOLL_CLOEXEC);
	SHOW("epoll_create1(EPOLL_CLOEXEC)", ep);
	printf("F_GETFD %d\n", fcntl(ep, F_GETFD));

	pipe(p);
	pipe(q);
	SHOW("ADD pipe read end", add(ep, p[0], EPOLLIN, 100));
	SHOW("ADD again", add(ep, p[0], EPOLLIN, 100));
	SHOW("DEL unregistered", epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
	SHOW("MOD unregistered", epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev));
	reg = open(path_in(path, sizeof path, dir, "f"), O_CREAT | O_RDWR, 0600);
	SHOW("ADD regular file", add(ep, reg, EPOLLIN, 0));
	SHOW("ADD itself", add(ep, ep, EPOLLIN, 0));
	SHOW("ADD on a non-epoll epfd", add(p[0], q[0], EPOLLIN, 0));
	SHOW("ADD bad fd", add(ep, 999, EPOLLIN, 0));
	SHOW("ADD to bad epfd", add(999, q[0], EPOLLIN, 0));
	SHOW("bad op", epoll_ctl(ep, 7, q[0], &ev));
	SHOW("NULL event", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], NULL));
	SHOW("DEL with NULL event", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	add(ep, p[0], EPOLLIN, 100);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	SHOW("MOD with EPOLLEXCLUSIVE", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));

	wait_show("wait, nothing ready", ep, 8, 0);
	t0 = mono_ms();
	wait_show("wait 20 ms, nothing ready", ep, 8, 20);
	printf("took >= 20 ms: %d\n", mono_ms() - t0 >= 20);
	write(p[1], "ab", 2);
	wait_show("wait after a write", ep, 8, 0);
	wait_show("wait again (level)", ep, 8, 0);
	read(p[0], &c, 1);
	wait_show("one byte read, one left", ep, 8, 0);
	read(p[0], &c, 1);
	wait_show("all read", ep, 8, 0);

	SHOW("ADD write end for EPOLLOUT", add(ep, q[1], EPOLLOUT, 200));
	wait_show("wait", ep, 8, 0);
	ev.events = EPOLLIN;
	ev.data.u64 = 201;
	SHOW("MOD write end to EPOLLIN", epoll_ctl(ep, EPOLL_CTL_MOD, q[1], &ev));
	wait_show("wait", ep, 8, 0);
	SHOW("DEL write end", epoll_ctl(ep, EPOLL_CTL_DEL, q[1], NULL));

	write(p[1], "x", 1);
	efd = eventfd(1, 0);
	add(ep, efd, EPOLLIN | EPOLLOUT, 300);
	wait_show("pipe and eventfd ready, maxevents 1", ep, 1, 0);
	wait_show("again, maxevents 1", ep, 1, 0);
	wait_show("again, maxevents 1", ep, 1, 0);
	read(p[0], &c, 1);
	epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL);

	tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	add(ep, tfd, EPOLLIN, 400);
	struct itimerspec its = { { 0, 0 }, { 0, 30000000 } };
	timerfd_settime(tfd, 0, &its, NULL);
	t0 = mono_ms();
	wait_show("wait for the timerfd (-1)", ep, 8, -1);
	printf("took >= 25 ms: %d\n", mono_ms() - t0 >= 25);

	close(p[1]);
	wait_show("write end closed", ep, 8, 0);
	close(p[0]);
	wait_show("read end closed too (dropped)", ep, 8, 0);

	{
		struct timespec ts = { 0, 10000000 };
		sigset_t m;
		sigemptyset(&m);
		SHOW("epoll_pwait, nothing", epoll_pwait(ep, out, 2, 0, &m));
		SHOW("epoll_pwait bad sigsetsize", syscall(SYS_epoll_pwait, ep, out, 2, 0, &m, 4));
		SHOW("epoll_pwait2 10 ms", syscall(441, ep, out, 2, &ts, NULL, 8));
		ts.tv_nsec = -1;
		SHOW("epoll_pwait2 bad timespec", syscall(441, ep, out, 2, &ts, NULL, 8));
	}
	SHOW("wait maxevents 0", epoll_wait(ep, out, 0, 0));
	SHOW("wait on a pipe", epoll_wait(q[0], out, 1, 0));
	SHOW("wait bad fd", epoll_wait(999, out, 1, 0));
	SHOW("wait NULL buffer", epoll_wait(ep, NULL, 1, 0));
	close(ep);
	close(reg);
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
