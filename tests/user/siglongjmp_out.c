/*
 * Leaving a SIGSEGV handler with siglongjmp.  While a handler runs, the
 * kernel blocks its signal (docs/linux-abi.md §6: blocked = old | sa_mask | sig,
 * without SA_NODEFER).  siglongjmp to a sigsetjmp(env, 1) restores the mask
 * saved there (§1: rt_sigprocmask(SIG_SETMASK)), so SIGSEGV is unblocked
 * again and a second fault is caught too.  With sigsetjmp(env, 0) no mask is
 * restored: SIGSEGV stays blocked after the jump.
 */
#include "ftest.h"

static sigjmp_buf env;
static volatile int blocked_in_handler;

static int segv_blocked(void)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);	/* query only */
	return sigismember(&cur, SIGSEGV);
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	blocked_in_handler = segv_blocked();
	siglongjmp(env, 1);
}

static void fault_and_jump(const char *label, int savemask)
{
	if (sigsetjmp(env, savemask) == 0) {
		poke32(0, 1);
		printf("%s: no fault\n", label);
		return;
	}
	printf("%s: caught; blocked in handler %d, blocked after jump %d\n",
	       label, blocked_in_handler, segv_blocked());
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	sigset_t segv;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSEGV, &sa, NULL);

	fault_and_jump("savemask 1, first fault", 1);
	fault_and_jump("savemask 1, second fault", 1);
	fault_and_jump("savemask 0", 0);

	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	sigprocmask(SIG_UNBLOCK, &segv, NULL);
	printf("after SIG_UNBLOCK: blocked %d\n", segv_blocked());
	return 0;
}
