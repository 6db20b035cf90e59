/*
 * stack_growth - the stack is a VM_GROWSDOWN VMA
 * (docs/scenarios/find-vma-and-stack-growth.md).
 * A touch below it is not a bad address: do_page_fault finds the stack VMA
 * above the address (find_vma), calls expand_stack, and maps a fresh page.
 * Past RLIMIT_STACK the same touch is bad_area: SIGSEGV SEGV_MAPERR, which
 * this program catches on an alternate signal stack.
 * Boot with "pftrace" to see each fault's path in the kernel log.
 */
#include "ftest.h"
#include <sys/resource.h>

static volatile int deepest_kib;
static volatile int keep_going = 1;      /* stops gcc proving the recursion infinite */

static int recurse(int depth)
{
	volatile char frame[1024];
	frame[0] = (char)depth;
	deepest_kib = depth;
	return keep_going ? recurse(depth + 1) + frame[0] : 0;
}

static void on_overflow(int sig, siginfo_t *si, void *ctx)
{
	fault_record(sig, si, ctx);
	siglongjmp(fault_jmp, 1);
}

int main(void)
{
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa = { .sa_sigaction = on_overflow, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	struct rlimit rl = { 2 << 20, RLIM_INFINITY };
	setvbuf(stdout, NULL, _IONBF, 0);
	sigaltstack(&ss, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	setrlimit(RLIMIT_STACK, &rl);
	printf("RLIMIT_STACK is 2 MiB; recursing with 1 KiB frames...\n");
	if (!sigsetjmp(fault_jmp, 1))
		recurse(0);
	printf("stack grew page by page through expand_stack to about %d KiB,\n", deepest_kib);
	printf("then the next page was refused: %s %s (si_addr exact, err 0x%lx)\n",
	       sig_name(fault.signo), code_name(fault.signo, fault.code), fault.err);
	return 0;
}
