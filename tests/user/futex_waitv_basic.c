/*
 * futex_waitv_basic - futex_waitv(2) (syscall 449, Linux 5.16; Linux
 * kernel/futex/syscalls.c sys_futex_waitv, waitwake.c futex_wait_multiple):
 * one thread waits on up to 128 32-bit words at once and learns which one
 * was woken.
 *   - the argument errors, in Linux's order: EINVAL for flags != 0, a
 *     count of 0 or more than 128, a NULL array, an entry whose flags are
 *     not FUTEX2_SIZE_U32 (optionally | FUTEX2_PRIVATE), whose __reserved
 *     is not 0, whose value does not fit in 32 bits or whose word is not
 *     aligned, a clock other than CLOCK_MONOTONIC or CLOCK_REALTIME (only
 *     looked at with a timeout), a bad timespec; EFAULT for an unreadable
 *     array, timeout or word.  Every entry is checked, then every shared
 *     word's key is looked up (which needs its page), then the words are
 *     read in order: a bad entry after a stale one is still EINVAL, a
 *     shared NULL word after it EFAULT, but a private one EAGAIN;
 *   - EAGAIN when any word no longer holds its value;
 *   - the timeout is absolute on the clock named: ETIMEDOUT, at once for a
 *     time that has passed;
 *   - an ordinary FUTEX_WAKE on any of the words ends the wait and the
 *     call returns that entry's index (FUTEX_WAKE counts it: 1);
 *   - a word in MAP_SHARED memory, waited on without FUTEX2_PRIVATE, is
 *     woken from another process after fork;
 *   - a signal ends the wait: EINTR from a handler without SA_RESTART;
 *     with SA_RESTART the call goes on (ERESTARTSYS) and still times out.
 * The waker retries FUTEX_WAKE until it reports a waiter, so nothing here
 * depends on how long a thread takes to fall asleep.
 */
#include "ftest.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>

/* include/uapi/linux/futex.h (musl-gcc has no kernel headers) */
#define SYS_futex_waitv_ 449
#define FUTEX_WAKE 1
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX2_SIZE_U8 0x00
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_SIZE_U64 0x03
#define FUTEX2_PRIVATE FUTEX_PRIVATE_FLAG
#define FUTEX_WAITV_MAX 128

struct futex_waitv {
	uint64_t val;
	uint64_t uaddr;
	uint32_t flags;
	uint32_t __reserved;
};

static long futex_waitv(struct futex_waitv *w, unsigned n, unsigned flags, struct timespec *ts, int clk)
{
	return syscall(SYS_futex_waitv_, w, n, flags, ts, clk);
}

static long futex_wake(void *uaddr, int private)
{
	return syscall(SYS_futex, uaddr, FUTEX_WAKE | (private ? FUTEX_PRIVATE_FLAG : 0), 1, NULL, NULL, 0);
}

