/*
 * Signals between processes (docs/linux-abi.md §4, §5, §6, §11).  The parent
 * forks a child that blocks in pause(), waits for its "ready" byte on a pipe
 * (plus 100 ms so that it is really inside pause), then kill()s it:
 *   SIGUSR1 with a handler:  the handler runs (si_code SI_USER, si_pid = the
 *     parent), pause() returns -1 EINTR, the child exits 3;
 *   SIGUSR1 unhandled:       the child dies, WTERMSIG 10;
 *   SIGKILL (a USR1 handler is installed, irrelevant): WTERMSIG 9.
 * The parent has a SA_SIGINFO SIGCHLD handler: for each child it gets
 * si_code CLD_EXITED with si_status = the exit code, or CLD_KILLED with
 * si_status = the signal, and si_pid = the child.  wait4 reports the same.
 * waitpid(WNOHANG) on a running child returns 0; after the child exits it
 * returns the pid with the status.  With no children left, wait4 -> ECHILD
 * (WNOHANG too), and waitpid of a pid that is not our child -> ECHILD.
 */
#include "ftest.h"
#include <time.h>

#define EXIT_HANDLED 3
#define EXIT_WNOHANG 4

static volatile int chld_count, chld_code, chld_status, chld_pid;
static volatile int usr1_ran, usr1_code, usr1_from_parent;
static pid_t parent_pid;

static void on_chld(int sig, siginfo_t *si, void *ctx)
{
	chld_count++;
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_pid = si->si_pid;
}

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	usr1_ran++;
	usr1_code = si->si_code;
	usr1_from_parent = si->si_pid == parent_pid;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static const char *cld_name(int code)
{
	switch (code) {
	case CLD_EXITED: return "CLD_EXITED";
	case CLD_KILLED: return "CLD_KILLED";
	case CLD_DUMPED: return "CLD_DUMPED";
	}
	return "CLD?";
}

static void set_usr1(int handled)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };

	if (!handled)
		sa.sa_handler = SIG_DFL, sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
}

/* Fork a child that pauses; kill it with sig; report everything. */
static void pause_child(const char *label, int handled, int sig)
{
	int p[2], status;
	char c;

	set_usr1(handled);
	pipe(p);
	chld_count = 0;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		write(p[1], "r", 1);
		int r = pause();
		printf("%s child: pause %d %s usr1_ran %d si_code %s si_pid_is_parent %d\n",
		       label, r, errno_name(errno), usr1_ran,
		       code_name(SIGUSR1, usr1_code), usr1_from_parent);
		_exit(EXIT_HANDLED);
	}
	close(p[1]);
	read(p[0], &c, 1);
	close(p[0]);
	sleep_ms(100);
	int k = kill(pid, sig);
	pid_t got = wait4(pid, &status, 0, NULL);
	/* Printed only now: the child's own line comes first. */
	printf("%s: kill %d\n", label, k);
	printf("%s: wait4 returned the child %d\n", label, got == pid);
	print_wait_status(label, status);
	printf("%s: SIGCHLD count %d si_code %s si_status %d si_pid_is_child %d\n",
	       label, chld_count, cld_name(chld_code), chld_status,
	       chld_pid == pid);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld,
				.sa_flags = SA_SIGINFO | SA_RESTART };
	int p[2], status = -1;
	char c = 'x';

	setvbuf(stdout, NULL, _IONBF, 0);
	parent_pid = getpid();
	sigaction(SIGCHLD, &sa, NULL);

	pause_child("USR1 handled", 1, SIGUSR1);
	pause_child("USR1 unhandled", 0, SIGUSR1);
	pause_child("KILL", 1, SIGKILL);

	/* WNOHANG before and after the child exits. */
	pipe(p);
	chld_count = 0;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);	/* blocks until the parent writes */
		_exit(EXIT_WNOHANG);
	}
	close(p[0]);
	sleep_ms(50);
	pid_t r = waitpid(pid, &status, WNOHANG);
	printf("WNOHANG while running: %d\n", r);
	write(p[1], &c, 1);
	close(p[1]);
	while ((r = waitpid(pid, &status, WNOHANG)) == 0)
		sleep_ms(10);
	printf("WNOHANG after exit: returned the child %d\n", r == pid);
	print_wait_status("WNOHANG", status);
	printf("WNOHANG: SIGCHLD count %d si_code %s si_status %d\n",
	       chld_count, cld_name(chld_code), chld_status);

	errno = 0;
	r = wait4(-1, &status, 0, NULL);
	printf("wait4(-1) without children: %d %s\n", r, errno_name(errno));
	errno = 0;
	r = wait4(-1, &status, WNOHANG, NULL);
	printf("wait4(-1, WNOHANG) without children: %d %s\n", r,
	       errno_name(errno));
	errno = 0;
	r = waitpid(getpid(), &status, 0);
	printf("waitpid(self): %d %s\n", r, errno_name(errno));
	errno = 0;
	r = waitpid(pid, &status, 0);
	printf("waitpid(reaped child): %d %s\n", r, errno_name(errno));
	return 0;
}
