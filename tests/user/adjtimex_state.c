/*
 * adjtimex_state - adjtimex(2) and clock_adjtime(2) (Linux kernel/time/
 * ntp.c __do_adjtimex, timekeeping_validate_timex, do_clock_adjtime):
 * which clocks may be adjusted, who may set what, the limits each field
 * is clamped to, and the state read back by the same call that set it.
 *
 * Values are printed only from the call that set them: Linux steers the
 * clock each second (the offset decays, maxerror grows, adjtime()'s
 * adjustment is slewed away), so a later read would depend on timing.
 * The machine's own state is saved first and put back at the end.
 */
#include "credutil.h"
#include <sys/timex.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ADJ_KEEP (ADJ_OFFSET | ADJ_FREQUENCY | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_TICK)

static struct timex saved;
static int saved_state;

static int adj(const char *label, struct timex *t)
{
	int r;

	errno = 0;
	r = adjtimex(t);
	if (r < 0)
		printf("%-34s %s\n", label, errno_name(errno));
	else
		printf("%-34s state %d status %#x\n", label, r, t->status);
	return r;
}

static void show_fields(const struct timex *t)
{
	printf("  offset %ld freq %ld maxerror %ld esterror %ld constant %ld\n", t->offset, t->freq, t->maxerror,
	       t->esterror, t->constant);
	printf("  precision %ld tolerance %ld tick %ld tai %d ppsfreq %ld shift %d\n", t->precision, t->tolerance,
	       t->tick, t->tai, t->ppsfreq, t->shift);
}

static int set(const char *label, unsigned modes, struct timex *t)
{
	t->modes = modes;
	return adj(label, t);
}

static void clocks(void)
{
	struct timex t;
	int ids[] = { -14, -13, -10, -6, -5, -2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 100 };
	char label[48];

	for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		memset(&t, 0, sizeof t);
		errno = 0;
		snprintf(label, sizeof label, "clock_adjtime(%d)", ids[i]);
		long r = clock_adjtime(ids[i], &t);
		printf("%-34s %s\n", label, r < 0 ? errno_name(errno) : "ok");
	}
	SHOW("clock_adjtime(REALTIME, NULL)", clock_adjtime(CLOCK_REALTIME, NULL));
	SHOW("clock_adjtime(12, NULL)", clock_adjtime(12, NULL));
	SHOW("clock_adjtime(MONOTONIC, NULL)", clock_adjtime(CLOCK_MONOTONIC, NULL));
	SHOW("adjtimex(NULL)", adjtimex(NULL));
	SHOW("syscall adjtimex(NULL)", syscall(SYS_adjtimex, NULL));
	memset(&t, 0, sizeof t);
	SHOW("syscall adjtimex(read)", syscall(SYS_adjtimex, &t));
	t.modes = 0x0040;	/* unused mode bit */
	SHOW("syscall adjtimex(mode 0x40)", syscall(SYS_adjtimex, &t));
	t.modes = 0x8000;	/* adjtime() without its offset bit */
	SHOW("syscall adjtimex(mode 0x8000)", syscall(SYS_adjtimex, &t));
	t.modes = 0xa000;
	SHOW("syscall adjtimex(mode 0xa000)", syscall(SYS_adjtimex, &t));
	t.modes = 0x8003;	/* with other mode bits: not checked */
	t.offset = 0;
	SHOW("syscall adjtimex(mode 0x8003)", syscall(SYS_adjtimex, &t));
}

static void as_user(void)
{
	struct timex t;

	memset(&t, 0, sizeof t);
	t.modes = 0;
	SHOW("nobody: read", adjtimex(&t));
	t.modes = ADJ_MAXERROR;
	SHOW("nobody: ADJ_MAXERROR", adjtimex(&t));
	t.modes = ADJ_OFFSET_SS_READ;
	SHOW("nobody: ADJ_OFFSET_SS_READ", adjtimex(&t));
	t.modes = ADJ_OFFSET_SINGLESHOT;
	SHOW("nobody: ADJ_OFFSET_SINGLESHOT", adjtimex(&t));
	t.modes = ADJ_SETOFFSET;
	t.time.tv_sec = 0;
	t.time.tv_usec = 0;
	SHOW("nobody: ADJ_SETOFFSET", adjtimex(&t));
	t.modes = ADJ_TICK;
	t.tick = 1;
	SHOW("nobody: ADJ_TICK 1", adjtimex(&t));
}

static void errors(void)
{
	struct timex t;
	struct timespec now;

	memset(&t, 0, sizeof t);
	t.tick = 8999;
	set("ADJ_TICK 8999", ADJ_TICK, &t);
	t.tick = 11001;
	set("ADJ_TICK 11001", ADJ_TICK, &t);
	t.freq = 0x7fffffffffffffffL / 60000000;
	set("ADJ_FREQUENCY huge", ADJ_FREQUENCY, &t);
	t.time.tv_sec = 0;
	t.time.tv_usec = -1;
	set("ADJ_SETOFFSET usec -1", ADJ_SETOFFSET, &t);
	t.time.tv_usec = 1000000;
	set("ADJ_SETOFFSET usec 1000000", ADJ_SETOFFSET, &t);
	t.time.tv_usec = 999999999 + 1;
	set("ADJ_SETOFFSET|NANO nsec 1e9", ADJ_SETOFFSET | ADJ_NANO, &t);
	clock_gettime(CLOCK_REALTIME, &now);
	t.time.tv_sec = -now.tv_sec - 1000;
	t.time.tv_usec = 0;
	set("ADJ_SETOFFSET before 1970", ADJ_SETOFFSET, &t);
	t.time.tv_sec = 0;
	t.time.tv_usec = 0;
	set("ADJ_SETOFFSET 0", ADJ_SETOFFSET | ADJ_MICRO, &t);
}

