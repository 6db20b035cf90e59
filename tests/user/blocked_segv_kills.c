/*
 * A fault cannot be blocked or ignored (docs/linux-abi.md §6, "forced fault
 * signals"): with SIGSEGV blocked - even with a handler installed - or set to
 * SIG_IGN, a NULL write still kills the process with SIGSEGV (Linux unblocks
 * it and resets it to SIG_DFL).  By contrast a blocked SIGSEGV sent with
 * kill() just stays pending.  Each case runs in a forked child; the parent
 * prints how it ended.
 */
#include "ftest.h"

static void block_segv(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

static void run(const char *label, void (*child)(void))
{
	int status;

	pid_t pid = fork();
	if (pid == 0) {
		child();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

static void fault_while_blocked(void)
{
	catch_faults();
	if (sigsetjmp(fault_jmp, 0)) {
		printf("  child: handler ran\n");
		_exit(1);
	}
	block_segv();
	poke32(0, 1);
	printf("  child: survived\n");
}

static void fault_while_ignored(void)
{
	signal(SIGSEGV, SIG_IGN);
	poke32(0, 1);
	printf("  child: survived\n");
}

static void kill_while_blocked(void)
{
	sigset_t pending;

	block_segv();
	kill(getpid(), SIGSEGV);
	sigpending(&pending);
	printf("  child: kill while blocked: pending %d\n",
	       sigismember(&pending, SIGSEGV));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	run("NULL write, SIGSEGV blocked", fault_while_blocked);
	run("NULL write, SIGSEGV ignored", fault_while_ignored);
	run("kill(self, SIGSEGV), blocked", kill_while_blocked);
	return 0;
}
