/*
 * sigtimedwait_sigkill - SIGKILL ends a task that waits in rt_sigtimedwait,
 * whatever set it waits for (empty, or SIGUSR2), also after a handled
 * SIGUSR1 interrupted the wait once (EINTR, and the wait is restarted by
 * the loop).  faultline once "took" the pending SIGKILL as the waited-for
 * signal: the call returned 9 and the task lived on (found by LTP
 * sigtimedwait01 and sigwaitinfo01).
 */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <errno.h>
static void h(int s) { (void)s; }
int main(void)
{
	for (int variant = 0; variant < 2; variant++) {
		pid_t c = fork();
		if (!c) {
			signal(SIGUSR1, h);
			sigset_t s; sigemptyset(&s);
			if (variant) sigaddset(&s, SIGUSR2);
			siginfo_t si;
			long r;
			do r = syscall(SYS_rt_sigtimedwait, &s, &si, NULL, 8); while (r < 0 && errno == EINTR);
			printf("child: rt_sigtimedwait returned %ld: not killed\n", r);
			fflush(stdout);
			_exit(42);
		}
		usleep(300000);
		kill(c, SIGUSR1);
		usleep(300000);
		kill(c, SIGKILL);
		int st; waitpid(c, &st, 0);
		printf("variant %d: child %s %d\n", variant, WIFSIGNALED(st) ? "killed by signal" : "exited with", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	}
	return 0;
}
