/*
 * Stack overflow caught on an alternate stack.  RLIMIT_STACK is lowered to
 * 1 MiB, then main recurses without end.  Growth past the limit is refused,
 * giving SIGSEGV SEGV_MAPERR, si_addr exact, REG_ERR 0x6 (docs/linux-abi.md §5,
 * §9).  The normal stack is full, so the handler can only run because it was
 * installed with SA_ONSTACK on a sigaltstack (§6); it records the facts and
 * siglongjmps back to main.  The fault address lies within 1 MiB below main's
 * frame (the limit is measured from the VMA top, just above main).
 */
#include "ftest.h"
#include <sys/resource.h>

#define STACK_LIMIT (1024 * 1024)
#define ALTSTACK_BYTES (64 * 1024)
#define FRAME_BYTES 512

static unsigned char altstack[ALTSTACK_BYTES];
static volatile int on_altstack;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	unsigned char here;

	on_altstack = &here >= altstack && &here < altstack + ALTSTACK_BYTES;
	fault_handler(sig, si, ctx);		/* records and siglongjmps */
}

static volatile int max_depth = 1 << 30;	/* ~512 GiB: never reached */

static __attribute__((noinline)) int runaway(int n)
{
	volatile unsigned char frame[FRAME_BYTES];

	frame[0] = (unsigned char)n;
	if (n >= max_depth)
		return 0;
	return runaway(n + 1) + frame[0];	/* not a tail call */
}

int main(void)
{
	struct rlimit rl = { STACK_LIMIT, STACK_LIMIT };
	stack_t ss = { .ss_sp = altstack, .ss_size = ALTSTACK_BYTES };
	struct sigaction sa = { .sa_sigaction = on_segv,
				.sa_flags = SA_SIGINFO | SA_ONSTACK };
	unsigned char anchor;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("setrlimit: %d\n", setrlimit(RLIMIT_STACK, &rl));
	printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
	sigaction(SIGSEGV, &sa, NULL);

	if (sigsetjmp(fault_jmp, 1) == 0) {
		runaway(0);
		printf("no overflow\n");
		return 1;
	}
	uintptr_t below = (uintptr_t)&anchor - fault.addr;
	printf("caught %s %s err 0x%lx\n", sig_name(fault.signo),
	       code_name(fault.signo, fault.code), fault.err);
	printf("handler on altstack %d\n", on_altstack);
	printf("fault within 1 MiB below main %d\n",
	       below > STACK_LIMIT / 2 && below <= STACK_LIMIT);
	return 0;
}
