/*
 * timerfd_epollet_rest - a periodic timerfd watched with EPOLLET.  Linux's
 * hrtimer fires once and then rests, expired, until a read or gettime
 * moves it on (fs/timerfd.c: timerfd_tmrproc, hrtimer_forward_now): so a
 * second wait without a read sees no new edge, but after timerfd_gettime
 * (which restarts the timer while the ticks stay unread) the next expiry
 * is a new edge.  A read returns every interval that passed meanwhile.
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>

int main(void)
{
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET }, out;
	struct itimerspec its = { { 0, 30000000 }, { 0, 30000000 } }, cur;
	uint64_t v = 0;

	epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
	timerfd_settime(tfd, 0, &its, NULL);
	printf("first expiry, wait: %d\n", epoll_wait(ep, &out, 1, 5000));
	printf("no read, the timer rests, wait 100 ms: %d\n", epoll_wait(ep, &out, 1, 100));
	timerfd_gettime(tfd, &cur);
	printf("gettime moved it on: %s\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 ? "yes" : "no");
	printf("next expiry, wait: %d\n", epoll_wait(ep, &out, 1, 5000));
	read(tfd, &v, sizeof v);
	printf("read: at least 4 intervals: %s\n", v >= 4 ? "yes" : "no");
	printf("after the read, wait: %d\n", epoll_wait(ep, &out, 1, 5000));
	return 0;
}
