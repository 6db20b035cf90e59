/*
 * timer_overrun - POSIX timers' overrun count and argument order (Linux
 * kernel/time/posix-timers.c): a periodic timer armed in the past counts
 * every interval it missed as an overrun (hrtimer_forward), reported in
 * si_overrun and by timer_getoverrun, capped at INT_MAX; timer_settime
 * checks a NULL new value (EINVAL) before the timer id; CLOCK_TAI timers
 * exist; the alarm clocks need an RTC that can wake the machine
 * (EOPNOTSUPP without one, as on this host and in faultline).
 */
#include "ftest.h"
#include <signal.h>
#include <time.h>
#include <limits.h>

#define CLOCK_REALTIME_ALARM 8
#define CLOCK_TAI 11

static long create(clockid_t clk, int *t)	/* the kernel's timer id is an int */
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };

	return syscall(SYS_timer_create, clk, &sev, t);
}

/* Arm @t with @interval_ns, first expiry @past_ns ago (absolute), then wait for its signal. */
static int overrun_after(int t, long interval_ns, long long past_ns, int *out_si)
{
	struct itimerspec its = { .it_interval = { 0, interval_ns } }, off = { 0 };
	struct timespec now;
	sigset_t set;
	siginfo_t info;
	long long at;
	int r;

	clock_gettime(CLOCK_REALTIME, &now);
	at = now.tv_sec * 1000000000LL + now.tv_nsec - past_ns;
	its.it_value.tv_sec = at / 1000000000LL;
	its.it_value.tv_nsec = at % 1000000000LL;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	syscall(SYS_timer_settime, t, TIMER_ABSTIME, &its, NULL);
	sigwaitinfo(&set, &info);
	r = syscall(SYS_timer_getoverrun, t);
	syscall(SYS_timer_settime, t, 0, &off, NULL);
	*out_si = info.si_overrun;
	return r;
}

int main(void)
{
	int t = 0, tai = 0, bad = 12345;
	sigset_t set;
	int r, si;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("timer_create REALTIME: %ld\n", create(CLOCK_REALTIME, &t));
	r = overrun_after(t, 1000000, 1000000000LL, &si);
	printf("1 ms period armed 1 s ago: overrun about 1000: %s, si_overrun the same: %s\n",
	       r >= 900 && r <= 1200 ? "yes" : "no", si == r ? "yes" : "no");
	r = overrun_after(t, 1, 3000000000LL, &si);
	printf("1 ns period armed 3 s ago: overrun INT_MAX: %s\n", r == INT_MAX ? "yes" : "no");
	errno = 0;
	printf("timer_settime NULL value: %s\n",
	       syscall(SYS_timer_settime, t, 0, NULL, NULL) ? errno_name(errno) : "0");
	printf("timer_settime bad id: %s\n",
	       syscall(SYS_timer_settime, bad, 0, &(struct itimerspec){ 0 }, NULL) ? errno_name(errno) : "0");
	printf("timer_create TAI: %s\n", create(CLOCK_TAI, &tai) ? errno_name(errno) : "0");
	printf("timer_create REALTIME_ALARM: %s\n", create(CLOCK_REALTIME_ALARM, &tai) ? errno_name(errno) : "0");
	return 0;
}
