/*
 * CPU-time interval timers and POSIX timers (docs/linux-abi.md §4: SIGVTALRM 26
 * and SIGPROF 27 terminate by default; §5 si_code SI_TIMER -2, timer
 * siginfo: si_timerid 16, si_overrun 20, si_value 24; §11 clocks).  Only
 * booleans and counts that cannot vary are printed:
 *   setitimer(ITIMER_VIRTUAL, 20 ms) while spinning: SIGVTALRM arrives
 *     (within 1 s of spinning), and getitimer right after arming shows it
 *     armed; setitimer(ITIMER_PROF, 20 ms): SIGPROF arrives;
 *     an ITIMER_VIRTUAL does not advance while the process sleeps (200 ms
 *     of nanosleep with a 20 ms virtual timer: no signal);
 *   setitimer with which = 3 -> EINVAL; tv_usec 1000000 -> EINVAL;
 *   unhandled SIGVTALRM kills a child: WTERMSIG 26;
 *   timer_create(CLOCK_MONOTONIC, SIGEV_SIGNAL SIGUSR1, value 77), armed for
 *     30 ms: the handler runs once with si_code SI_TIMER and si_value 77;
 *     timer_gettime right after arming shows (0, 30 ms]; a periodic 10 ms
 *     timer fires at least 3 times in 100 ms; timer_delete -> 0; a deleted
 *     timer's timer_settime -> EINVAL; timer_create on clock 12345 -> EINVAL.
 */
#include "ftest.h"
#include <sys/time.h>
#include <time.h>

static volatile int vt, prof, usr1, usr1_code, usr1_value;

static void on_vt(int sig) { (void)sig; vt++; }
static void on_prof(int sig) { (void)sig; prof++; }
static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)sig; (void)ctx;
	usr1++;
	usr1_code = si->si_code;
	usr1_value = si->si_value.sival_int;
}

static long long mono(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void spin_until(volatile int *flag, long long max_ns)
{
	long long end = mono() + max_ns;
	volatile unsigned long x = 0;

	while (!*flag && mono() < end)
		for (int i = 0; i < 10000; i++)
			x += i;
}

int main(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } }, cur, zero = { { 0, 0 }, { 0, 0 } };
	int status, r;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGVTALRM, on_vt);
	signal(SIGPROF, on_prof);

	errno = 0;
	r = setitimer(ITIMER_VIRTUAL, &it, NULL);
	printf("setitimer(ITIMER_VIRTUAL, 20 ms): %d %s\n", r, errno_name(errno));
	cur = zero;
	getitimer(ITIMER_VIRTUAL, &cur);
	printf("  getitimer: armed %d\n", cur.it_value.tv_sec > 0 || cur.it_value.tv_usec > 0);
	spin_until(&vt, 1000000000LL);
	printf("  SIGVTALRM while spinning: %d\n", vt);
	setitimer(ITIMER_VIRTUAL, &zero, NULL);

	errno = 0;
	r = setitimer(ITIMER_PROF, &it, NULL);
	printf("setitimer(ITIMER_PROF, 20 ms): %d %s\n", r, errno_name(errno));
	spin_until(&prof, 1000000000LL);
	printf("  SIGPROF while spinning: %d\n", prof);
	setitimer(ITIMER_PROF, &zero, NULL);

	vt = 0;
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	usleep(200000);
	printf("ITIMER_VIRTUAL during 200 ms of sleep: %d signals\n", vt);
	setitimer(ITIMER_VIRTUAL, &zero, NULL);

	errno = 0;
	r = setitimer(3, &it, NULL);
	printf("setitimer(3): %d %s\n", r, errno_name(errno));
	{
		struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
		errno = 0;
		r = setitimer(ITIMER_REAL, &bad, NULL);
		printf("setitimer tv_usec 1000000: %d %s\n", r, errno_name(errno));
	}

	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGVTALRM, SIG_DFL);
		setitimer(ITIMER_VIRTUAL, &it, NULL);
		int never = 0;
		spin_until(&never, 1000000000LL);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("unhandled SIGVTALRM", status);

	{
		struct sigaction sa;
		struct sigevent sev;
		timer_t t;
		struct itimerspec its = { { 0, 0 }, { 0, 30000000 } }, got;

		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_usr1;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR1, &sa, NULL);
		memset(&sev, 0, sizeof sev);
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = SIGUSR1;
		sev.sigev_value.sival_int = 77;
		errno = 0;
		r = timer_create(CLOCK_MONOTONIC, &sev, &t);
		printf("timer_create: %d %s\n", r, errno_name(errno));
		if (r == 0) {
			r = timer_settime(t, 0, &its, NULL);
			timer_gettime(t, &got);
			printf("  timer_settime 30 ms: %d, gettime in (0, 30 ms] %d\n", r,
			       got.it_value.tv_sec == 0 && got.it_value.tv_nsec > 0 &&
			       got.it_value.tv_nsec <= 30000000);
			usleep(100000);
			printf("  fired %d si_code SI_TIMER %d si_value %d\n", usr1,
			       usr1_code == SI_TIMER, usr1_value);
			usr1 = 0;
			its.it_interval.tv_nsec = 10000000;
			its.it_value.tv_nsec = 10000000;
			timer_settime(t, 0, &its, NULL);
			long long end = mono() + 100000000LL;
			while (mono() < end)
				usleep(5000);
			memset(&its, 0, sizeof its);
			timer_settime(t, 0, &its, NULL);
			printf("  periodic 10 ms over 100 ms: fired >= 3 %d\n", usr1 >= 3);
			printf("  timer_delete: %d\n", timer_delete(t));
			errno = 0;
			r = timer_settime(t, 0, &its, NULL);
			printf("  timer_settime after delete: %d %s\n", r, errno_name(errno));
		}
		errno = 0;
		r = timer_create(12345, &sev, &t);
		printf("timer_create(clock 12345): %d %s\n", r, errno_name(errno));
	}
	return 0;
}
