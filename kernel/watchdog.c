/*
 * kernel/watchdog.c - the soft-lockup detector (Linux: kernel/watchdog.c).
 *
 * faultline's kernel is not preemptible: once a task is in the kernel it
 * keeps the CPU until it sleeps, returns to user space or calls schedule().
 * A kernel loop that never ends would therefore hang the machine in
 * silence: the timer interrupt still fires, but nothing else runs.  Linux's
 * answer is the soft-lockup detector, and this is the same idea in its
 * smallest form:
 *
 *   - "progress" is touched whenever the CPU is plainly not stuck in the
 *     kernel: a context switch (schedule), each return to user mode, a
 *     timer tick that interrupted user mode, and each pass of the idle
 *     loop (Linux: touch_softlockup_watchdog; its own test is whether the
 *     per-CPU watchdog thread got to run, which a return to user mode
 *     allows: a task that makes long system calls back to back, say a
 *     path walk 120 directories deep each, is not a lockup);
 *   - each timer tick that interrupts kernel mode checks how long ago that
 *     was; past 2 * watchdog_thresh seconds (Linux: the soft-lockup limit is
 *     twice watchdog_thresh, whose default is 10) it prints Linux's report,
 *     "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [comm:pid]", with
 *     the interrupted registers and call trace, and panics with Linux's
 *     "softlockup: hung tasks" (Linux does that when softlockup_panic=1;
 *     a teaching kernel stops at once, so the report is the last thing on
 *     the console, and panic=1 ends a test boot instead of a timeout).
 *
 * "watchdog_thresh=N" sets the threshold in seconds (0 turns the detector
 * off, as Linux's "nowatchdog" does).  A loop with interrupts disabled is a
 * hard lockup: the timer interrupt stops too, so only an NMI can notice.
 * arch/x86/kernel/nmi.c sends one with every timer tick; every
 * watchdog_thresh seconds' worth of them, watchdog_hardlockup_check asks
 * whether jiffies moved meanwhile (Linux: is_hardlockup, which counts
 * hrtimer interrupts the same way) and if not reports Linux's "Watchdog
 * detected hard LOCKUP" and panics (Linux: hardlockup_panic=1).
 */
#include <cmdline.h>
#include <printk.h>
#include <sched.h>
#include <nmi.h>
#include <time.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

static long watchdog_thresh = 10;		/* Linux's default, seconds */
u64 watchdog_touch_ts;				/* jiffies when progress was last seen */

static int set_watchdog_thresh(const char *v)
{
	return cmdline_parse_long(v, &watchdog_thresh) || watchdog_thresh < 0 ? -1 : 0;
}
__setup("watchdog_thresh", set_watchdog_thresh);

static void report_soft_lockup(struct pt_regs *regs, u64 stuck)
{
	pr_emerg("watchdog: BUG: soft lockup - CPU#0 stuck for %lus! [%s:%d]\n",
		 stuck / HZ, current->comm, current->pid);
	pr_emerg("Modules linked in:\n");
	__die_body(regs);
	panic("softlockup: hung tasks");
}

/* From the timer interrupt, with the registers it interrupted. */
void watchdog_timer_fn(struct pt_regs *regs)
{
	u64 stuck;
	if (user_mode(regs) || !watchdog_thresh) {
		touch_softlockup_watchdog();
		return;
	}
	stuck = jiffies - watchdog_touch_ts;
	if (stuck > 2 * (u64)watchdog_thresh * HZ)
		report_soft_lockup(regs, stuck);
}

long watchdog_thresh_secs(void)
{
	return watchdog_thresh;
}

/* ------------------------------------------------------------ hard lockups */
static u64 hardlockup_nmis;		/* watchdog NMIs since the last look */
static u64 hardlockup_jiffies;		/* jiffies at the last look */

static void report_hard_lockup(struct pt_regs *regs)
{
	pr_emerg("watchdog: CPU0: Watchdog detected hard LOCKUP on cpu 0\n");
	pr_emerg("Modules linked in:\n");
	__die_body(regs);
	panic("Hard LOCKUP");
}

/* From each watchdog NMI (one per timer tick, even with interrupts off). */
void watchdog_hardlockup_check(struct pt_regs *regs)
{
	if (!watchdog_thresh || ++hardlockup_nmis < (u64)watchdog_thresh * HZ)
		return;
	hardlockup_nmis = 0;
	if (jiffies != hardlockup_jiffies) {
		hardlockup_jiffies = jiffies;
		return;
	}
	report_hard_lockup(regs);
}
