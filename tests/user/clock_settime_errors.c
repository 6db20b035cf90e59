/*
 * clock_settime and settimeofday, every way they refuse (Linux
 * kernel/time/posix-timers.c SYSCALL_DEFINE2(clock_settime),
 * posix_cpu_clock_set, kernel/time/time.c settimeofday,
 * do_sys_settimeofday64, timekeeping.c do_settimeofday64).  No call here
 * may succeed in moving the clock: this runs on the host too, so a time
 * that would be accepted is only ever offered by nobody (EPERM).
 *   - only CLOCK_REALTIME can be set: MONOTONIC, BOOTTIME, the process and
 *     thread CPU clocks, 99 (and, tried by nobody only, TAI) are EINVAL,
 *     before the timespec is read (a bad pointer too);
 *   - the range comes before the privilege: tv_nsec 1e9 or -1, tv_sec -1,
 *     or seconds from KTIME_SEC_MAX on are EINVAL even for nobody, and so
 *     (tried by nobody only) from Linux's TIME_SETTOD_SEC_MAX (8277292036)
 *     on; a good time is EPERM for nobody (no CAP_SYS_TIME);
 *   - root setting a time before boot (the epoch) is EINVAL;
 *   - settimeofday: tv_usec 1000000 or -1 EINVAL, a zone beyond 15 hours
 *     EINVAL for root (EPERM for nobody), NULL and NULL is 0 for root and
 *     EPERM for nobody; a bad pointer EFAULT.
 */
#include "credutil.h"
#include <sys/time.h>
#include <time.h>

#define KTIME_SEC_MAX 9223372036LL		/* Linux: KTIME_MAX / NSEC_PER_SEC */
#define TIME_SETTOD_SEC_MAX 8277292036LL	/* Linux: KTIME_SEC_MAX - 30 years */

static void show(const char *what, long r)
{
	printf("  %s: %ld %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

static long settime(clockid_t clk, long sec, long nsec)
{
	struct timespec ts = { sec, nsec };

	errno = 0;
	return syscall(SYS_clock_settime, clk, &ts);
}

static long settod(const struct timeval *tv, const struct timezone *tz)
{
	errno = 0;
	return syscall(SYS_settimeofday, tv, tz);
}

static void both(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	show("MONOTONIC", settime(CLOCK_MONOTONIC, now.tv_sec, 0));
	show("BOOTTIME", settime(CLOCK_BOOTTIME, now.tv_sec, 0));
	show("clock 99", settime(99, now.tv_sec, 0));
	show("PROCESS_CPUTIME_ID", settime(CLOCK_PROCESS_CPUTIME_ID, 0, 0));
	show("THREAD_CPUTIME_ID", settime(CLOCK_THREAD_CPUTIME_ID, 0, 0));
	errno = 0;
	show("THREAD_CPUTIME_ID, bad pointer", syscall(SYS_clock_settime, CLOCK_THREAD_CPUTIME_ID, (void *)8));
	errno = 0;
	show("REALTIME, bad pointer", syscall(SYS_clock_settime, CLOCK_REALTIME, (void *)8));
	show("REALTIME, tv_nsec 1e9", settime(CLOCK_REALTIME, now.tv_sec, 1000000000));
	show("REALTIME, tv_nsec -1", settime(CLOCK_REALTIME, now.tv_sec, -1));
	show("REALTIME, tv_sec -1", settime(CLOCK_REALTIME, -1, 0));
	show("REALTIME, KTIME_SEC_MAX", settime(CLOCK_REALTIME, KTIME_SEC_MAX, 0));
	show("settimeofday tv_usec 1000000", settod(&(struct timeval){ now.tv_sec, 1000000 }, NULL));
	show("settimeofday tv_usec -1", settod(&(struct timeval){ now.tv_sec, -1 }, NULL));
	show("settimeofday bad tv pointer", settod((void *)8, NULL));
	show("settimeofday bad tz pointer", settod(NULL, (void *)8));
	show("settimeofday zone +16 h", settod(NULL, &(struct timezone){ 16 * 60, 0 }));
	show("settimeofday zone -16 h", settod(NULL, &(struct timezone){ -16 * 60, 0 }));
}

static void nobody_only(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	show("TAI", settime(CLOCK_TAI, now.tv_sec, 0));
	show("REALTIME, TIME_SETTOD_SEC_MAX", settime(CLOCK_REALTIME, TIME_SETTOD_SEC_MAX, 0));
	show("REALTIME, now", settime(CLOCK_REALTIME, now.tv_sec, now.tv_nsec));
	show("REALTIME, TIME_SETTOD_SEC_MAX - 1", settime(CLOCK_REALTIME, TIME_SETTOD_SEC_MAX - 1, 0));
	show("settimeofday now", settod(&(struct timeval){ now.tv_sec, 0 }, NULL));
	show("settimeofday zone UTC", settod(NULL, &(struct timezone){ 0, 0 }));
	show("settimeofday NULL, NULL", settod(NULL, NULL));
}

int main(void)
{
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("root:\n");
	both();
	show("REALTIME, the epoch (before boot)", settime(CLOCK_REALTIME, 0, 0));
	show("settimeofday NULL, NULL", settod(NULL, NULL));
	printf("nobody:\n");
	if ((pid = fork()) == 0) {
		become_nobody();
		both();
		nobody_only();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return 0;
}
