/*
 * Instructions per stack-growth fault.  Each round runs in a freshly forked
 * child, whose stack has only the pages the parent touched.  The child moves
 * %rsp SKIP bytes further down (past the initial stack VMA: Linux gives a new
 * process 128 KiB), then walks down PAGES pages, moving %rsp one page at a
 * time and writing at the new %rsp: every write is the first touch of that
 * page and extends the stack VMA.  The child sends its delta to the parent
 * through a pipe.
 */
#include "bench.h"
#include <sys/wait.h>

#define PAGES 256
#define SKIP (160 * PAGE)
#define ROUNDS 9

static uint64_t walk(void)
{
	unsigned long n = PAGES;
	uint64_t t0 = rdtsc();
	__asm__ volatile(
		"mov %%rsp, %%r8\n\t"
		"sub %[skip], %%rsp\n\t"
		"1:\n\t"
		"sub $4096, %%rsp\n\t"
		"movq $0, (%%rsp)\n\t"
		"dec %[n]\n\t"
		"jnz 1b\n\t"
		"mov %%r8, %%rsp\n\t"
		: [n] "+r"(n)
		: [skip] "r"(SKIP)
		: "r8", "memory", "cc");
	uint64_t t1 = rdtsc();
	return t1 - t0;
}

int main(void)
{
	uint64_t d[ROUNDS];
	for (int r = -1; r < ROUNDS; r++) {
		int fds[2], st;
		uint64_t delta;
		if (pipe(fds))
			bench_die("stack_growth_fault", "pipe");
		pid_t pid = fork();
		if (pid < 0)
			bench_die("stack_growth_fault", "fork");
		if (pid == 0) {
			delta = walk();
			if (write(fds[1], &delta, sizeof(delta)) != sizeof(delta))
				_exit(1);
			_exit(0);
		}
		close(fds[1]);
		if (read(fds[0], &delta, sizeof(delta)) != sizeof(delta))
			bench_die("stack_growth_fault", "the child's walk");
		close(fds[0]);
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
			bench_die("stack_growth_fault", "the child");
		if (r >= 0)
			d[r] = delta;
	}
	bench_report("stack_growth_fault", PAGES, d, ROUNDS);
	return 0;
}
