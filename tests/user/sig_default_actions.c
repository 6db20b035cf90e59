/*
 * The default action of every signal (docs/linux-abi.md §4 table: term, core,
 * ign, stop, cont; musl reserves 32-34, so those are sent with a raw tkill).
 * For each signal n in 1..64 except SIGKILL/SIGSTOP (9, 19), a forked
 * child with every action SIG_DFL and nothing blocked sends itself n with
 * tkill, then _exit(0)s if it is still running.  The parent waits with
 * WUNTRACED and prints one of: "survived" (the signal was ignored),
 * "killed by N", or "stopped by N" (then it SIGKILLs and reaps the child).
 * SIGKILL and SIGSTOP themselves are sent last.  Finally the main process
 * blocks nothing and raises SIGPIPE itself: the run ends with [signal 13].
 */
#include "ftest.h"

static void try_sig(int n)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		syscall(SYS_tkill, syscall(SYS_gettid), n);
		_exit(0);
	}
	waitpid(pid, &status, WUNTRACED);
	if (WIFEXITED(status)) {
		printf("%2d %-9s survived (exit %d)\n", n, sig_name(n), WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		printf("%2d %-9s killed by %d\n", n, sig_name(n), WTERMSIG(status));
	} else if (WIFSTOPPED(status)) {
		printf("%2d %-9s stopped by %d\n", n, sig_name(n), WSTOPSIG(status));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	} else {
		printf("%2d other\n", n);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int n = 1; n <= 64; n++)
		if (n != SIGKILL && n != SIGSTOP)
			try_sig(n);
	try_sig(SIGKILL);
	try_sig(SIGSTOP);
	printf("main: raising SIGPIPE\n");
	signal(SIGPIPE, SIG_DFL);
	raise(SIGPIPE);
	printf("main: survived SIGPIPE\n");
	return 0;
}
