/*
 * kernel/time/ntp.c - the NTP clock model's state, read and set with
 * adjtimex(2) and clock_adjtime(CLOCK_REALTIME) (Linux: kernel/time/ntp.c
 * __do_adjtimex and timekeeping.c do_adjtimex).
 *
 * Everything an NTP daemon sets is kept and read back as Linux computes
 * it (offset, frequency, errors, status, time constant, tick, TAI offset,
 * adjtime()'s pending adjustment), with Linux's checks, limits and
 * rounding.  What faultline does not do is steer the clock with it: no
 * slewing of the offset or of adjtime()'s adjustment, no frequency
 * correction, no leap second (the state stays TIME_OK or TIME_ERROR;
 * Linux's second_overflow would move it).  ADJ_SETOFFSET steps the wall
 * clock, and ADJ_TAI moves CLOCK_TAI, as on Linux.
 */
#include <syscalls.h>
#include <sched.h>
#include <cred.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>
#include "uapi/linux/timex.h"

#define ADJ_ADJTIME		0x8000	/* Linux: the adjtime() modes, ADJ_OFFSET_SINGLESHOT */
#define ADJ_OFFSET_READONLY	0x2000	/* with ADJ_ADJTIME: read the pending adjustment only */
#define ADJ_SINGLESHOT_BIT	0x0001	/* Linux's in-kernel ADJ_OFFSET_SINGLESHOT: ADJ_ADJTIME needs it */

#define USER_HZ 100
#define USER_TICK_USEC ((USEC_PER_SEC + USER_HZ / 2) / USER_HZ)	/* the tick's default, 10000 */
#define NSEC_PER_USEC 1000L
#define NTP_SCALE_SHIFT 32
#define NTP_INTERVAL_FREQ HZ		/* Linux: the offset is kept per tick */
#define SHIFT_USEC 16			/* frequency offsets are ppm << 16 */
#define PPM_SCALE ((s64)NSEC_PER_USEC << (NTP_SCALE_SHIFT - SHIFT_USEC))
#define PPM_SCALE_INV_SHIFT 19
#define PPM_SCALE_INV ((1LL << (PPM_SCALE_INV_SHIFT + NTP_SCALE_SHIFT)) / PPM_SCALE + 1)
#define MAXPHASE 500000000L		/* the largest phase offset (ns) */
#define MAXFREQ 500000			/* the largest frequency offset (ns/s) */
#define MAXFREQ_SCALED ((s64)MAXFREQ << NTP_SCALE_SHIFT)
#define MINSEC 256			/* FLL only for updates at least this far apart (s) */
#define MAXSEC 2048			/* ... and PLL only below this */
#define NTP_PHASE_LIMIT ((MAXPHASE / NSEC_PER_USEC) << 5)	/* maxerror's ceiling (us) */
#define MAXTC 10			/* the largest time constant */
#define SHIFT_PLL 2			/* PLL loop gain */
#define SHIFT_FLL 2			/* FLL loop gain */
#define MAX_TAI_OFFSET 100000		/* ADJ_TAI's upper bound (s) */
#define TICK_SPREAD_PERCENT 10		/* ADJ_TICK: within 10% of a tick */

/* Linux ntp.c's variables, with their boot values (ntp_clear). */
static int time_state = TIME_OK;
static int time_status = STA_UNSYNC;
static s64 time_offset;			/* ns per tick << NTP_SCALE_SHIFT */
static long time_constant = 2;
static long time_maxerror = NTP_PHASE_LIMIT;
static long time_esterror = NTP_PHASE_LIMIT;
static s64 time_freq;			/* ns/s << NTP_SCALE_SHIFT */
static s64 time_reftime;		/* when the PLL offset was last set (s) */
static long time_adjust;		/* adjtime()'s pending adjustment (us) */
static long tick_usec = USER_TICK_USEC;

