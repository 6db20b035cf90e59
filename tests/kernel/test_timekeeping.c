/*
 * In-kernel test of setting the wall clock (kernel/time/timekeeping.c
 * do_settimeofday64, behind settimeofday and clock_settime(CLOCK_REALTIME)).
 * Expectation: moving CLOCK_REALTIME forward by an hour moves it by an
 * hour (give or take the time the test takes) and leaves CLOCK_MONOTONIC
 * where it was going; a wall clock earlier than the time since boot is
 * EINVAL and changes nothing (Linux: wall_to_monotonic must stay <= 0).
 * The clock is put back afterwards, so later tests and clock=fixed see
 * their own dates.
 */
#include <ktest.h>
#include <time.h>
#include <errno.h>

#define HOUR_NS (3600 * NSEC_PER_SEC)
#define SLACK_NS (NSEC_PER_SEC / 10)	/* far more than these few lines take */

KTEST(settimeofday_moves_realtime_only)
{
	u64 real0 = ktime_get_real_ns(), mono0 = ktime_get_ns();
	u64 real1, mono1;

	KTEST_EXPECT(do_settimeofday64(real0 + HOUR_NS) == 0);
	real1 = ktime_get_real_ns();
	mono1 = ktime_get_ns();
	KTEST_EXPECT(real1 >= real0 + HOUR_NS && real1 < real0 + HOUR_NS + SLACK_NS);
	KTEST_EXPECT(mono1 >= mono0 && mono1 < mono0 + SLACK_NS);
	KTEST_EXPECT(do_settimeofday64(mono1 / 2) == -EINVAL);
	KTEST_EXPECT(ktime_get_real_ns() >= real1);
	KTEST_EXPECT(do_settimeofday64(real0 + (ktime_get_ns() - mono0)) == 0);
	KTEST_EXPECT(ktime_get_real_ns() - real0 < SLACK_NS);
}
