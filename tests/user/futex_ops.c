/*
 * futex_ops - the futex(2) operations, called directly (futex(2) man page;
 * Linux kernel/futex/): WAIT's value check (EAGAIN) and timeout
 * (ETIMEDOUT), WAKE with and without waiters, the argument errors (EINVAL
 * for a misaligned word or an empty bitset, ENOSYS for an unknown op or
 * FUTEX_CLOCK_REALTIME on WAKE, EFAULT for an unmapped word; a shared
 * WAKE or CMP_REQUEUE needs the page: EFAULT for an unmapped or PROT_NONE
 * word or one past a truncated file's end, while a private WAKE does not
 * look (LTP futex_wake05, futex_cmp_requeue03)), WAIT_BITSET
 * with an absolute deadline, WAKE_BITSET choosing waiters by bit,
 * CMP_REQUEUE (EAGAIN on a changed word; wakes some, moves the rest),
 * REQUEUE, and WAKE_OP's arithmetic and comparison.  Waiters are threads
 * made with clone(CLONE_VM|...) by pthread_create; the main thread polls
 * until each is asleep (/proc-free: it waits for a counter and a short
 * sleep) before waking.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <time.h>
#include <limits.h>
#include <stdlib.h>

/* include/uapi/linux/futex.h (musl-gcc has no kernel headers) */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_REQUEUE_PRIVATE (FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static long futex(void *uaddr, int op, unsigned val, const struct timespec *ts, void *uaddr2, unsigned val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static void show(const char *what, long r)
{
	printf("%-48s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

static unsigned word = 5, word2 = 9;
static volatile int started, done_count;
static int results[8];

struct waiter { unsigned *addr; unsigned val; unsigned bitset; int slot; };

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;
	long r;

	__atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
	if (w->bitset)
		r = futex(w->addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, w->val, NULL, NULL, w->bitset);
	else
		r = futex(w->addr, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, w->val, NULL, NULL, 0);
	results[w->slot] = r == 0 ? 1 : -errno;
	__atomic_fetch_add(&done_count, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Start n waiters on addr and give them time to fall asleep. */
static void start_waiters(pthread_t *th, struct waiter *w, int n, unsigned *addr, unsigned val, const unsigned *bits)
{
	struct timespec nap = { 0, 50 * 1000 * 1000 };

	started = done_count = 0;
	for (int i = 0; i < n; i++) {
		w[i] = (struct waiter){ addr, val, bits ? bits[i] : 0, i };
		results[i] = 0;
		pthread_create(&th[i], NULL, wait_thread, &w[i]);
	}
	while (started < n)
		sched_yield();
	nanosleep(&nap, NULL);
	nanosleep(&nap, NULL);
}

static void join_all(pthread_t *th, int n)
{
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
}

static int count_woken(int n)
{
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	int c = 0;

	nanosleep(&nap, NULL);
	for (int i = 0; i < n; i++)
		c += results[i] == 1;
	return c;
}

/* Shared keys on pages that cannot be had: PROT_NONE, a truncated file. */
static void shared_key_faults(void)
{
	char path[] = "/tmp/futex_opsXXXXXX";
	void *none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = mkstemp(path);
	void *trunc;

	ftruncate(fd, PAGE_SIZE);
	trunc = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ftruncate(fd, 0);
	unlink(path);
	show("WAKE shared, PROT_NONE word", futex(none, FUTEX_WAKE, 1, NULL, NULL, 0));
	show("WAKE shared, truncated file word", futex(trunc, FUTEX_WAKE, 1, NULL, NULL, 0));
	show("CMP_REQUEUE shared, uaddr2 PROT_NONE", futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1L, none, word));
	munmap(none, PAGE_SIZE);
	munmap(trunc, PAGE_SIZE);
	close(fd);
}

static void errors(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 }, bad = { 0, 2000000000 };
	unsigned *misaligned = (unsigned *)((char *)&word + 1);
	void *unmapped = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(unmapped, PAGE_SIZE);
	show("WAIT, word != val", futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0));
	show("WAIT private, 20 ms timeout", futex(&word, FUTEX_WAIT_PRIVATE, 5, &ts, NULL, 0));
	show("WAIT shared, 20 ms timeout", futex(&word, FUTEX_WAIT, 5, &ts, NULL, 0));
	show("WAIT, tv_nsec out of range", futex(&word, FUTEX_WAIT, 5, &bad, NULL, 0));
	show("WAKE, nobody waits", futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0));
	show("WAKE, misaligned word", futex(misaligned, FUTEX_WAKE, 1, NULL, NULL, 0));
	show("WAIT, unmapped word", futex(unmapped, FUTEX_WAIT, 0, NULL, NULL, 0));
	show("WAKE shared, unmapped word", futex(unmapped, FUTEX_WAKE, 1, NULL, NULL, 0));
	show("WAKE private, unmapped word", futex(unmapped, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0));
	shared_key_faults();
	show("WAKE_BITSET, bitset 0", futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0));
	show("WAIT_BITSET, bitset 0", futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0));
	show("op 99", futex(&word, 99, 1, NULL, NULL, 0));
	show("WAKE | FUTEX_CLOCK_REALTIME", futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
	show("CMP_REQUEUE, word != val3", futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1L, &word2, 4));
	show("CMP_REQUEUE, negative count", futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)-1L, &word2, 5));
}

