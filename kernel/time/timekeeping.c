/*
 * kernel/time/timekeeping.c - the wall clock (CLOCK_REALTIME): the date the
 * CMOS clock gave at boot, plus the monotonic time since (Linux:
 * timekeeping_init reads the persistent clock, read_persistent_clock64).
 *
 * settimeofday and clock_settime(CLOCK_REALTIME) move it by changing the
 * offset alone, so CLOCK_MONOTONIC never jumps (Linux do_settimeofday64
 * moves wall_to_monotonic the other way).
 *
 * "clock=fixed" on the command line starts it at a fixed date instead
 * (2025-11-24 16:00:00 UTC), so a test that prints dates prints the same
 * ones every run.  A machine whose clock cannot be read gets the same date
 * and a warning.
 */
#include <time.h>
#include <sched.h>
#include <rtc.h>
#include <printk.h>
#include <cmdline.h>
#include <string.h>
#include <errno.h>

#define FIXED_EPOCH_SEC 1764000000UL    /* 2025-11-24 16:00:00 UTC */

static u64 realtime_offset_ns;          /* CLOCK_REALTIME - CLOCK_MONOTONIC */
static s32 tai_offset;                  /* CLOCK_TAI - CLOCK_REALTIME (s): 0 until adjtimex's ADJ_TAI */
static bool clock_fixed;

static int set_clock(const char *v)
{
	if (!v || strcmp(v, "fixed"))
		return -1;                      /* only "clock=fixed" */
	clock_fixed = true;
	return 0;
}
__setup("clock", set_clock);

static void report(const char *how, s64 secs)
{
	struct rtc_time tm;

	rtc_time64_to_tm(secs, &tm);
	pr_info("%s: setting system clock to %04d-%02d-%02dT%02d:%02d:%02d UTC (%ld)\n", how,
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, secs);
}

void timekeeping_init(void)
{
	struct rtc_time tm;
	s64 secs = FIXED_EPOCH_SEC;
	int err = clock_fixed ? 0 : rtc_cmos_read_time(&tm);

	if (err)
		pr_warn("rtc_cmos: cannot read the clock (%d); the wall clock starts at a fixed date\n", err);
	else if (!clock_fixed)
		secs = rtc_tm_to_time64(&tm);
	realtime_offset_ns = secs * NSEC_PER_SEC - ktime_get_ns();
	report(clock_fixed ? "clock=fixed" : err ? "rtc_cmos (none)" : "rtc_cmos", secs);
}

u64 ktime_get_real_ns(void) { return realtime_offset_ns + ktime_get_ns(); }

/* Linux do_settimeofday64, once the caller checked the range and the
 * privilege: a wall clock earlier than the time since boot would make
 * wall_to_monotonic positive, EINVAL. */
int do_settimeofday64(u64 real_ns)
{
	u64 mono = ktime_get_ns();

	if (real_ns < mono)
		return -EINVAL;
	realtime_offset_ns = real_ns - mono;
	clock_was_set();
	return 0;
}
u64 ktime_get_real_seconds(void) { return ktime_get_real_ns() / NSEC_PER_SEC; }

/* Linux timekeeping_set_tai_offset / tk->tai_offset: what ADJ_TAI set. */
s32 timekeeping_get_tai_offset(void) { return tai_offset; }
void timekeeping_set_tai_offset(s32 offset)
{
	tai_offset = offset;
	clock_was_set();		/* CLOCK_TAI timers moved */
}
u64 ktime_get_clocktai_ns(void) { return ktime_get_real_ns() + (s64)tai_offset * NSEC_PER_SEC; }
