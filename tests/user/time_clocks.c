/*
 * Clocks and sleeps (docs/linux-abi.md §11 "clocks": REALTIME 0, MONOTONIC 1,
 * PROCESS_CPUTIME_ID 2, THREAD_CPUTIME_ID 3, MONOTONIC_RAW 4,
 * REALTIME_COARSE 5, MONOTONIC_COARSE 6, BOOTTIME 7; §1: without a vDSO
 * musl's clock_gettime, time and gettimeofday use the syscall).  Only
 * booleans and errno names are printed:
 *   clock_gettime works for each of the eight clocks, tv_nsec < 1e9;
 *   CLOCK_MONOTONIC never goes backwards over 1000 calls, nor do
 *   MONOTONIC_RAW and BOOTTIME over 100;
 *   nanosleep(50 ms) takes at least 50 ms of CLOCK_MONOTONIC, and at most
 *   2 s; CLOCK_REALTIME advances across it; clock_nanosleep(MONOTONIC,
 *   TIMER_ABSTIME, now + 30 ms) returns 0 no earlier than the target; an
 *   absolute time in the past returns at once;
 *   clock_nanosleep on clock 12345 -> EINVAL (returned, not in errno);
 *   nanosleep with tv_nsec 1e9 or -1, or tv_sec -1 -> EINVAL;
 *   gettimeofday and time() agree with CLOCK_REALTIME within 2 s;
 *   clock_getres(MONOTONIC / REALTIME) -> 0 with a resolution of 1 ns
 *   (hrtimers), COARSE clocks -> a resolution of at most 10 ms (one tick);
 *   clock_getres of clock 12345 -> EINVAL;
 *   CLOCK_PROCESS_CPUTIME_ID advances during 100 ms of busy looping, and
 *   by no more than the elapsed monotonic time plus 50 ms;
 *   times() returns a positive tick count (musl passes the raw syscall
 *   result through), which grows, and tms_utime+tms_stime grows by at
 *   least 1 tick over 100 ms of busy looping;
 *   clock() likewise advances.
 */
