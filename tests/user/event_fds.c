/*
 * Linux's event file descriptors, which event loops (libuv, glib, nginx)
 * use on top of the calls in docs/linux-abi.md §2: eventfd2 (290), timerfd
 * (283/286/287), epoll_create1/ctl/wait (291/233/232). (Its signalfd part
 * waits in tests/unsupported/signalfd_basic.c.)
 * Printed: return values as ok/errno names, counters, booleans.
 *   eventfd(3): read -> 3, then (non-blocking) EAGAIN; two writes add up;
 *     EFD_SEMAPHORE reads 1 at a time; an 8-byte read is required
 *     (4 -> EINVAL); writing 0xffffffffffffffff -> EINVAL;
 *   timerfd_create(CLOCK_MONOTONIC): armed for 20 ms then every 20 ms,
 *     a blocking read returns an expiration count >= 1; timerfd_gettime
 *     shows the 20 ms interval; disarmed -> a non-blocking read EAGAIN;
 *   epoll: a pipe's read end and an eventfd registered; nothing ready ->
 *     epoll_wait(timeout 0) 0; after writing the pipe -> 1 event, EPOLLIN,
 *     data.u64 as registered; EPOLL_CTL_ADD twice -> EEXIST; DEL of an fd
 *     not registered -> ENOENT; epoll_wait with 20 ms and nothing ready
 *     -> 0 after >= 20 ms; an epoll fd can watch the timerfd too.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>

static const char *ename(int e)
{
	return e == EEXIST ? "EEXIST" : e == ENOENT ? "ENOENT" : errno_name(e);
}

#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); \
	if (_r < 0) printf("%s: -1 %s\n", label, ename(errno)); \
	else printf("%s: %ld\n", label, _r); } while (0)

static long long mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	uint64_t v;
	int r;

	setvbuf(stdout, NULL, _IONBF, 0);

	errno = 0;
	int efd = eventfd(3, EFD_NONBLOCK);
	printf("eventfd(3): %s\n", efd >= 0 ? "ok" : ename(errno));
	if (efd >= 0) {
		v = 0;
		SHOW("  read", read(efd, &v, 8));
		printf("  value %llu\n", (unsigned long long)v);
		SHOW("  read again", read(efd, &v, 8));
		v = 5;
		write(efd, &v, 8);
		v = 7;
		write(efd, &v, 8);
		read(efd, &v, 8);
		printf("  5 + 7 -> %llu\n", (unsigned long long)v);
		SHOW("  4-byte read", read(efd, &v, 4));
		v = 0xffffffffffffffffULL;
		SHOW("  write ~0", write(efd, &v, 8));
		close(efd);
	}
	efd = eventfd(2, EFD_NONBLOCK | EFD_SEMAPHORE);
	if (efd >= 0) {
		uint64_t a = 0, b = 0;
		read(efd, &a, 8);
		read(efd, &b, 8);
		errno = 0;
		r = read(efd, &v, 8);
		printf("EFD_SEMAPHORE(2): %llu %llu then %s\n", (unsigned long long)a,
		       (unsigned long long)b, r < 0 ? ename(errno) : "data");
		close(efd);
	} else {
		printf("EFD_SEMAPHORE: %s\n", ename(errno));
	}

	errno = 0;
	int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	printf("timerfd_create: %s\n", tfd >= 0 ? "ok" : ename(errno));
	if (tfd >= 0) {
		struct itimerspec its = { { 0, 20000000 }, { 0, 20000000 } }, cur;
		SHOW("  timerfd_settime 20 ms", timerfd_settime(tfd, 0, &its, NULL));
		memset(&cur, 0, sizeof cur);
		timerfd_gettime(tfd, &cur);
		printf("  gettime interval 20 ms %d\n", cur.it_interval.tv_nsec == 20000000);
		v = 0;
		long long t0 = mono();
		SHOW("  blocking read", read(tfd, &v, 8));
		printf("  expirations >= 1 %d, waited >= 15 ms %d\n", v >= 1, mono() - t0 >= 15000000);
		memset(&its, 0, sizeof its);
		timerfd_settime(tfd, 0, &its, NULL);
		fcntl(tfd, F_SETFL, O_NONBLOCK);
		SHOW("  disarmed, non-blocking read", read(tfd, &v, 8));
	}

	{
		int p[2];
		pipe(p);
		errno = 0;
		int ep = epoll_create1(EPOLL_CLOEXEC);
		printf("epoll_create1: %s\n", ep >= 0 ? "ok" : ename(errno));
		if (ep >= 0) {
			struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1234 }, out[4];
			SHOW("  ctl ADD pipe", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
			SHOW("  ctl ADD pipe again", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
			SHOW("  ctl DEL unregistered", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
			SHOW("  wait, nothing ready", epoll_wait(ep, out, 4, 0));
			write(p[1], "x", 1);
			memset(out, 0, sizeof out);
			SHOW("  wait after a write", epoll_wait(ep, out, 4, 0));
			printf("  events EPOLLIN %d data 0x%llx\n", !!(out[0].events & EPOLLIN),
			       (unsigned long long)out[0].data.u64);
			char c;
			read(p[0], &c, 1);
			long long t0 = mono();
			SHOW("  wait 20 ms, nothing", epoll_wait(ep, out, 4, 20));
			printf("  took >= 20 ms %d\n", mono() - t0 >= 20000000);
			if (tfd >= 0) {
				struct itimerspec its = { { 0, 0 }, { 0, 10000000 } };
				struct epoll_event tev = { .events = EPOLLIN, .data.u64 = 7 };
				epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);
				timerfd_settime(tfd, 0, &its, NULL);
				memset(out, 0, sizeof out);
				SHOW("  wait for the timerfd", epoll_wait(ep, out, 4, 2000));
				printf("  data %llu\n", (unsigned long long)out[0].data.u64);
			}
		}
	}
	return 0;
}
