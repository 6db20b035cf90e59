/* Instructions per fork() + child _exit(0) + waitpid() in the parent,
 * counting both processes' instructions (one CPU: the TSC counts all). */
#include "bench.h"
#include <sys/wait.h>

#define ITERS 16
#define ROUNDS 9

int main(void)
{
	uint64_t d[ROUNDS];
	for (int r = -1; r < ROUNDS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++) {
			int st;
			pid_t pid = fork();
			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
				bench_die("fork_exit_wait", "fork/waitpid");
		}
		uint64_t t1 = rdtsc();
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report("fork_exit_wait", ITERS, d, ROUNDS);
	return 0;
}
