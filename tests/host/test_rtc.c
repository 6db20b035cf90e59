/*
 * tests/host/test_rtc.c - drivers/rtc/lib.c, as the kernel has it, against
 * the host C library: rtc_time64_to_tm must agree with gmtime_r and
 * rtc_tm_to_time64 with timegm for every day from 1970 to 2400 (each leap
 * rule, each month end) at a few times of day, and rtc_valid_tm must refuse
 * the impossible dates the CMOS clock might hold.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include "rtc.h"

static int failures;

static void expect(int cond, const char *what, long long t)
{
	if (!cond && failures++ < 10)
		printf("# %s at %lld\n", what, t);
}

static void check_second(long long t)
{
	time_t tt = t;
	struct tm ref;
	struct rtc_time tm;

	gmtime_r(&tt, &ref);
	rtc_time64_to_tm(t, &tm);
	expect(tm.tm_year == ref.tm_year && tm.tm_mon == ref.tm_mon && tm.tm_mday == ref.tm_mday &&
	       tm.tm_hour == ref.tm_hour && tm.tm_min == ref.tm_min && tm.tm_sec == ref.tm_sec,
	       "rtc_time64_to_tm differs from gmtime_r", t);
	expect(rtc_tm_to_time64(&tm) == timegm(&ref), "rtc_tm_to_time64 differs from timegm", t);
	expect(rtc_valid_tm(&tm), "rtc_valid_tm refuses a real date", t);
}

static void check_invalid(int year, int mon, int mday, int hour)
{
	struct rtc_time tm = { 0, 0, hour, mday, mon, year - 1900 };

	expect(!rtc_valid_tm(&tm), "rtc_valid_tm accepts an impossible date", year * 10000 + mon * 100 + mday);
}

int main(void)
{
	static const int times_of_day[] = { 0, 1, 3599, 43200, 86399 };

	int bad;

	for (long long day = 0; day < 157000; day++)    /* 1970 .. 2399 */
		for (unsigned i = 0; i < sizeof(times_of_day) / sizeof(times_of_day[0]); i++)
			check_second(day * 86400 + times_of_day[i]);
	printf("%sok rtc: dates <-> seconds agree with gmtime_r and timegm, 1970-2399\n", failures ? "not " : "");
	bad = failures;
	check_invalid(2025, 1, 29, 0);     /* February 29 of a common year */
	check_invalid(2100, 1, 29, 0);     /* 2100 is not a leap year */
	check_invalid(2026, 3, 31, 0);     /* April 31 */
	check_invalid(2026, 12, 1, 0);     /* month 13 */
	check_invalid(2026, 0, 0, 0);      /* day 0 */
	check_invalid(2026, 0, 1, 24);     /* hour 24 */
	check_invalid(1969, 11, 31, 0);    /* before 1970 */
	printf("%sok rtc: impossible dates refused\n", failures > bad ? "not " : "");
	return 0;
}
