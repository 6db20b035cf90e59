/*
 * drivers/rtc/lib.c - dates to seconds since 1970 and back, in UTC (Linux:
 * drivers/rtc/lib.c rtc_time64_to_tm and kernel/time/time.c mktime64).
 *
 * Days since 1970 come from a count that starts the year in March, so the
 * leap day is the last day of its year and every month before it has a
 * fixed length: 306 days from March 1 to January 1, and (153 * m + 2) / 5
 * days before the m-th month counted from March (the "Gauss" formula that
 * mktime64 also uses).
 */
#include <rtc.h>

#define SECS_PER_DAY 86400
#define DAYS_MARCH_TO_JAN 306
#define DAYS_1970_FROM_YEAR_0 719468    /* 1970-01-01 counted from 0000-03-01 */
#define DAYS_PER_400_YEARS 146097

static const unsigned char days_in_month[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool rtc_valid_tm(const struct rtc_time *tm)
{
	int year = tm->tm_year + 1900;

	if (tm->tm_year < 70 || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1)
		return false;
	if (tm->tm_mday > days_in_month[tm->tm_mon] + (tm->tm_mon == 1 && is_leap_year(year)))
		return false;
	return tm->tm_hour >= 0 && tm->tm_hour < 24 && tm->tm_min >= 0 && tm->tm_min < 60 &&
	       tm->tm_sec >= 0 && tm->tm_sec < 60;
}

s64 rtc_tm_to_time64(const struct rtc_time *tm)
{
	s64 year = tm->tm_year + 1900, mon = tm->tm_mon + 1;   /* 1..12 */
	s64 days;

	if (mon <= 2) {                 /* January and February end the year before */
		mon += 12;
		year--;
	}
	mon -= 3;                       /* 0 = March */
	days = year * 365 + year / 4 - year / 100 + year / 400 + (153 * mon + 2) / 5 + tm->tm_mday - 1;
	days -= DAYS_1970_FROM_YEAR_0;
	return ((days * 24 + tm->tm_hour) * 60 + tm->tm_min) * 60 + tm->tm_sec;
}

void rtc_time64_to_tm(s64 t, struct rtc_time *tm)
{
	s64 days = t / SECS_PER_DAY, secs = t % SECS_PER_DAY;
	s64 era, doe, yoe, doy, mp;

	days += DAYS_1970_FROM_YEAR_0;
	era = days / DAYS_PER_400_YEARS;
	doe = days - era * DAYS_PER_400_YEARS;                          /* day of the era */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;    /* year of the era */
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  /* day of the March year */
	mp = (5 * doy + 2) / 153;                                       /* month from March */
	tm->tm_mday = doy - (153 * mp + 2) / 5 + 1;
	tm->tm_mon = mp < 10 ? mp + 2 : mp - 10;
	tm->tm_year = era * 400 + yoe + (tm->tm_mon <= 1) - 1900;
	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
}
