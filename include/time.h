#ifndef _FAULTLINE_TIME_H
#define _FAULTLINE_TIME_H
#include "types.h"

/* The kernel's timer id (Linux: __kernel_timer_t); not in types.h, whose
 * includers on the host also see libc's void * timer_t. */
typedef int timer_t;

#define HZ 100                 /* timer ticks per second; Linux's CLK_TCK is 100 too */
#define NSEC_PER_SEC 1000000000UL
#define NSEC_PER_MSEC 1000000ull
#define USEC_PER_SEC 1000000UL

/* The user-visible time structs of Linux x86-64 (64-bit fields), and the
 * conversions every time syscall needs. */
struct timespec { s64 tv_sec, tv_nsec; };
struct timeval { s64 tv_sec, tv_usec; };

static inline u64 timespec_to_ns(struct timespec ts) { return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec; }
static inline u64 timeval_to_ns(struct timeval tv) { return tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000; }
static inline struct timespec ns_to_timespec(u64 ns) { return (struct timespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC }; }
static inline struct timeval ns_to_timeval(u64 ns) { return (struct timeval){ ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 }; }
/* A valid timespec: no negative field, nanoseconds below one second (EINVAL otherwise). */
static inline bool timespec_valid(struct timespec ts)
{
	return ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < (s64)NSEC_PER_SEC;
}

void tsc_calibrate(void);
u64 ktime_get_us(void);
u64 ktime_get_ns(void);
void timekeeping_init(void);		/* kernel/time/timekeeping.c: the wall clock from the RTC */
u64 ktime_get_real_ns(void);		/* CLOCK_REALTIME: nanoseconds since 1970 */
u64 ktime_get_real_seconds(void);
int do_settimeofday64(u64 real_ns);	/* set CLOCK_REALTIME; -EINVAL if before boot */
bool timespec_valid_settod(const struct timespec *ts);	/* kernel/sys.c: a date settimeofday accepts */
s32 timekeeping_get_tai_offset(void);	/* CLOCK_TAI - CLOCK_REALTIME in seconds (adjtimex's ADJ_TAI) */
void timekeeping_set_tai_offset(s32 tai_offset);
u64 ktime_get_clocktai_ns(void);	/* CLOCK_TAI */
struct __kernel_timex;
int do_adjtimex(struct __kernel_timex *txc);	/* kernel/time/ntp.c: adjtimex and clock_adjtime(CLOCK_REALTIME) */
u64 tsc_khz_value(void);
extern volatile u64 jiffies;

/* kernel/time/posix_cpu_clocks.c: CPU-time clocks by id (negative: a task's; Linux's encoding) */
#define CPUCLOCK_PROCESS_SELF (-6)	/* CLOCK_PROCESS_CPUTIME_ID: MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED) */
#define CPUCLOCK_THREAD_SELF (-2)	/* CLOCK_THREAD_CPUTIME_ID: MAKE_THREAD_CPUCLOCK(0, CPUCLOCK_SCHED) */
bool cpu_clock_valid(clockid_t clk);
int cpu_clock_get(clockid_t clk, u64 *ns);
int cpu_clock_getres(clockid_t clk, u64 *ns);

#endif
