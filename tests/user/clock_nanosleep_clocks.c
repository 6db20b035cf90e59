/*
 * clock_nanosleep(2) on each kind of clock (Linux kernel/time/posix-timers.c
 * SYSCALL_DEFINE4(clock_nanosleep): an unknown clock id is EINVAL, a clock
 * that exists but has no nsleep method is EOPNOTSUPP). CLOCK_THREAD_CPUTIME_ID
 * is such a clock: a thread cannot sleep until its own CPU time advances.
 * The raw syscall is used, so the result does not depend on the libc.
 *   REALTIME, MONOTONIC, BOOTTIME, PROCESS_CPUTIME_ID: a 1 ms sleep works;
 *   THREAD_CPUTIME_ID, MONOTONIC_RAW and the two COARSE clocks: EOPNOTSUPP,
 *   relative or TIMER_ABSTIME, checked before the timespec;
 *   clock 12345 and -1 (another thread's CPU clock, which does not exist): EINVAL;
 *   a bad tv_nsec is EINVAL.
 * build: musl glibc
 */
#include "ftest.h"
#include <time.h>

static void try(const char *what, long clk, int flags, long nsec)
{
	/* With TIMER_ABSTIME, nsec is a deadline: 0 has passed already. */
	struct timespec ts = { 0, nsec };

	errno = 0;
	long r = syscall(SYS_clock_nanosleep, clk, flags, &ts, NULL);
	printf("%s: %ld %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

int main(void)
{
	try("REALTIME 1ms", CLOCK_REALTIME, 0, 1000000);
	try("MONOTONIC 1ms", CLOCK_MONOTONIC, 0, 1000000);
	try("BOOTTIME 1ms", CLOCK_BOOTTIME, 0, 1000000);
	try("PROCESS_CPUTIME_ID abstime 0", CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, 0);
	try("THREAD_CPUTIME_ID 1ms", CLOCK_THREAD_CPUTIME_ID, 0, 1000000);
	try("THREAD_CPUTIME_ID abstime 0", CLOCK_THREAD_CPUTIME_ID, TIMER_ABSTIME, 0);
	try("MONOTONIC_RAW 1ms", CLOCK_MONOTONIC_RAW, 0, 1000000);
	try("REALTIME_COARSE 1ms", CLOCK_REALTIME_COARSE, 0, 1000000);
	try("MONOTONIC_COARSE abstime 0", CLOCK_MONOTONIC_COARSE, TIMER_ABSTIME, 0);
	try("clock 12345", 12345, 0, 1000000);
	try("clock -1", -1, 0, 1000000);
	try("MONOTONIC tv_nsec 1e9", CLOCK_MONOTONIC, 0, 1000000000);
	try("THREAD_CPUTIME_ID tv_nsec 1e9", CLOCK_THREAD_CPUTIME_ID, 0, 1000000000);
	return 0;
}
