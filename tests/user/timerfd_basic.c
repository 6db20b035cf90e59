/*
 * timerfd_basic - timerfd_create, timerfd_settime, timerfd_gettime
 * (fs/timerfd.c). Expected: a new timer is disarmed (gettime all 0, a
 * non-blocking read EAGAIN, poll not readable); armed relative for 20 ms, a
 * blocking read waits at least ~20 ms and returns 1; an interval timer read
 * after several periods returns that many expirations (at least 3 after 3.5
 * periods; an absolute start 105 ms ago with 10 ms periods: at least 11) and gettime shows the interval and a value left below it; an
 * absolute CLOCK_REALTIME time in the past fires at once; CLOCK_BOOTTIME
 * works; settime returns the old setting and forgets unread expirations;
 * a zero it_value disarms; reads under 8 bytes are EINVAL; bad clocks,
 * flags and timespecs are EINVAL; a non-timerfd is EINVAL, a bad fd EBADF;
 * TFD_CLOEXEC/TFD_NONBLOCK set FD_CLOEXEC/O_NONBLOCK.
 */
#include "fsutil.h"
#include <poll.h>
#include <sys/timerfd.h>
#include <time.h>

#define MS 1000000L

static long long now_ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static struct itimerspec its(long val_ns, long int_ns)
{
	struct itimerspec t = { { int_ns / 1000000000L, int_ns % 1000000000L },
				{ val_ns / 1000000000L, val_ns % 1000000000L } };
	return t;
}

int main(void)
{
	struct itimerspec t, old;
	uint64_t v;
	long long t0;
	int fd, efd;

	setvbuf(stdout, NULL, _IONBF, 0);
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	SHOW("timerfd_create MONOTONIC", fd);
	printf("F_GETFD %d, O_NONBLOCK %d\n", fcntl(fd, F_GETFD), !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
	memset(&t, 0xff, sizeof t);
	SHOW("gettime new", timerfd_gettime(fd, &t));
	printf("disarmed: %d\n", !t.it_value.tv_sec && !t.it_value.tv_nsec && !t.it_interval.tv_sec && !t.it_interval.tv_nsec);
	SHOWN("read disarmed", read(fd, &v, 8));
	printf("readable: %d\n", readable(fd));

	/* one-shot, 20 ms, blocking read */
	fcntl(fd, F_SETFL, 0);
	t = its(20 * MS, 0);
	t0 = now_ns(CLOCK_MONOTONIC);
	SHOW("settime 20 ms", timerfd_settime(fd, 0, &t, NULL));
	v = 0;
	SHOWN("blocking read", read(fd, &v, 8));
	printf("expirations %llu, waited >= 19 ms %d\n", (unsigned long long)v, now_ns(CLOCK_MONOTONIC) - t0 >= 19 * MS);
	timerfd_gettime(fd, &t);
	printf("after firing, value 0: %d\n", !t.it_value.tv_sec && !t.it_value.tv_nsec);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	SHOWN("read again", read(fd, &v, 8));
	SHOWN("4-byte read", read(fd, &v, 4));

	/* interval: 20 ms periods, looked at after 75 ms */
	t = its(20 * MS, 20 * MS);
	timerfd_settime(fd, 0, &t, NULL);
	usleep(75000);
	printf("readable after 75 ms: %d\n", readable(fd));
	memset(&t, 0, sizeof t);
	timerfd_gettime(fd, &t);
	printf("interval 20 ms %d, value left <= 20 ms %d\n", t.it_interval.tv_sec == 0 && t.it_interval.tv_nsec == 20 * MS,
	       t.it_value.tv_sec == 0 && t.it_value.tv_nsec <= 20 * MS);
	v = 0;
	SHOWN("read", read(fd, &v, 8));
	printf("expirations >= 3 %d, <= 50 %d\n", v >= 3, v <= 50);	/* a busy host may oversleep */

	/* settime returns the old setting and forgets what was not read */
	usleep(45000);
	t = its(0, 0);
	SHOW("settime disarm", timerfd_settime(fd, 0, &t, &old));
	printf("old interval 20 ms %d, old value > 0 %d\n", old.it_interval.tv_nsec == 20 * MS,
	       old.it_value.tv_sec > 0 || old.it_value.tv_nsec > 0);
	SHOWN("read after disarm", read(fd, &v, 8));
	close(fd);

	/* absolute times */
	fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	SHOW("timerfd_create REALTIME", fd);
	t = its(now_ns(CLOCK_REALTIME) - 1000 * MS, 0);
	SHOW("settime ABSTIME in the past", timerfd_settime(fd, TFD_TIMER_ABSTIME, &t, NULL));
	SHOWN("read", read(fd, &v, 8));
	printf("expirations %llu\n", (unsigned long long)v);
	t = its(now_ns(CLOCK_REALTIME) - 105 * MS, 10 * MS);
	timerfd_settime(fd, TFD_TIMER_ABSTIME, &t, NULL);
	SHOWN("read (past start, 10 ms interval)", read(fd, &v, 8));
	printf("expirations 11 to 30: %d\n", v >= 11 && v <= 30);
	t = its(now_ns(CLOCK_REALTIME) + 5000 * MS, 0);
	timerfd_settime(fd, TFD_TIMER_ABSTIME, &t, NULL);
	timerfd_gettime(fd, &t);
	printf("ABSTIME +5 s: value left 4 s and a bit: %d\n", t.it_value.tv_sec == 4);
	close(fd);

	fd = timerfd_create(CLOCK_BOOTTIME, 0);
	SHOW("timerfd_create BOOTTIME", fd);
	t = its(10 * MS, 0);
	timerfd_settime(fd, 0, &t, NULL);
	SHOWN("blocking read", read(fd, &v, 8));
	printf("expirations %llu\n", (unsigned long long)v);

	/* errors */
	SHOW("create CLOCK_PROCESS_CPUTIME_ID", timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
	SHOW("create bad flags", timerfd_create(CLOCK_MONOTONIC, 1));
	SHOW("settime bad flags", timerfd_settime(fd, 4, &t, NULL));
	t = its(0, 0);
	t.it_value.tv_nsec = 1000000000L;
	SHOW("settime tv_nsec 1e9", timerfd_settime(fd, 0, &t, NULL));
	t.it_value.tv_nsec = 0;
	t.it_interval.tv_sec = -1;
	SHOW("settime negative interval", timerfd_settime(fd, 0, &t, NULL));
	SHOW("settime NULL", syscall(SYS_timerfd_settime, fd, 0, NULL, NULL));
	t = its(MS, 0);
	SHOW("settime bad fd", timerfd_settime(999, 0, &t, NULL));
	efd = open("/dev/null", O_RDONLY);
	SHOW("settime on /dev/null", timerfd_settime(efd, 0, &t, NULL));
	SHOW("gettime on /dev/null", timerfd_gettime(efd, &t));
	SHOW("gettime NULL", syscall(SYS_timerfd_gettime, fd, NULL));
	close(efd);
	close(fd);
	return 0;
}
