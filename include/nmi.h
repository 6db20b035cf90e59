#ifndef _FAULTLINE_NMI_H
#define _FAULTLINE_NMI_H
/* The lockup detectors: kernel/watchdog.c, and the NMI that drives the
 * hard one, arch/x86/kernel/nmi.c (Linux: include/linux/nmi.h). */
#include "time.h"
struct pt_regs;

/* The CPU made progress: it switched tasks, idled, or is about to return to
 * user mode (inline: every system call's return does it). */
extern u64 watchdog_touch_ts;
static inline void touch_softlockup_watchdog(void) { watchdog_touch_ts = jiffies; }
void watchdog_timer_fn(struct pt_regs *regs);	/* each timer tick */
long watchdog_thresh_secs(void);		/* "watchdog_thresh=": 0 when off */
void watchdog_hardlockup_check(struct pt_regs *regs);	/* each watchdog NMI */
void nmi_watchdog_init(void);			/* after the timer runs */
void do_nmi(struct pt_regs *regs);

#endif
