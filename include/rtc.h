/*
 * include/rtc.h - the battery-backed real-time clock (drivers/rtc/): the
 * date the machine had when it booted, which starts the wall clock
 * (kernel/time/timekeeping.c).  Linux: include/linux/rtc.h.
 */
#ifndef _FAULTLINE_RTC_H
#define _FAULTLINE_RTC_H
#include "types.h"

/* A broken-down UTC date, as Linux's struct rtc_time (and struct tm):
 * tm_mon 0..11, tm_year years since 1900. */
struct rtc_time {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
};

int rtc_cmos_read_time(struct rtc_time *tm);   /* 0, or -ENODEV / -EINVAL */
bool rtc_valid_tm(const struct rtc_time *tm);
s64 rtc_tm_to_time64(const struct rtc_time *tm);       /* seconds since 1970-01-01 UTC */
void rtc_time64_to_tm(s64 t, struct rtc_time *tm);

#endif
