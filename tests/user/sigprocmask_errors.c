/*
 * Signal-mask and sigaction edge cases through raw system calls
 * (docs/linux-abi.md §4, §6 "sigaction"):
 *   rt_sigprocmask with sigsetsize 4 or 16 -> EINVAL; an invalid `how` (3)
 *     with a set -> EINVAL, with a NULL set `how` is ignored -> 0;
 *   blocking every signal (mask ~0): a query then shows all of 1-64 blocked
 *     except SIGKILL and SIGSTOP (mask 0xfffffffffffbfeff);
 *   rt_sigaction: a handler or SIG_IGN for SIGKILL / SIGSTOP -> EINVAL, a
 *     query of SIGKILL -> 0; signal 0 and 65 -> EINVAL, 64 -> 0;
 *     sigsetsize 4 -> EINVAL;
 *   kill(self, 0) -> 0; kill(reaped child, 0) -> ESRCH; kill(self, 65) ->
 *     EINVAL; tkill(self, 0) -> 0.
 */
#include "ftest.h"

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

static long sigmask(int how, uint64_t *set, uint64_t *old, size_t size)
{
	return syscall(SYS_rt_sigprocmask, how, set, old, size);
}

static long ksigaction(int sig, struct ksigaction *act, size_t size)
{
	struct ksigaction old;

	return syscall(SYS_rt_sigaction, sig, act, &old, size);
}

static void on_sig(int sig)
{
}

int main(void)
{
	uint64_t set = 1UL << (SIGUSR1 - 1), old = 0, all = ~0UL, saved;
	struct ksigaction ign = { .handler = SIG_IGN };
	struct ksigaction h = { .handler = on_sig };
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigmask(SIG_BLOCK, NULL, &saved, 8);
	show("rt_sigprocmask sigsetsize 4", sigmask(SIG_BLOCK, &set, NULL, 4));
	show("rt_sigprocmask sigsetsize 16", sigmask(SIG_BLOCK, &set, NULL, 16));
	show("rt_sigprocmask how 3", sigmask(3, &set, NULL, 8));
	show("rt_sigprocmask how 3, NULL set", sigmask(3, NULL, &old, 8));

	show("block all", sigmask(SIG_SETMASK, &all, NULL, 8));
	sigmask(SIG_BLOCK, NULL, &old, 8);
	printf("mask after blocking all: 0x%lx KILL %d STOP %d USR1 %d 64 %d\n",
	       (unsigned long)old, (int)(old >> (SIGKILL - 1) & 1),
	       (int)(old >> (SIGSTOP - 1) & 1), (int)(old >> (SIGUSR1 - 1) & 1),
	       (int)(old >> 63 & 1));
	sigmask(SIG_SETMASK, &saved, NULL, 8);

	/* musl's sigaction needs its restorer; the raw call only checks. */
	show("rt_sigaction(SIGKILL, handler)", ksigaction(SIGKILL, &h, 8));
	show("rt_sigaction(SIGKILL, SIG_IGN)", ksigaction(SIGKILL, &ign, 8));
	show("rt_sigaction(SIGSTOP, SIG_IGN)", ksigaction(SIGSTOP, &ign, 8));
	show("rt_sigaction(SIGKILL, query)", ksigaction(SIGKILL, NULL, 8));
	show("rt_sigaction(0, query)", ksigaction(0, NULL, 8));
	show("rt_sigaction(65, query)", ksigaction(65, NULL, 8));
	show("rt_sigaction(64, query)", ksigaction(64, NULL, 8));
	show("rt_sigaction(SIGUSR1, query) sigsetsize 4",
	     ksigaction(SIGUSR1, NULL, 4));
	show("rt_sigaction(SIGUSR1, SIG_IGN) sigsetsize 16",
	     ksigaction(SIGUSR1, &ign, 16));

	show("kill(self, 0)", kill(getpid(), 0));
	show("kill(self, 65)", kill(getpid(), 65));
	show("kill(self, -1)", kill(getpid(), -1));
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	show("kill(reaped child, 0)", kill(pid, 0));
	show("kill(reaped child, SIGUSR1)", kill(pid, SIGUSR1));
	show("tkill(self, 0)", syscall(SYS_tkill, gettid(), 0));
	show("tkill(self, 65)", syscall(SYS_tkill, gettid(), 65));
	show("tkill(reaped child, 0)", syscall(SYS_tkill, pid, 0));
	return 0;
}
