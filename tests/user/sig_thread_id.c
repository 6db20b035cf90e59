/*
 * kill(2) and rt_sigqueueinfo(2) given the id of a thread that is not the
 * main one (Linux kill_pid_info: the pid is looked up among all tasks, and
 * the signal goes to that thread's whole process; LTP rt_sigqueueinfo01):
 *   - kill(worker_tid, SIGUSR1) returns 0 and the process's handler runs;
 *   - rt_sigqueueinfo(worker_tid, SIGUSR1, SI_QUEUE with value 777) returns
 *     0 and the handler sees si_value 777;
 *   - once the worker has been joined its id is gone: ESRCH.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>

static volatile int got, value;
static volatile pid_t worker_tid;
static volatile int stop;

static void handler(int sig, siginfo_t *si, void *ctx)
{
	got++;
	value = si->si_value.sival_int;
}

static void *worker(void *arg)
{
	worker_tid = syscall(SYS_gettid);
	while (!stop)
		usleep(1000);
	return arg;
}

static void wait_for(volatile int *count, int want)
{
	for (int i = 0; i < 2000 && *count < want; i++)
		usleep(1000);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	pthread_t thr;
	siginfo_t si;
	pid_t tid;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGUSR1, &sa, NULL);
	pthread_create(&thr, NULL, worker, NULL);
	while (!worker_tid)
		usleep(1000);
	tid = worker_tid;
	printf("worker tid differs from pid: %d\n", tid != getpid());
	printf("kill(worker tid): %d\n", kill(tid, SIGUSR1));
	wait_for(&got, 1);
	printf("  handler ran: %d\n", got);

	memset(&si, 0, sizeof si);
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = 777;
	printf("rt_sigqueueinfo(worker tid): %ld\n", syscall(SYS_rt_sigqueueinfo, tid, SIGUSR1, &si));
	wait_for(&got, 2);
	printf("  handler ran: %d, si_value %d\n", got, value);

	stop = 1;
	pthread_join(thr, NULL);
	usleep(10000);
	int r = kill(tid, SIGUSR1);
	printf("kill(joined tid): %d %s\n", r, errno_name(r < 0 ? errno : 0));
	return 0;
}
