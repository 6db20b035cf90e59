/*
 * int3 (vector 3, #BP) is a trap, not a fault: SIGTRAP with si_code
 * SI_KERNEL - not TRAP_BRKPT (docs/linux-abi.md §0.5) - si_addr 0, REG_TRAPNO 3,
 * and REG_RIP already points past the one-byte int3.  So a handler that
 * simply returns lets the program continue after the breakpoint.
 */
#include "ftest.h"

/* int do_int3(void): int3, then return 7. */
asm(".text\n"
    ".globl do_int3, after_int3\n"
    "do_int3:\n"
    "	int3\n"
    "after_int3:\n"
    "	movl $7, %eax\n"
    "	ret\n");
int do_int3(void);
extern const char after_int3[];

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
	fault_record(sig, si, ctx);	/* and return: execution continues */
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGTRAP, &sa, NULL);

	int r = do_int3();
	printf("int3: %s %s trapno %ld err %ld si_addr 0x%lx\n",
	       sig_name(fault.signo), code_name(fault.signo, fault.code),
	       fault.trapno, fault.err, (unsigned long)fault.addr);
	printf("rip_after_int3 %d, continued and returned %d\n",
	       fault.rip == (long)after_int3, r);
	return 0;
}
