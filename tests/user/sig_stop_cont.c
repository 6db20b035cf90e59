/*
 * sig_stop_cont - job-control signals (docs/linux-abi.md §4: SIGSTOP "stop",
 * SIGCONT "cont"; wait status stopped = sig<<8|0x7f, continued = 0xffff).
 * A child sleeping in a loop is stopped with SIGSTOP: wait4(WUNTRACED)
 * reports WIFSTOPPED with WSTOPSIG 19 (raw 0x137f); SIGCONT resumes it and
 * wait4(WCONTINUED) reports WIFCONTINUED (raw 0xffff); a second wait with
 * WNOHANG|WUNTRACED|WCONTINUED then reports nothing (each event once).
 * Stopped again with SIGTSTP, it still dies of SIGKILL.  SIGSTOP cannot be
 * caught or blocked: sigaction(SIGSTOP) -> EINVAL.
 */
#include "ftest.h"
#include <time.h>

static void sleep_forever(void)
{
	for (;;)
		nanosleep(&(struct timespec){ 0, 10000000L }, NULL);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = SIG_IGN };
	pid_t child, r;
	int st;

	setvbuf(stdout, NULL, _IONBF, 0);
	r = sigaction(SIGSTOP, &sa, NULL);
	printf("sigaction(SIGSTOP): %d %s\n", r, errno_name(errno));
	child = fork();
	if (child == 0)
		sleep_forever();
	kill(child, SIGSTOP);
	r = waitpid(child, &st, WUNTRACED);
	printf("after SIGSTOP: pid ok %d WIFSTOPPED %d WSTOPSIG %d raw %#x\n", r == child, WIFSTOPPED(st),
	       WSTOPSIG(st), st);
	kill(child, SIGCONT);
	r = waitpid(child, &st, WCONTINUED);
	printf("after SIGCONT: pid ok %d WIFCONTINUED %d raw %#x\n", r == child, WIFCONTINUED(st), st);
	r = waitpid(child, &st, WNOHANG | WUNTRACED | WCONTINUED);
	printf("nothing more to report: %d\n", r);
	kill(child, SIGTSTP);
	r = waitpid(child, &st, WUNTRACED);
	printf("after SIGTSTP: WIFSTOPPED %d WSTOPSIG %d\n", WIFSTOPPED(st), WSTOPSIG(st));
	kill(child, SIGKILL);
	r = waitpid(child, &st, 0);
	printf("after SIGKILL: pid ok %d WIFSIGNALED %d WTERMSIG %d\n", r == child, WIFSIGNALED(st), WTERMSIG(st));
	return 0;
}
