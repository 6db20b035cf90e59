#ifndef _LOADAVG_H
#define _LOADAVG_H
/* The load average (kernel/sched_loadavg.c; Linux: include/linux/sched/loadavg.h). */

#define LOADAVG_NR 3			/* 1, 5 and 15 minutes */
#define FSHIFT 11			/* bits of fraction */
#define FIXED_1 (1UL << FSHIFT)		/* 1.0 */
#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)	/* two decimals */

extern unsigned long avenrun[LOADAVG_NR];

unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active);
void calc_global_load_tick(void);

#endif
