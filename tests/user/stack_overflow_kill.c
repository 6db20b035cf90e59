/*
 * Runaway recursion with no alternate stack (docs/linux-abi.md §6 "Forced fault
 * signals", §9).  In a forked child, recursion without end grows the stack
 * to RLIMIT_STACK (8 MiB); the next growth is refused and the child is
 * killed by SIGSEGV.  Same when the child has a SIGSEGV handler but no
 * sigaltstack: the signal frame cannot be written, so it is still killed by
 * SIGSEGV (the handler never runs; it would _exit(42)).  The parent prints
 * WTERMSIG for both.
 */
#include "ftest.h"

#define FRAME_BYTES 512

static volatile int max_depth = 1 << 30;	/* never reached */

static __attribute__((noinline)) int runaway(int n)
{
	volatile unsigned char frame[FRAME_BYTES];

	frame[0] = (unsigned char)n;
	if (n >= max_depth)
		return 0;
	return runaway(n + 1) + frame[0];	/* not a tail call */
}

static void on_segv(int sig)
{
	_exit(42);
}

static void child(const char *label, int handler)
{
	int status;

	pid_t pid = fork();
	if (pid == 0) {
		if (handler)
			signal(SIGSEGV, on_segv);
		runaway(0);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	child("no handler", 0);
	child("handler, no altstack", 1);
	return 0;
}
