/*
 * Basic delivery of SIGUSR1 to a SA_SIGINFO handler (docs/linux-abi.md §5, §6):
 *   kill(getpid()) -> si_code SI_USER, si_pid = our pid; delivered before
 *     kill returns.  raise() (musl: tkill) -> si_code SI_TKILL.
 *   While the handler runs SIGUSR1 is blocked; with SA_NODEFER it is not.
 *   Blocked, then sent: it stays pending (sigpending) and runs as soon as
 *     it is unblocked, before sigprocmask returns.
 *   SA_RESETHAND: runs once, then the action is SIG_DFL, so a second
 *     SIGUSR1 (sent in a child) kills with signal 10.
 */
#include "ftest.h"

static volatile int ran, code, pid_is_self, blocked_inside;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	sigset_t cur;

	ran++;
	code = si->si_code;
	pid_is_self = si->si_pid == getpid();
	sigprocmask(SIG_BLOCK, NULL, &cur);	/* query only */
	blocked_inside = sigismember(&cur, SIGUSR1);
}

static void install(int extra_flags)
{
	struct sigaction sa = { .sa_sigaction = on_usr1,
				.sa_flags = SA_SIGINFO | extra_flags };
	sigaction(SIGUSR1, &sa, NULL);
}

static void show(const char *label)
{
	printf("%s: ran %d si_code %s si_pid_is_self %d blocked_inside %d\n",
	       label, ran, code_name(SIGUSR1, code), pid_is_self, blocked_inside);
	ran = 0;
}

int main(void)
{
	sigset_t usr1, pending;
	struct sigaction now;
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);

	install(0);
	kill(getpid(), SIGUSR1);
	show("kill");
	raise(SIGUSR1);
	show("raise");

	sigprocmask(SIG_BLOCK, &usr1, NULL);
	kill(getpid(), SIGUSR1);
	sigpending(&pending);
	printf("while blocked: ran %d pending %d\n", ran,
	       sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	sigpending(&pending);
	printf("after unblock: pending %d\n", sigismember(&pending, SIGUSR1));
	show("after unblock");

	install(SA_NODEFER);
	raise(SIGUSR1);
	show("SA_NODEFER");

	install(SA_RESETHAND);
	raise(SIGUSR1);
	show("SA_RESETHAND");
	sigaction(SIGUSR1, NULL, &now);
	printf("SA_RESETHAND: now SIG_DFL %d\n", now.sa_handler == SIG_DFL);
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGUSR1);
		printf("child: survived\n");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("second SIGUSR1 in child", status);
	return 0;
}
