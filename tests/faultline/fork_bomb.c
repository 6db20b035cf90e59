/*
 * fork_bomb - a process forks until fork fails.  Root is exempt from
 * RLIMIT_NPROC, so what stops it is Linux's threads-max: kernel stacks may
 * take at most an eighth of RAM (kernel/fork.c max_threads), and fork then
 * fails with EAGAIN - not with an OOM kill, and not with a kernel panic.
 * In an 80 MiB guest that is a few hundred tasks.  Once the children are
 * killed and reaped, fork works again.  faultline only: on the host the
 * limit is far higher, and a fork bomb there is a bad idea.  Expected
 * output written from those rules.
 *
 * qrun-args: --mem 80M --disk-size 1M
 */
#include "ftest.h"
#include <signal.h>
#include <sys/wait.h>

#define MAX_KIDS 100000
#define FEW 20

static pid_t kids[MAX_KIDS];

int main(void)
{
	int n = 0, err = 0, status;
	setvbuf(stdout, NULL, _IONBF, 0);
	while (n < MAX_KIDS) {
		pid_t pid = fork();
		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	printf("fork failed with %s after more than %d children: %d\n", errno_name(err), FEW, n > FEW);
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	int reaped = 0;
	while (waitpid(-1, &status, 0) > 0)
		reaped += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	printf("every child reaped, killed by SIGKILL: %d\n", reaped == n);
	pid_t again = fork();
	if (again == 0)
		_exit(7);
	waitpid(again, &status, 0);
	printf("fork works again: %d\n", again > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 7);
	return 0;
}
