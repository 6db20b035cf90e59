#ifndef _FAULTLINE_NMI_H
#define _FAULTLINE_NMI_H
/* The soft-lockup detector, kernel/watchdog.c (Linux: include/linux/nmi.h). */
struct pt_regs;

void touch_softlockup_watchdog(void);		/* the CPU made progress */
void watchdog_timer_fn(struct pt_regs *regs);	/* each timer tick */

#endif
