/*
 * alarm() and setitimer(ITIMER_REAL) deliver SIGALRM (docs/linux-abi.md §4, §6):
 *   alarm(5) on no pending alarm -> 0; a second alarm(3) returns the
 *   seconds left of the first (5, rounded); alarm(0) cancels and returns 3;
 *   setitimer(ITIMER_REAL, 50 ms) with a handler: pause() -> -1 EINTR, the
 *   handler ran once; getitimer right after setting shows 0 < left <= 50 ms,
 *   and after expiry 0;
 *   a read() on an empty pipe interrupted by the alarm: with SA_RESTART it
 *   is restarted (the data written later by a child arrives), without ->
 *   EINTR;
 *   unhandled SIGALRM kills a child: WTERMSIG 14.
 */
#include "ftest.h"
#include <sys/time.h>
#include <time.h>

static volatile int alrm;

static void on_alrm(int sig)
{
	alrm++;
}

static int arm_ms(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	return setitimer(ITIMER_REAL, &it, NULL);
}

/* Instead of pause() where a missing timer would hang: sleep in 10 ms steps
 * for at most 2 s, until a signal interrupts a step. */
static void wait_for_signal(void)
{
	struct timespec ts = { 0, 10000000L };

	for (int i = 0; i < 200; i++)
		if (nanosleep(&ts, NULL) == -1)
			return;
}

static void read_case(const char *label, int flags)
{
	struct sigaction sa = { .sa_handler = on_alrm, .sa_flags = flags };
	int p[2], status;
	char buf[8] = { 0 };

	sigaction(SIGALRM, &sa, NULL);
	alrm = 0;
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 300000000L };
		close(p[0]);
		nanosleep(&ts, NULL);
		write(p[1], "late", 4);
		_exit(0);
	}
	close(p[1]);
	arm_ms(100);
	errno = 0;
	ssize_t n = read(p[0], buf, sizeof buf - 1);
	printf("%s: read %zd %s handler ran %d data \"%s\"\n", label, n,
	       errno_name(n < 0 ? errno : 0), alrm, n > 0 ? buf : "");
	while (read(p[0], buf, sizeof buf) > 0)
		;
	close(p[0]);
	waitpid(pid, &status, 0);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alrm };
	struct itimerval left;
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("alarm(5): %u\n", alarm(5));
	printf("alarm(3): %u\n", alarm(3));
	printf("alarm(0): %u\n", alarm(0));

	sigaction(SIGALRM, &sa, NULL);
	if (arm_ms(50) != 0) {
		/* No timer: pause() would never return. */
		printf("setitimer: %s\n", errno_name(errno));
		return 1;
	}
	getitimer(ITIMER_REAL, &left);
	long us = left.it_value.tv_sec * 1000000L + left.it_value.tv_usec;
	printf("getitimer after arming 50 ms: 0 < left <= 50 ms %d interval 0 %d\n",
	       us > 0 && us <= 50000, left.it_interval.tv_sec == 0 &&
	       left.it_interval.tv_usec == 0);
	errno = 0;
	int r = pause();
	printf("pause: %d %s handler ran %d\n", r, errno_name(errno), alrm);
	getitimer(ITIMER_REAL, &left);
	printf("getitimer after expiry: 0 %d\n",
	       left.it_value.tv_sec == 0 && left.it_value.tv_usec == 0);

	read_case("read SA_RESTART", SA_RESTART);
	read_case("read no SA_RESTART", 0);

	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		arm_ms(20);
		wait_for_signal();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("unhandled SIGALRM", status);
	return 0;
}
