/*
 * RLIMIT_CPU (Linux: check_process_timers): a child with a limit of 1 s
 * soft, 2 s hard spins; past one second of CPU time it gets SIGXCPU
 * (si_code SI_KERNEL) and its soft limit moves up to 2; at the hard limit
 * it is killed by SIGKILL.  About 2 s of CPU time.
 */
#include "ftest.h"
#include <sys/resource.h>

static volatile int xcpu, xcpu_code;

static void on_xcpu(int sig, siginfo_t *si, void *ctx)
{
	xcpu++;
	xcpu_code = si->si_code;
}

int main(void)
{
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (fork() == 0) {
		struct rlimit rl = { 1, 2 };
		struct sigaction sa = { 0 };
		int seen = 0;

		sa.sa_sigaction = on_xcpu;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGXCPU, &sa, NULL);
		if (setrlimit(RLIMIT_CPU, &rl))
			_exit(1);
		for (;;) {
			if (xcpu && !seen) {
				seen = 1;
				getrlimit(RLIMIT_CPU, &rl);
				printf("SIGXCPU, si_code SI_KERNEL %d, soft limit now %ld, hard %ld\n",
				       xcpu_code == SI_KERNEL, (long)rl.rlim_cur, (long)rl.rlim_max);
			}
		}
	}
	wait(&status);
	printf("child: signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
	return 0;
}
