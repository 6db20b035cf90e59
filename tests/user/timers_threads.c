/*
 * timers_threads - timers and queued signals aimed at one thread (Linux
 * kernel/time/posix-timers.c good_sigevent, kernel/signal.c
 * do_rt_tgsigqueueinfo):
 *   - timer_create with SIGEV_THREAD_ID: the expiry goes to the named
 *     thread (its sigwaitinfo takes it, SI_TIMER, with the timer's value),
 *     not to the process; a tid of another process is EINVAL;
 *   - SIGEV_THREAD (both libcs build it on SIGEV_THREAD_ID and a helper
 *     thread): the callback runs with its value;
 *   - rt_tgsigqueueinfo to a thread of our own: that thread takes it with
 *     the value; to another process with si_code SI_USER: EPERM; with
 *     SI_QUEUE: delivered; a tid that is not in the tgid: ESRCH.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <time.h>

#ifndef SIGEV_THREAD_ID
#define SIGEV_THREAD_ID 4
#endif

static volatile pid_t worker_tid;

/* sigev_notify_thread_id: the int after sigev_notify (the kernel's struct
 * sigevent; the libcs name it differently). */
static void set_tid(struct sigevent *ev, pid_t tid)
{
	int v = tid;
	memcpy((char *)ev + 16, &v, sizeof v);
}
static volatile int worker_ready;
static int got_sig, got_code, got_value;

static void *waiter(void *arg)
{
	sigset_t set;
	siginfo_t si;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	worker_tid = (pid_t)syscall(SYS_gettid);
	worker_ready = 1;
	got_sig = sigwaitinfo(&set, &si);
	got_code = si.si_code;
	got_value = si.si_value.sival_int;
	return NULL;
}

static void start_waiter(pthread_t *th)
{
	worker_ready = 0;
	pthread_create(th, NULL, waiter, NULL);
	while (!worker_ready)
		usleep(1000);
}

static volatile int callback_value;
static void callback(union sigval v) { callback_value = v.sival_int; }

static void timer_to_thread(void)
{
	struct sigevent ev;
	struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000 * 1000 } };
	timer_t t;
	pthread_t th;
	sigset_t pend;

	start_waiter(&th);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 321;
	set_tid(&ev, worker_tid);
	printf("timer_create(SIGEV_THREAD_ID): %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
	timer_settime(t, 0, &its, NULL);
	pthread_join(th, NULL);
	sigpending(&pend);
	printf("the thread took it: signal %d SI_TIMER %d value %d; pending in main %d\n", got_sig,
	       got_code == SI_TIMER, got_value, sigismember(&pend, SIGUSR1));
	timer_delete(t);
	set_tid(&ev, 1);
	printf("SIGEV_THREAD_ID naming another process's thread: %s\n",
	       timer_create(CLOCK_MONOTONIC, &ev, &t) ? errno_name(errno) : "ok");

	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = callback;
	ev.sigev_value.sival_int = 654;
	printf("timer_create(SIGEV_THREAD): %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
	timer_settime(t, 0, &its, NULL);
	for (int i = 0; i < 200 && !callback_value; i++)
		usleep(5000);
	printf("callback ran with value %d\n", callback_value);
	timer_delete(t);
}

static void queued_to_thread(void)
{
	siginfo_t si;
	pthread_t th;
	pid_t kid;

	start_waiter(&th);
	memset(&si, 0, sizeof si);
	si.si_code = SI_QUEUE;
	si.si_value.sival_int = 99;
	printf("rt_tgsigqueueinfo to our thread: %ld\n",
	       syscall(SYS_rt_tgsigqueueinfo, getpid(), worker_tid, SIGUSR1, &si));
	pthread_join(th, NULL);
	printf("it took: signal %d SI_QUEUE %d value %d\n", got_sig, got_code == SI_QUEUE, got_value);
	printf("tid not in that tgid: %s\n",
	       syscall(SYS_rt_tgsigqueueinfo, getpid(), 1, SIGUSR1, &si) ? errno_name(errno) : "ok");
	if ((kid = fork()) == 0) {
		pause();
		_exit(0);
	}
	si.si_code = SI_USER;
	printf("to another process with SI_USER: %s\n",
	       syscall(SYS_rt_tgsigqueueinfo, kid, kid, SIGTERM, &si) ? errno_name(errno) : "ok");
	si.si_code = SI_QUEUE;
	printf("with SI_QUEUE: %ld\n", syscall(SYS_rt_tgsigqueueinfo, kid, kid, SIGTERM, &si));
	int st;
	waitpid(kid, &st, 0);
	printf("child killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

int main(void)
{
	sigset_t set;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);	/* every thread blocks it: only sigwaitinfo takes it */
	timer_to_thread();
	queued_to_thread();
	return 0;
}
