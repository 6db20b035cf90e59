/*
 * kernel/sched_loadavg.c - the load average (Linux: kernel/sched/loadavg.c).
 *
 * Every LOAD_FREQ (5 s and a tick) the number of runnable tasks is folded
 * into three exponentially decaying averages, for 1, 5 and 15 minutes:
 *
 *     load = load * e + active * (1 - e),   e = exp(-5 s / period)
 *
 * in fixed point with FSHIFT fraction bits, with Linux's constants, so the
 * numbers that /proc/loadavg, sysinfo(2), uptime and top print move the
 * way a Linux user expects: a task spinning for a minute takes the first
 * to about 0.63 (1 - 1/e).  Linux also counts tasks in uninterruptible
 * sleep (state D); faultline's sleeps are all interruptible, so only
 * runnable tasks count.
 */
#include <sched.h>
#include <time.h>
#include <loadavg.h>

#define LOAD_FREQ (5 * HZ + 1)		/* Linux: 5 s intervals, one tick late */
#define EXP_1 1884			/* 1 / exp(5 s / 1 min) in fixed point */
#define EXP_5 2014			/* 1 / exp(5 s / 5 min) */
#define EXP_15 2037			/* 1 / exp(5 s / 15 min) */

static const unsigned long exp_table[LOADAVG_NR] = { EXP_1, EXP_5, EXP_15 };
unsigned long avenrun[LOADAVG_NR];
static u64 calc_load_update = LOAD_FREQ;	/* jiffies of the next fold */

/* Linux calc_load: one step of the decay, rounded up while the load grows. */
unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* Runnable tasks other than the idle task, in fixed point. */
static unsigned long nr_active(void)
{
	struct task_struct *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		n += t->pid && t->state == TASK_RUNNING;
	return n * FIXED_1;
}

/* From each timer tick (Linux calc_global_load, with NO_HZ's catch-up left out). */
void calc_global_load_tick(void)
{
	unsigned long active;

	if (jiffies < calc_load_update)
		return;
	active = nr_active();
	for (int i = 0; i < LOADAVG_NR; i++)
		avenrun[i] = calc_load(avenrun[i], exp_table[i], active);
	calc_load_update += LOAD_FREQ;
}
