/*
 * In-kernel test of the first process's resource limits (kernel/sys.c
 * init_rlimits, called from sched_init).
 * Expectation: the boot task already holds Linux's INIT_RLIMITS when the
 * timer starts ticking, so the init process that kernel_thread copies them
 * into is never without them.  Zeroed limits once meant RLIMIT_CPU 0/0: a
 * tick between init's creation and its own setup sent it SIGKILL
 * ("Attempted to kill init! exitcode=0x00000009") on a loaded host.
 */
#include <ktest.h>
#include <sched.h>

KTEST(boot_task_has_init_rlimits)
{
	struct rlimit *rl = current->signal->rlim;

	KTEST_EXPECT(rl[RLIMIT_CPU].rlim_cur == RLIM_INFINITY);
	KTEST_EXPECT(rl[RLIMIT_CPU].rlim_max == RLIM_INFINITY);
	KTEST_EXPECT(rl[RLIMIT_FSIZE].rlim_cur == RLIM_INFINITY);
	KTEST_EXPECT(rl[RLIMIT_STACK].rlim_cur == 8UL << 20);     /* Linux: _STK_LIM */
	KTEST_EXPECT(rl[RLIMIT_NOFILE].rlim_cur == 1024);         /* Linux: INR_OPEN_CUR */
	KTEST_EXPECT(rl[RLIMIT_NOFILE].rlim_max == 4096);         /* Linux: INR_OPEN_MAX */
}