static void show(const char *what, long r)
{
	printf("%-52s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

/* An absolute time @ms from now on @clk. */
static struct timespec in_ms(int clk, long ms)
{
	struct timespec t;

	clock_gettime(clk, &t);
	t.tv_nsec += ms * 1000000;
	t.tv_sec += t.tv_nsec / 1000000000;
	t.tv_nsec %= 1000000000;
	return t;
}

static uint32_t words[FUTEX_WAITV_MAX];
static struct futex_waitv wv[FUTEX_WAITV_MAX + 1];

/* Entries 0..n-1 wait privately on words[i] == 0. */
static void fill(int n)
{
	memset(wv, 0, sizeof(wv));
	for (int i = 0; i < n; i++)
		wv[i] = (struct futex_waitv){ 0, (uintptr_t)&words[i], FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0 };
}

static void errors(void)
{
	struct timespec to = in_ms(CLOCK_MONOTONIC, 1000), bad = { 0, 1000000000 };
	void *none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	fill(2);
	show("flags 1", futex_waitv(wv, 2, 1, &to, CLOCK_MONOTONIC));
	show("nr_futexes 0", futex_waitv(wv, 0, 0, &to, CLOCK_MONOTONIC));
	show("nr_futexes 129", futex_waitv(wv, 129, 0, &to, CLOCK_MONOTONIC));
	show("waiters NULL", futex_waitv(NULL, 1, 0, &to, CLOCK_MONOTONIC));
	show("waiters unmapped", futex_waitv(none, 1, 0, &to, CLOCK_MONOTONIC));
	show("clockid CLOCK_TAI", futex_waitv(wv, 2, 0, &to, CLOCK_TAI));
	show("clockid CLOCK_BOOTTIME", futex_waitv(wv, 2, 0, &to, CLOCK_BOOTTIME));
	show("tv_nsec 1000000000", futex_waitv(wv, 2, 0, &bad, CLOCK_MONOTONIC));
	show("timeout unmapped", futex_waitv(wv, 2, 0, none, CLOCK_MONOTONIC));
	wv[1].flags = FUTEX2_PRIVATE;
	show("entry 1: FUTEX2_PRIVATE alone (size U8)", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	wv[1].flags = FUTEX2_SIZE_U64;
	show("entry 1: FUTEX2_SIZE_U64", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	wv[1].flags = FUTEX2_SIZE_U32 | 0x40;
	show("entry 1: unknown flag 0x40", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	fill(2);
	wv[1].__reserved = 1;
	show("entry 1: __reserved 1", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	fill(2);
	wv[1].val = 1ULL << 32;
	show("entry 1: val 1 << 32", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	fill(2);
	wv[1].uaddr += 1;
	show("entry 1: unaligned word", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	fill(2);
	wv[0].val = 7;
	wv[1].uaddr += 2;
	show("entry 0 stale, entry 1 unaligned", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	fill(2);
	wv[1].uaddr = (uintptr_t)none;
	show("entry 1: PROT_NONE word", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	wv[1].uaddr = 0;
	show("entry 1: NULL word", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	wv[0].val = 7;
	show("entry 0 stale, entry 1 NULL word", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	wv[1].flags = FUTEX2_SIZE_U32;
	show("entry 0 stale, entry 1 NULL shared word", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	fill(2);
	wv[1].val = 3;
	show("entry 1: word != val", futex_waitv(wv, 2, 0, &to, CLOCK_MONOTONIC));
	show("  ... and no timeout, clockid CLOCK_TAI", futex_waitv(wv, 2, 0, NULL, CLOCK_TAI));
	munmap(none, PAGE_SIZE);
}

static void timeouts(void)
{
	struct timespec past = { 0, 0 }, mono = in_ms(CLOCK_MONOTONIC, 30), real = in_ms(CLOCK_REALTIME, 30);

	fill(3);
	show("absolute time 0 (passed)", futex_waitv(wv, 3, 0, &past, CLOCK_MONOTONIC));
	show("30 ms on CLOCK_MONOTONIC", futex_waitv(wv, 3, 0, &mono, CLOCK_MONOTONIC));
	show("30 ms on CLOCK_REALTIME", futex_waitv(wv, 3, 0, &real, CLOCK_REALTIME));
}

/* ---------------------------------------------------------------- waking */
static volatile long waiter_result;
static volatile int waiter_errno;

static void *waiter(void *arg)
{
	struct timespec to = in_ms(CLOCK_MONOTONIC, 5000);

	waiter_result = futex_waitv(wv, (unsigned)(uintptr_t)arg, 0, &to, CLOCK_MONOTONIC);
	waiter_errno = errno;
	return NULL;
}

/* Wake @word until someone was there (for at most about 5 s): how many
 * FUTEX_WAKE said it woke. */
static long wake_until_woken(void *word, int private)
{
	struct timespec nap = { 0, 1000000 }, now, end = in_ms(CLOCK_MONOTONIC, 5000);
	long r;

	while ((r = futex_wake(word, private)) == 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec > end.tv_nsec))
			break;
		nanosleep(&nap, NULL);
	}
	return r;
}

static void wake_index(int n, int which)
{
	pthread_t t;
	long woke;
	char what[64];

	fill(n);
	pthread_create(&t, NULL, waiter, (void *)(uintptr_t)n);
	woke = wake_until_woken(&words[which], 1);
	pthread_join(t, NULL);
	errno = waiter_errno;
	snprintf(what, sizeof(what), "%d words, FUTEX_WAKE on word %d (woke %ld)", n, which, woke);
	show(what, waiter_result);
}

static void shared_across_fork(void)
{
	uint32_t *shm = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int st;
	pid_t pid;

	memset(wv, 0, sizeof(wv));
	for (int i = 0; i < 4; i++)
		wv[i] = (struct futex_waitv){ 0, (uintptr_t)&shm[i * 16], FUTEX2_SIZE_U32, 0 };
	if ((pid = fork()) == 0) {
		struct timespec to = in_ms(CLOCK_REALTIME, 5000);
		long r = futex_waitv(wv, 4, 0, &to, CLOCK_REALTIME);

		_exit(r >= 0 ? (int)r : 100 + errno);
	}
	printf("shared word 2 woken from the parent: wake says %ld", wake_until_woken(&shm[32], 0));
	waitpid(pid, &st, 0);
	printf(", child's futex_waitv returned %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	munmap(shm, PAGE_SIZE);
}

static volatile int handled;
static void on_alarm(int sig) { (void)sig; handled++; }

static void signals(int restart)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	struct timespec to;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	fill(2);
	handled = 0;
	to = in_ms(CLOCK_MONOTONIC, 150);
	setitimer(ITIMER_REAL, &it, NULL);
	show(restart ? "SIGALRM at 20 ms, SA_RESTART, timeout 150 ms" : "SIGALRM at 20 ms, no SA_RESTART",
	     futex_waitv(wv, 2, 0, restart ? &to : NULL, CLOCK_MONOTONIC));
	printf("  handler ran %d time(s)\n", handled);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	errors();
	timeouts();
	wake_index(1, 0);
	wake_index(3, 1);
	wake_index(FUTEX_WAITV_MAX, FUTEX_WAITV_MAX - 1);
	shared_across_fork();
	signals(0);
	signals(1);
	return 0;
}