static s64 clamp_s64(s64 v, s64 lo, s64 hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Linux shift_right: an arithmetic shift of a signed value, rounding toward minus infinity. */
static s64 shift_right(s64 v, int s) { return v < 0 ? -((-v) >> s) : v >> s; }

/* Linux is_error_status without CONFIG_NTP_PPS (Debian's kernels, and here: no PPS signal). */
static bool is_error_status(int status) { return status & (STA_UNSYNC | STA_CLOCKERR); }

/* Linux timekeeping_validate_timex, in its order. */
static int validate_timex(const struct __kernel_timex *txc)
{
	if (txc->modes & ADJ_ADJTIME) {
		if (!(txc->modes & ADJ_SINGLESHOT_BIT))
			return -EINVAL;
		if (!(txc->modes & ADJ_OFFSET_READONLY) && !capable(CAP_SYS_TIME))
			return -EPERM;
	} else {
		if (txc->modes && !capable(CAP_SYS_TIME))
			return -EPERM;
		if ((txc->modes & ADJ_TICK) &&
		    (txc->tick < (100 - TICK_SPREAD_PERCENT) * (s64)USEC_PER_SEC / 100 / USER_HZ ||
		     txc->tick > (100 + TICK_SPREAD_PERCENT) * (s64)USEC_PER_SEC / 100 / USER_HZ))
			return -EINVAL;
	}
	if (txc->modes & ADJ_SETOFFSET) {
		if (!capable(CAP_SYS_TIME))
			return -EPERM;
		if (txc->time.tv_usec < 0)
			return -EINVAL;
		if (txc->time.tv_usec >= (s64)((txc->modes & ADJ_NANO) ? NSEC_PER_SEC : USEC_PER_SEC))
			return -EINVAL;
	}
	if ((txc->modes & ADJ_FREQUENCY) &&
	    (txc->freq < (s64)(-0x7fffffffffffffffLL - 1) / PPM_SCALE || txc->freq > 0x7fffffffffffffffLL / PPM_SCALE))
		return -EINVAL;		/* Linux: time_freq = freq * PPM_SCALE must not overflow */
	return 0;
}

/* Linux timekeeping_inject_offset: step the wall clock by the offset given. */
static int inject_offset(const struct __kernel_timex *txc)
{
	s64 nsec = txc->time.tv_usec * ((txc->modes & ADJ_NANO) ? 1 : NSEC_PER_USEC);
	s64 real = (s64)ktime_get_real_ns() + txc->time.tv_sec * (s64)NSEC_PER_SEC + nsec;
	struct timespec ts = { real / (s64)NSEC_PER_SEC, real % (s64)NSEC_PER_SEC };

	if (real < 0 || !timespec_valid_settod(&ts))
		return -EINVAL;
	return do_settimeofday64(real);		/* -EINVAL before boot: wall_to_monotonic > 0 */
}

/* Linux process_adj_status: leaving PLL mode resets the state; only the writable bits change. */
static void process_adj_status(const struct __kernel_timex *txc)
{
	if ((time_status & STA_PLL) && !(txc->status & STA_PLL)) {
		time_state = TIME_OK;
		time_status = STA_UNSYNC;
	}
	if (!(time_status & STA_PLL) && (txc->status & STA_PLL))
		time_reftime = ktime_get_real_seconds();
	time_status &= STA_RONLY;
	time_status |= txc->status & ~STA_RONLY;
}

/* Linux ntp_update_offset_fll: the FLL's frequency step, for updates far enough apart. */
static s64 update_offset_fll(s64 offset, long secs)
{
	time_status &= ~STA_MODE;
	if (secs < MINSEC)
		return 0;
	if (!(time_status & STA_FLL) && secs <= MAXSEC)
		return 0;
	time_status |= STA_MODE;
	return (offset << (NTP_SCALE_SHIFT - SHIFT_FLL)) / secs;
}

/* Linux ntp_update_offset: a new phase offset, in PLL mode only; it also moves the frequency. */
static void update_offset(s64 offset)
{
	s64 now = ktime_get_real_seconds(), freq_adj;
	long secs;

	if (!(time_status & STA_PLL))
		return;
	if (!(time_status & STA_NANO))
		offset = clamp_s64(offset, -(s64)USEC_PER_SEC, USEC_PER_SEC) * NSEC_PER_USEC;
	offset = clamp_s64(offset, -MAXPHASE, MAXPHASE);
	secs = (time_status & STA_FREQHOLD) ? 0 : now - time_reftime;
	time_reftime = now;
	freq_adj = update_offset_fll(offset, secs);
	if (secs > 1L << (SHIFT_PLL + 1 + time_constant))
		secs = 1L << (SHIFT_PLL + 1 + time_constant);
	freq_adj += (offset * secs) << (NTP_SCALE_SHIFT - 2 * (SHIFT_PLL + 2 + time_constant));
	time_freq = clamp_s64(freq_adj + time_freq, -MAXFREQ_SCALED, MAXFREQ_SCALED);
	time_offset = (offset << NTP_SCALE_SHIFT) / NTP_INTERVAL_FREQ;
}

/* Linux process_adjtimex_modes, in its order. */
static void process_modes(const struct __kernel_timex *txc, s32 *tai)
{
	if (txc->modes & ADJ_STATUS)
		process_adj_status(txc);
	if (txc->modes & ADJ_NANO)
		time_status |= STA_NANO;
	if (txc->modes & ADJ_MICRO)
		time_status &= ~STA_NANO;
	if (txc->modes & ADJ_FREQUENCY)
		time_freq = clamp_s64(txc->freq * PPM_SCALE, -MAXFREQ_SCALED, MAXFREQ_SCALED);
	if (txc->modes & ADJ_MAXERROR)
		time_maxerror = clamp_s64(txc->maxerror, 0, NTP_PHASE_LIMIT);
	if (txc->modes & ADJ_ESTERROR)
		time_esterror = clamp_s64(txc->esterror, 0, NTP_PHASE_LIMIT);
	if (txc->modes & ADJ_TIMECONST) {
		time_constant = clamp_s64(txc->constant, 0, MAXTC);
		if (!(time_status & STA_NANO))
			time_constant += 4;	/* Linux: microsecond-mode constants are 4 larger */
		time_constant = clamp_s64(time_constant, 0, MAXTC);
	}
	if ((txc->modes & ADJ_TAI) && txc->constant >= 0 && txc->constant <= MAX_TAI_OFFSET)
		*tai = txc->constant;
	if (txc->modes & ADJ_OFFSET)
		update_offset(txc->offset);
	if (txc->modes & ADJ_TICK)
		tick_usec = txc->tick;
}

/* Linux __do_adjtimex: apply the modes, then report the whole state. */
static int ntp_adjtimex(struct __kernel_timex *txc, s32 *tai)
{
	u64 real;
	int result;

	if (txc->modes & ADJ_ADJTIME) {
		long save_adjust = time_adjust;

		if (!(txc->modes & ADJ_OFFSET_READONLY))
			time_adjust = txc->offset;	/* adjtime() is independent of the NTP offset */
		txc->offset = save_adjust;
	} else {
		if (txc->modes)
			process_modes(txc, tai);
		txc->offset = shift_right(time_offset * NTP_INTERVAL_FREQ, NTP_SCALE_SHIFT);
		if (!(time_status & STA_NANO))
			txc->offset /= NSEC_PER_USEC;
	}
	result = is_error_status(time_status) ? TIME_ERROR : time_state;
	txc->freq = shift_right((time_freq >> PPM_SCALE_INV_SHIFT) * PPM_SCALE_INV, NTP_SCALE_SHIFT);
	txc->maxerror = time_maxerror;
	txc->esterror = time_esterror;
	txc->status = time_status;
	txc->constant = time_constant;
	txc->precision = 1;
	txc->tolerance = MAXFREQ_SCALED / PPM_SCALE;
	txc->tick = tick_usec;
	txc->tai = *tai;
	txc->ppsfreq = txc->jitter = txc->stabil = 0;
	txc->shift = 0;
	txc->jitcnt = txc->calcnt = txc->errcnt = txc->stbcnt = 0;
	real = ktime_get_real_ns();
	txc->time.tv_sec = real / NSEC_PER_SEC;
	txc->time.tv_usec = real % NSEC_PER_SEC;
	if (!(time_status & STA_NANO))
		txc->time.tv_usec /= NSEC_PER_USEC;
	return result;
}

/* Linux do_adjtimex: check, step the clock for ADJ_SETOFFSET, then the NTP state and the TAI offset. */
int do_adjtimex(struct __kernel_timex *txc)
{
	s32 tai = timekeeping_get_tai_offset();
	int ret = validate_timex(txc);

	if (ret)
		return ret;
	if ((txc->modes & ADJ_SETOFFSET) && (ret = inject_offset(txc)))
		return ret;
	ret = ntp_adjtimex(txc, &tai);
	timekeeping_set_tai_offset(tai);
	return ret;
}

SYSCALL_DEFINE1(adjtimex, struct __kernel_timex __user *, txc_p)
{
	struct __kernel_timex txc;
	int ret;

	if (copy_from_user(&txc, txc_p, sizeof(txc)))
		return -EFAULT;
	ret = do_adjtimex(&txc);
	return copy_to_user(txc_p, &txc, sizeof(txc)) ? -EFAULT : ret;
}
