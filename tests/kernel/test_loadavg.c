/*
 * In-kernel test of the load average's arithmetic (kernel/sched_loadavg.c,
 * Linux calc_load).  One task runnable for a minute (12 folds of 5 s)
 * takes the 1-minute average from 0 to 1 - 1/e = 0.63, the 5-minute one
 * to 1 - exp(-1/5) = 0.18 and the 15-minute one to 0.06 (as Linux's
 * uptime shows after a minute of one busy loop on an idle machine); a
 * minute idle after a long busy spell takes the 1-minute one from 1.00
 * to 1/e = 0.37.  Each value is checked to two decimals, what
 * /proc/loadavg prints.
 */
#include <ktest.h>
#include <loadavg.h>

#define FOLDS_PER_MINUTE 12
#define EXP_1 1884
#define EXP_5 2014
#define EXP_15 2037

/* Load after a minute at @active (fixed point), from @load, in hundredths
 * rounded as /proc/loadavg rounds them. */
static unsigned long minute_at(unsigned long load, unsigned long exp, unsigned long active)
{
	for (int i = 0; i < FOLDS_PER_MINUTE; i++)
		load = calc_load(load, exp, active);
	return (load * 100 + FIXED_1 / 2) / FIXED_1;
}

KTEST(loadavg_one_busy_minute)
{
	KTEST_EXPECT(minute_at(0, EXP_1, FIXED_1) == 63);
	KTEST_EXPECT(minute_at(0, EXP_5, FIXED_1) == 18);
	KTEST_EXPECT(minute_at(0, EXP_15, FIXED_1) == 6);
}

KTEST(loadavg_one_idle_minute)
{
	KTEST_EXPECT(minute_at(FIXED_1, EXP_1, 0) == 37);
	KTEST_EXPECT(minute_at(0, EXP_1, 0) == 0);
}
