/*
 * timer_one_signal - a POSIX timer has one signal of its own (Linux
 * kernel/time/posix-timers.c: the preallocated sigqueue).  Checked, with
 * the signal blocked and a 10 ms periodic timer left to run for 150 ms:
 *   for a real-time signal and for SIGUSR1 alike, exactly one signal is
 *   queued (sigtimedwait with a zero timeout finds no second one);
 *   its si_overrun counts the expiries while it waited (at least 5 here,
 *   at most the 15 intervals there were), and timer_getoverrun then
 *   reports the same count;
 *   a signal still queued when the timer is deleted, or set again, is
 *   dropped (Linux 6.13 on): no signal is left to take.
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <time.h>

static int take(int sig, siginfo_t *si)
{
	sigset_t set;
	struct timespec zero = { 0, 0 };

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, si, &zero);
}

static timer_t start(int sig, long period_ns)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = sig };
	struct itimerspec its = { { 0, period_ns }, { 0, period_ns } };
	timer_t t;

	timer_create(CLOCK_MONOTONIC, &sev, &t);
	timer_settime(t, 0, &its, NULL);
	return t;
}

static void periodic(const char *name, int sig)
{
	timer_t t = start(sig, 10 * 1000 * 1000);
	siginfo_t si;
	int r;

	usleep(150 * 1000);
	r = take(sig, &si);
	printf("%s: first take %s, si_code SI_TIMER %d, overrun 5..15 %d\n", name, r == sig ? "ok" : "none",
	       si.si_code == SI_TIMER, si.si_overrun >= 5 && si.si_overrun <= 15);
	printf("%s: timer_getoverrun equals it %d\n", name, timer_getoverrun(t) == si.si_overrun);
	timer_delete(t);
	r = take(sig, &si);
	printf("%s: second take %s\n", name, r == sig ? "a signal" : errno == EAGAIN ? "EAGAIN" : "error");
}

static void dropped(const char *name, int sig, int settime)
{
	timer_t t = start(sig, 5 * 1000 * 1000);
	struct itimerspec far = { { 0, 0 }, { 100, 0 } };
	siginfo_t si;
	sigset_t pend;

	usleep(50 * 1000);
	sigpending(&pend);
	printf("%s: pending before %d\n", name, sigismember(&pend, sig));
	if (settime)
		timer_settime(t, 0, &far, NULL);
	else
		timer_delete(t);
	printf("%s: take after %s: %s\n", name, settime ? "timer_settime" : "timer_delete",
	       take(sig, &si) == sig ? "a signal" : errno == EAGAIN ? "EAGAIN" : "error");
	if (settime)
		timer_delete(t);
}

int main(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	periodic("rt", SIGRTMIN + 1);
	periodic("usr1", SIGUSR1);
	dropped("rt", SIGRTMIN + 1, 0);
	dropped("usr1", SIGUSR1, 0);
	dropped("rt", SIGRTMIN + 1, 1);
	dropped("usr1", SIGUSR1, 1);
	return 0;
}
