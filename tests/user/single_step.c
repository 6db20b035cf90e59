/*
 * single_step - EFLAGS.TF set with popf: the CPU traps (#DB, vector 1)
 * after the next instruction; Linux sends SIGTRAP with si_code TRAP_TRACE
 * and si_addr = the rip it stopped at (docs/linux-abi.md §12: "#DB debug ->
 * SIGTRAP").  The handler clears TF in the saved flags, so exactly one trap
 * arrives, and rt_sigreturn restores the rest (§6: TF is one of FIX_EFLAGS).
 */
#include "ftest.h"

#define X86_EFLAGS_TF 0x100

static volatile int traps, code;
static volatile long trapno, err, addr_is_rip;

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	if (!traps) {
		code = si->si_code;
		trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
		err = uc->uc_mcontext.gregs[REG_ERR];
		addr_is_rip = (long)si->si_addr == uc->uc_mcontext.gregs[REG_RIP];
	}
	traps++;
	uc->uc_mcontext.gregs[REG_EFL] &= ~X86_EFLAGS_TF;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };
	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGTRAP, &sa, NULL);
	asm volatile("pushfq; orq %0, (%%rsp); popfq; nop; nop" : : "i"(X86_EFLAGS_TF) : "memory");
	printf("traps %d: %s si_code %d (TRAP_TRACE %d) trapno %ld err %ld si_addr_is_rip %ld\n", traps,
	       sig_name(SIGTRAP), code, TRAP_TRACE, trapno, err, addr_is_rip);
	return 0;
}
