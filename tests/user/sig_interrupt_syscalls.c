/*
 * Which blocking calls a handled signal interrupts, and what they return
 * (docs/linux-abi.md §6 "sigaction": with SA_RESTART a blocking read is
 * restarted, without it EINTR; pause and nanosleep are never restarted).
 * Linux's rules by call: wait4 and pipe read/write use -ERESTARTSYS
 * (restarted with SA_RESTART); poll, select and sigsuspend-like calls are
 * never restarted after a handler ran (-ERESTARTNOHAND /
 * -ERESTART_RESTARTBLOCK): they return EINTR even with SA_RESTART; and a
 * pipe write that had already copied some bytes returns that count
 * instead of failing or restarting.
 * A child sends the parent SIGUSR1 100 ms after it said "ready", and acts
 * 100 ms after that (writes, reads or exits) so a restarted call can
 * finish.  Each line: the call, SA_RESTART or not, its result, errno, and
 * whether the handler ran.
 *   wait4 on a child that exits later;  poll on an empty pipe (timeout
 *   5 s);  select on an empty pipe (5 s);  a 100000-byte write to an empty
 *   pipe (65536 fit, then it blocks; the child drains the pipe after the
 *   signal);  read on an empty pipe.
 */
#include "ftest.h"
#include <poll.h>
#include <sys/select.h>

static volatile int ran;
static void on_usr1(int sig) { (void)sig; ran++; }

static const char *ename(int e) { return e == 0 ? "-" : errno_name(e); }

enum { W_WAIT, W_POLL, W_SELECT, W_WRITE, W_READ };

static void one(int what, int restart)
{
	static char big[100000];
	static const char *names[] = { "wait4", "poll", "select", "write 100000", "read" };
	struct sigaction sa;
	int p[2], sync[2], status;
	char c;
	long r;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
	pipe(p);
	pipe(sync);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		close(sync[0]);
		write(sync[1], "r", 1);
		usleep(100000);
		kill(parent, SIGUSR1);
		usleep(100000);
		if (what == W_WRITE) {
			size_t got = 0;
			ssize_t n;
			close(p[1]);
			while ((n = read(p[0], big, sizeof big)) > 0)
				got += n;
			_exit(got == 65536 ? 0 : got > 65536 ? 1 : 2);
		}
		if (what == W_POLL || what == W_SELECT || what == W_READ)
			write(p[1], "d", 1);
		_exit(0);
	}
	close(sync[1]);
	read(sync[0], &c, 1);
	ran = 0;
	errno = 0;
	switch (what) {
	case W_WAIT:
		r = waitpid(pid, &status, 0);
		r = r == pid ? 1 : r;
		break;
	case W_POLL: {
		struct pollfd pf = { p[0], POLLIN, 0 };
		r = poll(&pf, 1, 5000);
		break;
	}
	case W_SELECT: {
		fd_set rs;
		struct timeval tv = { 5, 0 };
		FD_ZERO(&rs);
		FD_SET(p[0], &rs);
		r = select(p[0] + 1, &rs, NULL, NULL, &tv);
		break;
	}
	case W_WRITE:
		close(p[0]);
		r = write(p[1], big, sizeof big);
		break;
	default:
		r = read(p[0], &c, 1);
		break;
	}
	int e = r < 0 ? errno : 0;
	printf("%-12s %-11s -> %ld %s, handler ran %d\n", names[what],
	       restart ? "SA_RESTART" : "no restart", r, ename(e), ran);
	close(p[1]);
	if (what != W_WRITE)
		close(p[0]);
	close(sync[0]);
	if (what != W_WAIT || r != 1)
		waitpid(pid, &status, 0);
	if (what == W_WRITE)
		printf("%-12s %-11s    reader got exactly 65536: %d\n", "", "",
		       WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	for (int w = W_WAIT; w <= W_READ; w++)
		for (int restart = 1; restart >= 0; restart--)
			one(w, restart);
	return 0;
}
