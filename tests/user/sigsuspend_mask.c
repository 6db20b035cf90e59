/*
 * rt_sigsuspend (docs/linux-abi.md §4, §6).  SIGUSR1 and SIGUSR2 are blocked and
 * SIGUSR1 is sent with kill(): it stays pending and its handler does not
 * run.  sigsuspend() with a mask that blocks only SIGUSR2 returns -1 EINTR
 * after the handler ran once; inside the handler the mask is the suspend
 * mask plus SIGUSR1 (so USR2 blocked, USR1 blocked).  Afterwards the old
 * mask (USR1 and USR2 blocked) is back and nothing is pending.
 * The raw rt_sigsuspend with sigsetsize 4 -> EINVAL.  A SIGUSR2 that stays
 * blocked in the suspend mask does not wake it: sent first, it is still
 * pending after a SIGUSR1 ends the sigsuspend.
 */
#include "ftest.h"

static volatile int ran, in_usr1, in_usr2;

static void on_usr1(int sig)
{
	sigset_t cur;

	ran++;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	in_usr1 = sigismember(&cur, SIGUSR1);
	in_usr2 = sigismember(&cur, SIGUSR2);
}

static void show_mask(const char *label)
{
	sigset_t cur, pend;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	sigpending(&pend);
	printf("%s: blocked USR1 %d USR2 %d pending USR1 %d USR2 %d\n", label,
	       sigismember(&cur, SIGUSR1), sigismember(&cur, SIGUSR2),
	       sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t both, only2;
	uint64_t raw = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&both);
	sigaddset(&both, SIGUSR1);
	sigaddset(&both, SIGUSR2);
	sigemptyset(&only2);
	sigaddset(&only2, SIGUSR2);

	sigprocmask(SIG_BLOCK, &both, NULL);
	kill(getpid(), SIGUSR1);
	printf("sent while blocked: handler ran %d\n", ran);
	show_mask("before sigsuspend");

	errno = 0;
	int r = sigsuspend(&only2);
	printf("sigsuspend: %d %s handler ran %d\n", r, errno_name(errno), ran);
	printf("inside handler: blocked USR1 %d USR2 %d\n", in_usr1, in_usr2);
	show_mask("after sigsuspend");

	errno = 0;
	long rr = syscall(SYS_rt_sigsuspend, &raw, 4);
	printf("rt_sigsuspend sigsetsize 4: %ld %s\n", rr, errno_name(errno));

	ran = 0;
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR1);
	show_mask("USR2 then USR1 sent");
	errno = 0;
	r = sigsuspend(&only2);
	printf("sigsuspend: %d %s handler ran %d\n", r, errno_name(errno), ran);
	show_mask("after second sigsuspend");
	return 0;
}