static void settings(void)
{
	struct timex t;
	struct timespec real, tai;
	int r;

	memset(&t, 0, sizeof t);
	t.constant = 0;
	set("ADJ_TAI 0", ADJ_TAI, &t);
	t.status = STA_UNSYNC;
	set("ADJ_STATUS UNSYNC|MICRO", ADJ_STATUS | ADJ_MICRO, &t);
	t.freq = 1000000;
	t.maxerror = 20000000;
	t.esterror = -5;
	t.constant = 3;
	t.tick = 10000;
	set("FREQ MAXERR ESTERR TIMECONST TICK", ADJ_FREQUENCY | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_TIMECONST | ADJ_TICK, &t);
	show_fields(&t);
	t.freq = -40000000;
	t.maxerror = 1000;
	t.esterror = 250;
	t.constant = 20;
	t.tick = 9000;
	set("freq -40000000 (clamped)", ADJ_FREQUENCY | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_TIMECONST | ADJ_TICK, &t);
	show_fields(&t);
	t.status = STA_PLL;
	t.offset = 125000;
	t.freq = 65536;
	t.tick = 10000;
	set("STATUS PLL + OFFSET 125000us", ADJ_STATUS | ADJ_OFFSET | ADJ_FREQUENCY | ADJ_TICK, &t);
	show_fields(&t);
	t.offset = 5000000;
	set("OFFSET 5000000us (clamped)", ADJ_OFFSET, &t);
	printf("  offset %ld\n", t.offset);
	set("ADJ_NANO", ADJ_NANO, &t);
	printf("  offset %ld usec<1e9 %d\n", t.offset, t.time.tv_usec >= 0 && t.time.tv_usec < 1000000000);
	t.offset = -125000;
	set("OFFSET -125000ns", ADJ_OFFSET, &t);
	printf("  offset %ld\n", t.offset);
	t.constant = 3;
	set("TIMECONST 3 in nano mode", ADJ_TIMECONST, &t);
	printf("  constant %ld\n", t.constant);
	t.status = STA_PLL | STA_INS | STA_CLOCKERR | STA_FREQHOLD;
	set("STATUS PLL|INS|CLOCKERR|FREQHOLD", ADJ_STATUS, &t);
	t.status = STA_PLL | STA_PPSFREQ;
	set("STATUS PLL|PPSFREQ", ADJ_STATUS, &t);
	t.status = STA_PLL;
	set("STATUS PLL", ADJ_STATUS | ADJ_MICRO, &t);
	printf("  offset %ld usec<1e6 %d\n", t.offset, t.time.tv_usec >= 0 && t.time.tv_usec < 1000000);
	t.status = 0;
	set("STATUS 0 (leaves PLL)", ADJ_STATUS, &t);
	printf("  offset %ld\n", t.offset);
	t.constant = 37;
	set("ADJ_TAI 37", ADJ_TAI, &t);
	printf("  tai %d\n", t.tai);
	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_TAI, &tai);
	printf("  CLOCK_TAI - CLOCK_REALTIME: %ld s\n", (long)(tai.tv_sec - real.tv_sec + (tai.tv_nsec >= real.tv_nsec ? 0 : -1)));
	t.constant = 100001;
	set("ADJ_TAI 100001 (ignored)", ADJ_TAI, &t);
	printf("  tai %d\n", t.tai);
	t.constant = -1;
	set("ADJ_TAI -1 (ignored)", ADJ_TAI, &t);
	printf("  tai %d\n", t.tai);
	t.offset = 1000000;
	t.modes = ADJ_OFFSET_SINGLESHOT;
	printf("ADJ_OFFSET_SINGLESHOT 1000000: %d\n", adjtimex(&t));
	t.modes = ADJ_OFFSET_SS_READ;
	r = adjtimex(&t);
	printf("ADJ_OFFSET_SS_READ: %d left near 1s %d\n", r, t.offset > 990000 && t.offset <= 1000000);
	t.offset = 0;
	t.modes = ADJ_OFFSET_SINGLESHOT;
	r = adjtimex(&t);
	printf("ADJ_OFFSET_SINGLESHOT 0: %d was near 1s %d\n", r, t.offset > 990000 && t.offset <= 1000000);
}

static void restore(void)
{
	struct timex t = saved;

	t.modes = ADJ_STATUS;
	t.status = 0;
	adjtimex(&t);
	t = saved;
	t.modes = ADJ_NANO | ADJ_TIMECONST | ADJ_TAI;
	t.constant = saved.constant;
	adjtimex(&t);
	t = saved;
	t.constant = saved.tai;
	t.modes = ADJ_TAI;
	adjtimex(&t);
	t = saved;
	t.offset = 0;
	t.modes = ADJ_KEEP | ADJ_STATUS | ((saved.status & STA_NANO) ? ADJ_NANO : ADJ_MICRO);
	adjtimex(&t);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	saved_state = adjtimex(&saved);
	printf("read: %s\n", saved_state < 0 ? errno_name(errno) : "ok");
	printf("sizeof(struct timex) %zu\n", sizeof(struct timex));
	clocks();
	as_nobody("nobody", as_user);
	errors();
	settings();
	restore();
	return 0;
}
