#ifndef _FAULTLINE_TIME_H
#define _FAULTLINE_TIME_H
#include "types.h"

#define HZ 100                 /* timer ticks per second; Linux's CLK_TCK is 100 too */
#define NSEC_PER_SEC 1000000000UL
#define USEC_PER_SEC 1000000UL

void tsc_calibrate(void);
u64 ktime_get_us(void);
u64 ktime_get_ns(void);
u64 tsc_khz_value(void);
extern volatile u64 jiffies;

#endif
