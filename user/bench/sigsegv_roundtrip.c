/*
 * Instructions per SIGSEGV round trip: a write to a PROT_NONE page faults,
 * the kernel delivers SIGSEGV, the SA_SIGINFO handler mprotect()s the page
 * PROT_READ|PROT_WRITE and returns, rt_sigreturn restarts the write, which
 * now succeeds.  Only the faulting write is timed (the mprotect back to
 * PROT_NONE between iterations is not).
 */
#include "bench.h"
#include <signal.h>

#define ITERS 200
#define ROUNDS 11

static volatile char *page;
static volatile unsigned long calls;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	calls++;
	if (mprotect((void *)page, PAGE, PROT_READ | PROT_WRITE))
		_exit(3);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	uint64_t d[ROUNDS];

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL))
		bench_die("sigsegv_roundtrip", "sigaction");
	page = bench_fresh_region("sigsegv_roundtrip", 1);
	page[0] = 1;		/* present from now on */
	for (int r = -1; r < ROUNDS; r++) {
		uint64_t sum = 0;
		for (int i = 0; i < ITERS; i++) {
			if (mprotect((void *)page, PAGE, PROT_NONE))
				bench_die("sigsegv_roundtrip", "mprotect");
			uint64_t t0 = rdtsc();
			page[0] = (char)i;
			uint64_t t1 = rdtsc();
			sum += t1 - t0;
		}
		if (r >= 0)
			d[r] = sum;
	}
	if (calls != (unsigned long)(ROUNDS + 1) * ITERS)
		bench_die("sigsegv_roundtrip", "one signal per write");
	bench_report("sigsegv_roundtrip", ITERS, d, ROUNDS);
	return 0;
}
