/*
 * POSIX threads on musl (docs/linux-abi.md §2: 56 clone, 202 futex, 218
 * set_tid_address, 200/234 tkill/tgkill, 186 gettid; §1 "fork / vfork";
 * §11 "Single-threaded musl exits with exit_group only").  musl's
 * pthread_create is clone(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|
 * CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|
 * CLONE_CHILD_CLEARTID) on a mmap'd stack; join waits on the futex the
 * kernel clears at thread exit.  Checked:
 *   4 threads each sum their own quarter of 1..400000 into a shared array:
 *   pthread_create -> 0, join -> 0 with the returned pointer, total right;
 *   in each thread getpid() is the process's pid and gettid() is not;
 *   a __thread variable has its initial value in every thread and each
 *   thread's writes stay its own;
 *   a mutex-protected counter incremented 20000 times by each of 4 threads
 *   ends at 80000; a condition variable hands a value from main to a
 *   waiting thread;
 *   pthread_kill(thread, SIGUSR1): the handler runs in that thread (its
 *   __thread marker is set there, not in main);
 *   a thread calling exit(7) ends the whole process: a forked child that
 *   does this exits 7 while its main thread is blocked in pause().
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

static __thread int tls_val = 1234;
static __thread volatile int got_usr1;
static long sums[4];
static int pid_ok[4], tid_ok[4], tls_ok[4];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int handoff, handoff_ready;

static void *summer(void *arg)
{
	long i = (long)arg, s = 0;

	tls_ok[i] = tls_val == 1234;
	tls_val = (int)i;
	for (long k = i * 100000 + 1; k <= (i + 1) * 100000; k++)
		s += k;
	sums[i] = s;
	pid_ok[i] = getpid() == (pid_t)syscall(SYS_getpid);
	tid_ok[i] = syscall(SYS_gettid) != getpid();
	sched_yield();
	tls_ok[i] &= tls_val == (int)i;
	return (void *)(i + 100);
}

static void *incr(void *arg)
{
	(void)arg;
	for (int k = 0; k < 20000; k++) {
		pthread_mutex_lock(&mu);
		counter++;
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

static void *waiter(void *arg)
{
	int *out = arg;

	pthread_mutex_lock(&mu);
	while (!handoff_ready)
		pthread_cond_wait(&cv, &mu);
	*out = handoff;
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

static void *sig_target(void *arg)
{
	volatile int *seen = arg;

	while (!got_usr1)
		sched_yield();
	*seen = 1;
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	usleep(50000);
	exit(7);
}

int main(void)
{
	pthread_t t[4];
	void *ret;
	int r, status;

	setvbuf(stdout, NULL, _IONBF, 0);

	for (long i = 0; i < 4; i++) {
		r = pthread_create(&t[i], NULL, summer, (void *)i);
		printf("pthread_create %ld: %s\n", i, r ? errno_name(r) : "0");
		if (r)
			return 1;
	}
	long total = 0;
	int rets = 0;
	for (int i = 0; i < 4; i++) {
		r = pthread_join(t[i], &ret);
		rets += r == 0 && (long)ret == i + 100;
		total += sums[i];
	}
	printf("joined with the right values %d/4, total %ld (want %ld)\n", rets, total,
	       400000L * 400001 / 2);
	printf("getpid same %d%d%d%d, gettid differs %d%d%d%d, __thread ok %d%d%d%d, main's still %d\n",
	       pid_ok[0], pid_ok[1], pid_ok[2], pid_ok[3], tid_ok[0], tid_ok[1], tid_ok[2], tid_ok[3],
	       tls_ok[0], tls_ok[1], tls_ok[2], tls_ok[3], tls_val);

	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, incr, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("mutex counter %ld\n", counter);

	{
		int out = 0;
		pthread_t w;
		pthread_create(&w, NULL, waiter, &out);
		usleep(20000);
		pthread_mutex_lock(&mu);
		handoff = 99;
		handoff_ready = 1;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&mu);
		pthread_join(w, NULL);
		printf("condition variable handed over %d\n", out);
	}

	{
		volatile int seen = 0;
		pthread_t s;
		signal(SIGUSR1, on_usr1);
		pthread_create(&s, NULL, sig_target, (void *)&seen);
		usleep(20000);
		pthread_kill(s, SIGUSR1);
		pthread_join(s, NULL);
		printf("pthread_kill: target saw it %d, main's marker %d\n", seen, got_usr1);
	}

	pid_t pid = fork();
	if (pid == 0) {
		pthread_t e;
		alarm(5);
		if (pthread_create(&e, NULL, exiter, NULL))
			_exit(1);
		pause();
		_exit(2);
	}
	waitpid(pid, &status, 0);
	print_wait_status("exit(7) from a thread", status);
	return 0;
}
