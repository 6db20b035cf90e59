/*
 * A SIGSEGV handler that repairs the fault and returns: the write to a
 * PROT_READ page faults (SEGV_ACCERR, si_addr exact), the handler
 * mprotect()s that page PROT_READ|PROT_WRITE and returns, rt_sigreturn
 * restarts the faulting instruction, and this time the write succeeds
 * (docs/linux-abi.md §6).  Prints the handler's call count (1), what it saw, and
 * the value read back.
 */
#include "ftest.h"

#define OFF 0x18
#define VALUE 0x1234
#define MAX_CALLS 3		/* a handler that does not fix things loops */

static volatile int calls;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t page = (uintptr_t)si->si_addr & ~(PAGE_SIZE - 1);

	fault_record(sig, si, ctx);
	if (++calls > MAX_CALLS ||
	    mprotect((void *)page, PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)
		_exit(3);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSEGV, &sa, NULL);
	uintptr_t base = map_anon(1, PROT_READ);

	poke32(base + OFF, VALUE);	/* faults once, then succeeds */

	printf("handler calls %d\n", calls);
	printf("handler saw %s %s addr base+0x%lx\n", sig_name(fault.signo),
	       code_name(fault.signo, fault.code),
	       (unsigned long)(fault.addr - base));
	printf("value read back 0x%x\n", peek32(base + OFF));
	return 0;
}