#include "ftest.h"
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static long long ns(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

static long long now(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return ns(&t);
}

static void spin_ms(long ms)
{
	long long end = now(CLOCK_MONOTONIC) + ms * 1000000LL;
	volatile unsigned long x = 0;

	while (now(CLOCK_MONOTONIC) < end)
		for (int i = 0; i < 1000; i++)
			x += i;
}

static const char *name(int e)
{
	return e == EINVAL ? "EINVAL" : errno_name(e);
}

int main(void)
{
	static const char *names[] = { "REALTIME", "MONOTONIC", "PROCESS_CPUTIME_ID",
				       "THREAD_CPUTIME_ID", "MONOTONIC_RAW", "REALTIME_COARSE",
				       "MONOTONIC_COARSE", "BOOTTIME" };
	struct timespec t, r;
	int ok;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (int c = 0; c < 8; c++) {
		errno = 0;
		int ret = clock_gettime(c, &t);
		printf("clock_gettime(%s): %d %s nsec<1e9 %d\n", names[c], ret, name(errno),
		       ret == 0 && t.tv_nsec >= 0 && t.tv_nsec < 1000000000L);
	}

	ok = 1;
	long long prev = now(CLOCK_MONOTONIC);
	for (int i = 0; i < 1000; i++) {
		long long v = now(CLOCK_MONOTONIC);
		ok &= v >= prev;
		prev = v;
	}
	printf("MONOTONIC non-decreasing over 1000 calls: %d\n", ok);
	for (int c = 4; c < 8; c += 3) {
		ok = 1;
		prev = now(c);
		for (int i = 0; i < 100; i++) {
			long long v = now(c);
			ok &= v >= prev;
			prev = v;
		}
		printf("%s non-decreasing over 100 calls: %d\n", names[c], ok);
	}

	long long m0 = now(CLOCK_MONOTONIC), r0 = now(CLOCK_REALTIME);
	t.tv_sec = 0;
	t.tv_nsec = 50000000;
	int ret = nanosleep(&t, NULL);
	long long m1 = now(CLOCK_MONOTONIC), r1 = now(CLOCK_REALTIME);
	printf("nanosleep 50 ms: %d, took >= 50 ms %d, < 2 s %d, REALTIME advanced %d\n", ret,
	       m1 - m0 >= 50000000LL, m1 - m0 < 2000000000LL, r1 > r0);

	long long target = now(CLOCK_MONOTONIC) + 30000000LL;
	t.tv_sec = target / 1000000000LL;
	t.tv_nsec = target % 1000000000LL;
	ret = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
	printf("clock_nanosleep ABSTIME +30 ms: %d, woke at or after target %d\n", ret,
	       now(CLOCK_MONOTONIC) >= target);
	m0 = now(CLOCK_MONOTONIC);
	t.tv_sec = 0;
	t.tv_nsec = 1;
	ret = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
	printf("clock_nanosleep ABSTIME in the past: %d, quick %d\n", ret,
	       now(CLOCK_MONOTONIC) - m0 < 20000000LL);
	t.tv_sec = 0;
	t.tv_nsec = 1000000;
	ret = clock_nanosleep(12345, 0, &t, NULL);
	printf("clock_nanosleep on clock 12345: %s\n", ret ? name(ret) : "0");
	t.tv_sec = 0;
	t.tv_nsec = 1000000000L;
	errno = 0;
	ret = nanosleep(&t, NULL);
	printf("nanosleep tv_nsec 1e9: %d %s\n", ret, name(errno));
	t.tv_nsec = -1;
	errno = 0;
	ret = nanosleep(&t, NULL);
	printf("nanosleep tv_nsec -1: %d %s\n", ret, name(errno));
	t.tv_sec = -1;
	t.tv_nsec = 0;
	errno = 0;
	ret = nanosleep(&t, NULL);
	printf("nanosleep tv_sec -1: %d %s\n", ret, name(errno));

	{
		struct timeval tv;
		time_t tt;

		gettimeofday(&tv, NULL);
		tt = time(NULL);
		long long rt = now(CLOCK_REALTIME);
		long long g = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
		printf("gettimeofday ~ REALTIME %d, time() ~ REALTIME %d\n",
		       rt - g < 2000000000LL && g - rt < 2000000000LL,
		       tt - rt / 1000000000LL <= 2 && rt / 1000000000LL - tt <= 2);
	}

	for (int c = 0; c < 8; c++) {
		if (c == 2 || c == 3)
			continue;
		memset(&r, 0x55, sizeof r);
		errno = 0;
		ret = clock_getres(c, &r);
		if (c == 5 || c == 6)
			printf("clock_getres(%s): %d %s resolution <= 10 ms %d\n", names[c], ret,
			       name(errno), ret == 0 && r.tv_sec == 0 && r.tv_nsec > 0 &&
			       r.tv_nsec <= 10000000L);
		else
			printf("clock_getres(%s): %d %s resolution %lld ns\n", names[c], ret,
			       name(errno), ret == 0 ? ns(&r) : -1LL);
	}
	errno = 0;
	ret = clock_getres(12345, &r);
	printf("clock_getres(12345): %d %s\n", ret, name(errno));

	{
		long long c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		m0 = now(CLOCK_MONOTONIC);
		spin_ms(100);
		long long c1 = now(CLOCK_PROCESS_CPUTIME_ID);
		m1 = now(CLOCK_MONOTONIC);
		printf("PROCESS_CPUTIME over 100 ms of spinning: advanced %d, <= elapsed + 50 ms %d\n",
		       c1 > c0, c1 - c0 <= m1 - m0 + 50000000LL);
	}
	{
		struct tms a, b;
		clock_t t0, t1, k0, k1;

		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		t0 = times(&a);
		k0 = clock();
		/* musl returns the raw syscall value: -ENOSYS would show as -38 */
		printf("times: returned a positive tick count %d\n", (long)t0 > 0);
		spin_ms(100);
		t1 = times(&b);
		k1 = clock();
		printf("times: user+sys grew by >= 1 tick %d, return value grew %d\n",
		       (b.tms_utime + b.tms_stime) - (a.tms_utime + a.tms_stime) >= 1, t1 > t0);
		printf("clock(): advanced by >= 10 ms %d\n", k1 - k0 >= 10000);
	}
	return 0;
}
