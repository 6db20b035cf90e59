/* Instructions per getppid() round trip (the syscall instruction inline,
 * so no libc wrapper is counted). */
#include "bench.h"
#include <sys/syscall.h>

#define ITERS 1000
#define ROUNDS 21

static inline long syscall0(long nr)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	uint64_t d[ROUNDS];
	long ppid = getppid();
	for (int r = -1; r < ROUNDS; r++) {
		long bad = 0;
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++)
			bad |= syscall0(SYS_getppid) ^ ppid;
		uint64_t t1 = rdtsc();
		if (bad)
			bench_die("null_syscall", "getppid");
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report("null_syscall", ITERS, d, ROUNDS);
	return 0;
}