static void absolute_deadline(void)
{
	struct timespec now, past = { 1, 0 };

	clock_gettime(CLOCK_MONOTONIC, &now);
	now.tv_nsec += 30 * 1000 * 1000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	show("WAIT_BITSET, monotonic deadline 30 ms ahead",
	     futex(&word, FUTEX_WAIT_BITSET, 5, &now, NULL, FUTEX_BITSET_MATCH_ANY));
	show("WAIT_BITSET, monotonic deadline in the past",
	     futex(&word, FUTEX_WAIT_BITSET, 5, &past, NULL, FUTEX_BITSET_MATCH_ANY));
	clock_gettime(CLOCK_REALTIME, &now);
	now.tv_nsec += 30 * 1000 * 1000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	show("WAIT_BITSET | CLOCK_REALTIME, 30 ms ahead",
	     futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, &now, NULL, FUTEX_BITSET_MATCH_ANY));
}

static void wake_and_bitset(void)
{
	pthread_t th[4];
	struct waiter w[4];
	static const unsigned bits[4] = { 1, 2, 4, 3 };

	start_waiters(th, w, 3, &word, 5, NULL);
	show("WAKE 2 of 3 waiters", futex(&word, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0));
	printf("woken so far: %d\n", count_woken(3));
	show("WAKE INT_MAX", futex(&word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0));
	join_all(th, 3);
	printf("woken in all: %d\n", count_woken(3));

	start_waiters(th, w, 4, &word, 5, bits);
	show("WAKE_BITSET bit 1 (waiters 1, 3 match)", futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 10, NULL, NULL, 2));
	count_woken(0);
	printf("woken: %d %d %d %d\n", results[0], results[1], results[2], results[3]);
	show("WAKE_BITSET bits 0|2 (waiters 0, 2)", futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 10, NULL, NULL, 5));
	join_all(th, 4);
}

static void requeue(void)
{
	pthread_t th[4];
	struct waiter w[4];

	start_waiters(th, w, 4, &word, 5, NULL);
	show("CMP_REQUEUE wake 1, move 2", futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2L, &word2, 5));
	printf("woken after CMP_REQUEUE: %d\n", count_woken(4));
	show("WAKE on the first word (1 left there)", futex(&word, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
	show("WAKE on the second word (2 moved there)", futex(&word2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
	join_all(th, 4);

	start_waiters(th, w, 2, &word, 5, NULL);
	show("REQUEUE wake 0, move all", futex(&word, FUTEX_REQUEUE_PRIVATE, 0, (void *)10L, &word2, 0));
	show("WAKE on the second word", futex(&word2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
	join_all(th, 2);
}

static void wake_op(void)
{
	pthread_t th[2];
	struct waiter w[2];
	unsigned a = 5, b = 10;

	/* No waiters: only the arithmetic is seen. */
	show("WAKE_OP ADD 3, CMP_EQ 10", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
					      FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 10)));
	printf("second word now %u\n", b);
	show("WAKE_OP OR (1<<4) as shift", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
						FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_EQ, 0)));
	printf("second word now %u\n", b);
	show("WAKE_OP ANDN 1", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
				    FUTEX_OP(FUTEX_OP_ANDN, 1, FUTEX_OP_CMP_EQ, 0)));
	printf("second word now %u\n", b);
	show("WAKE_OP XOR 0xff", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
				      FUTEX_OP(FUTEX_OP_XOR, 0xff, FUTEX_OP_CMP_EQ, 0)));
	printf("second word now %u\n", b);
	show("WAKE_OP SET -1 (sign-extended)", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
						    FUTEX_OP(FUTEX_OP_SET, 0xfff, FUTEX_OP_CMP_EQ, 0)));
	printf("second word now %d\n", (int)b);
	show("WAKE_OP op 7", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b, 7u << 28));
	show("WAKE_OP cmp 9", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
				   FUTEX_OP(FUTEX_OP_SET, 1, 9, 0)));

	/* One waiter on each word: the second wakes only if the old value passes. */
	b = 8;
	start_waiters(th, w, 1, &a, 5, NULL);
	w[1] = (struct waiter){ &b, 8, 0, 1 };
	pthread_create(&th[1], NULL, wait_thread, &w[1]);
	while (started < 2)
		sched_yield();
	count_woken(0);
	show("WAKE_OP SET 0, CMP_GT 7 (old 8: both wake)", futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b,
								FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 7)));
	join_all(th, 2);
	printf("second word now %u\n", b);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	errors();
	absolute_deadline();
	wake_and_bitset();
	requeue();
	wake_op();
	return 0;
}
