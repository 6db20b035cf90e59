/*
 * RLIMIT_STACK lowered at run time (docs/linux-abi.md §9, §11): a child sets the
 * soft and hard limit to 256 KiB, then recurses.  The limit counts from the
 * top of the stack VMA, and main's frame is within a few KiB of it, so
 * 200 KiB of recursion works (exit 0) while 300 KiB is refused and the child
 * dies of SIGSEGV.  A third child catches that SIGSEGV on a sigaltstack and
 * prints si_code SEGV_MAPERR and REG_ERR 0x6 (a write).
 */
#include "ftest.h"
#include <sys/resource.h>

#define KiB 1024
#define LIMIT (256 * KiB)
#define FRAME_BYTES 1024

static __attribute__((noinline)) int recurse(int n)
{
	volatile unsigned char frame[FRAME_BYTES];

	frame[0] = (unsigned char)n;
	frame[FRAME_BYTES - 1] = (unsigned char)n;
	if (n <= 0)
		return 0;
	return recurse(n - 1) + frame[0];	/* not a tail call */
}

static unsigned char altstack[64 * KiB];

static void child(const char *label, long kib, int altst)
{
	int status;
	struct rlimit rl = { LIMIT, LIMIT };

	pid_t pid = fork();
	if (pid == 0) {
		if (setrlimit(RLIMIT_STACK, &rl) != 0)
			_exit(3);
		if (altst) {
			stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
			struct sigaction sa = { .sa_sigaction = fault_handler,
						.sa_flags = SA_SIGINFO | SA_ONSTACK };
			sigaltstack(&ss, NULL);
			sigaction(SIGSEGV, &sa, NULL);
			if (sigsetjmp(fault_jmp, 1)) {
				printf("%s: caught %s %s err 0x%lx\n", label,
				       sig_name(fault.signo),
				       code_name(fault.signo, fault.code),
				       fault.err);
				_exit(1);
			}
		}
		/* Each level uses a bit more than FRAME_BYTES. */
		recurse(kib * KiB / (FRAME_BYTES + 64));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	child("200 KiB under a 256 KiB limit", 200, 0);
	child("300 KiB under a 256 KiB limit", 300, 0);
	child("300 KiB with an altstack", 300, 1);
	return 0;
}
