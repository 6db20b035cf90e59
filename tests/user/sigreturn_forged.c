/*
 * sigreturn_forged - rt_sigreturn refuses a frame that would return to
 * ring 0 (docs/linux-abi.md §6): a SIGUSR1 handler rewrites the saved CS to the
 * kernel's 0x10.  Linux ORs RPL 3 into it (0x13), the IRET then faults, and
 * the task gets SIGSEGV SI_KERNEL with REG_ERR 0x10 (the selector) and
 * REG_TRAPNO 13 (#GP).  A handler that changes the saved RIP instead is
 * honoured: execution resumes where it says.
 */
#include "ftest.h"

static volatile int usr1_runs;

static void forge_cs(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	usr1_runs++;
	uc->uc_mcontext.gregs[REG_CSGSFS] = (uc->uc_mcontext.gregs[REG_CSGSFS] & ~0xffffUL) | 0x10;
}

static volatile long landed;

static void skip_ud2(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	uc->uc_mcontext.gregs[REG_RIP] += 2;      /* ud2 is two bytes: 0f 0b */
	landed++;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = forge_cs, .sa_flags = SA_SIGINFO };
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	sigaction(SIGUSR1, &sa, NULL);
	if (!sigsetjmp(fault_jmp, 1)) {
		raise(SIGUSR1);
		printf("returned normally: the forged CS was accepted\n");
	} else {
		printf("usr1 handler ran %d; then %s %s err %#lx trapno %ld si_addr %#lx\n", usr1_runs,
		       sig_name(fault.signo), code_name(fault.signo, fault.code), fault.err, fault.trapno,
		       (unsigned long)fault.addr);
	}
	sa.sa_sigaction = skip_ud2;
	sigaction(SIGILL, &sa, NULL);
	asm volatile("ud2");
	printf("resumed after ud2: handler ran %ld\n", landed);
	return 0;
}
