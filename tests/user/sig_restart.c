/*
 * Interrupted system calls (docs/linux-abi.md §6 "sigaction").  A child sends
 * SIGUSR1 to the parent with kill() after 100 ms, then writes "data" into a
 * pipe 100 ms later.  Meanwhile the parent blocks:
 *   read() on the empty pipe, handler with SA_RESTART: the handler runs, the
 *     read is restarted and returns the 4 bytes;
 *   the same without SA_RESTART: read returns -1 EINTR (then a second read
 *     gets the data);
 *   nanosleep(5 s): -1 EINTR with the remaining time written (0 < rem < 5 s),
 *     with and without SA_RESTART (nanosleep is never restarted);
 *   pause(): -1 EINTR, with and without SA_RESTART.
 * Each child exits 0.
 */
#include "ftest.h"
#include <time.h>

static volatile int ran;

static void on_usr1(int sig)
{
	ran++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void install(int flags)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };

	sigaction(SIGUSR1, &sa, NULL);
	ran = 0;
}

/* The child: signal the parent, then write "data" into fd. */
static pid_t start_child(int *p)
{
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		sleep_ms(100);
		kill(getppid(), SIGUSR1);
		sleep_ms(100);
		write(p[1], "data", 4);
		_exit(0);
	}
	close(p[1]);
	return pid;
}

/* Drain the pipe (so the child's write never meets a closed pipe), reap. */
static void reap(const char *label, pid_t pid, int *p)
{
	char buf[16];
	int status;

	while (read(p[0], buf, sizeof buf) > 0)
		;
	close(p[0]);
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

static void read_case(const char *label, int flags)
{
	int p[2];
	char buf[16] = { 0 };

	install(flags);
	pid_t pid = start_child(p);
	errno = 0;
	ssize_t n = read(p[0], buf, sizeof buf - 1);
	printf("%s: read %zd %s handler ran %d data \"%s\"\n", label, n,
	       errno_name(n < 0 ? errno : 0), ran, n > 0 ? buf : "");
	if (n < 0) {
		n = read(p[0], buf, sizeof buf - 1);
		printf("%s: read again %zd data \"%s\"\n", label, n,
		       n > 0 ? buf : "");
	}
	reap(label, pid, p);
}

static void nanosleep_case(const char *label, int flags)
{
	int p[2];
	struct timespec req = { 5, 0 }, rem = { -1, -1 };

	install(flags);
	pid_t pid = start_child(p);
	errno = 0;
	int r = nanosleep(&req, &rem);
	printf("%s: nanosleep %d %s handler ran %d rem > 0 %d rem < 5 s %d\n",
	       label, r, errno_name(r < 0 ? errno : 0), ran,
	       rem.tv_sec > 0 || (rem.tv_sec == 0 && rem.tv_nsec > 0),
	       rem.tv_sec >= 0 && rem.tv_sec < 5 && rem.tv_nsec >= 0 &&
	       rem.tv_nsec < 1000000000L);
	reap(label, pid, p);
}

static void pause_case(const char *label, int flags)
{
	int p[2];

	install(flags);
	pid_t pid = start_child(p);
	errno = 0;
	int r = pause();
	printf("%s: pause %d %s handler ran %d\n", label, r,
	       errno_name(r < 0 ? errno : 0), ran);
	reap(label, pid, p);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	read_case("read SA_RESTART", SA_RESTART);
	read_case("read no SA_RESTART", 0);
	nanosleep_case("nanosleep SA_RESTART", SA_RESTART);
	nanosleep_case("nanosleep no SA_RESTART", 0);
	pause_case("pause SA_RESTART", SA_RESTART);
	pause_case("pause no SA_RESTART", 0);
	return 0;
}
