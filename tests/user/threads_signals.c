/*
 * threads_signals - signals in a multi-threaded process (Linux
 * kernel/signal.c; signal(7) "process-directed and thread-directed"):
 *   - kill() to the process is taken by the one thread that does not block
 *     the signal (main blocks it; a worker does not);
 *   - tgkill() to a thread queues for that thread only: while it blocks
 *     the signal, sigpending() shows it there and not in main;
 *   - each thread has its own mask (a worker's sigprocmask does not change
 *     main's) and its own sigaltstack (a new thread starts with none);
 *   - a fault is delivered to the thread that faulted (its handler sees
 *     its own tid), and SIGSEGV in a thread with no handler kills the
 *     whole process: the parent's wait sees signal 11;
 *   - SIGKILL to the process ends every thread, also one blocked in a
 *     futex wait, and exit_group from a thread ends a process whose main
 *     thread waits in pthread_join;
 *   - getpid() is the same in every thread, gettid() differs, and
 *     getppid() is the parent's pid in every thread.
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <stdlib.h>

static volatile pid_t handled_by;
static pid_t main_tid, worker_tid;
static volatile int worker_ready, stop_worker;

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

static void on_usr1(int sig)
{
	(void)sig;
	handled_by = gettid_();
}

static void *unblocked_worker(void *arg)
{
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	worker_tid = gettid_();
	worker_ready = 1;
	while (!stop_worker)
		usleep(1000);
	return NULL;
}

/* kill(getpid()) while main blocks SIGUSR1: the worker takes it. */
static void process_directed(void)
{
	pthread_t th;
	sigset_t usr1;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	worker_ready = stop_worker = 0;
	pthread_create(&th, NULL, unblocked_worker, NULL);
	while (!worker_ready)
		usleep(1000);
	handled_by = 0;
	kill(getpid(), SIGUSR1);
	while (!handled_by)
		usleep(1000);
	printf("kill(): handled by the worker %d, by main %d\n", handled_by == worker_tid, handled_by == main_tid);
	stop_worker = 1;
	pthread_join(th, NULL);
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
}

static volatile int blocked_ready, release_blocked;
static int pending_in_thread, pending_in_main_seen;

static void *blocking_worker(void *arg)
{
	sigset_t usr2, pend;

	(void)arg;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &usr2, NULL);
	worker_tid = gettid_();
	blocked_ready = 1;
	while (!release_blocked)
		usleep(1000);
	sigpending(&pend);
	pending_in_thread = sigismember(&pend, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);    /* handler runs here */
	return NULL;
}

/* tgkill to a thread that blocks the signal: pending there only. */
static void thread_directed(void)
{
	pthread_t th;
	sigset_t pend, mine;

	signal(SIGUSR2, on_usr1);
	blocked_ready = release_blocked = 0;
	handled_by = 0;
	pthread_create(&th, NULL, blocking_worker, NULL);
	while (!blocked_ready)
		usleep(1000);
	syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR2);
	usleep(20000);
	sigpending(&pend);
	pending_in_main_seen = sigismember(&pend, SIGUSR2);
	pthread_sigmask(SIG_SETMASK, NULL, &mine);
	release_blocked = 1;
	pthread_join(th, NULL);
	printf("tgkill: pending in the thread %d, in main %d, handled by it %d\n", pending_in_thread,
	       pending_in_main_seen, handled_by == worker_tid);
	printf("main's mask untouched by the worker: SIGUSR2 blocked %d\n", sigismember(&mine, SIGUSR2));
	printf("tgkill to a tid of another process: %s\n",
	       syscall(SYS_tgkill, getpid() + 100000, worker_tid, 0) ? errno_name(errno) : "ok");
}

static int thread_altstack_flags;
static pid_t thread_pid, thread_ppid;

static void *altstack_worker(void *arg)
{
	stack_t ss;

	(void)arg;
	sigaltstack(NULL, &ss);
	thread_altstack_flags = ss.ss_flags;
	thread_pid = getpid();
	thread_ppid = getppid();
	return NULL;
}

static void per_thread_state(void)
{
	static char altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
	pthread_t th;

	sigaltstack(&ss, NULL);
	pthread_create(&th, NULL, altstack_worker, NULL);
	pthread_join(th, NULL);
	printf("new thread's sigaltstack: SS_DISABLE %d\n", thread_altstack_flags == SS_DISABLE);
	printf("getpid same %d, getppid same %d, gettid differs %d\n", thread_pid == getpid(),
	       thread_ppid == getppid(), worker_tid != main_tid);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
}

static volatile pid_t segv_tid;
static int *volatile bad_ptr = (int *)8;    /* volatile: the compiler cannot see it is bad */
static sigjmp_buf thread_jmp;

static void on_segv(int sig)
{
	(void)sig;
	segv_tid = gettid_();
	siglongjmp(thread_jmp, 1);
}

static void *faulting_worker(void *arg)
{
	(void)arg;
	worker_tid = gettid_();
	if (!sigsetjmp(thread_jmp, 1))
		*bad_ptr = 1;
	return NULL;
}

static void *fatal_worker(void *arg)
{
	(void)arg;
	*bad_ptr = 1;
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	usleep(20000);
	exit(5);
}

static void faults(void)
{
	pthread_t th;
	int st;
	pid_t pid;

	signal(SIGSEGV, on_segv);
	pthread_create(&th, NULL, faulting_worker, NULL);
	pthread_join(th, NULL);
	printf("SIGSEGV handled in the faulting thread %d\n", segv_tid == worker_tid);
	signal(SIGSEGV, SIG_DFL);

	fflush(stdout);
	if ((pid = fork()) == 0) {
		pthread_create(&th, NULL, sleeper, NULL);
		pthread_create(&th, NULL, fatal_worker, NULL);
		for (;;)
			pause();
	}
	waitpid(pid, &st, 0);
	printf("unhandled SIGSEGV in a thread: killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);

	if ((pid = fork()) == 0) {
		pthread_create(&th, NULL, sleeper, NULL);
		pthread_create(&th, NULL, sleeper, NULL);
		for (;;)
			pause();
	}
	usleep(20000);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	printf("SIGKILL to a 3-thread process: killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);

	if ((pid = fork()) == 0) {
		pthread_create(&th, NULL, exiter, NULL);
		pthread_join(th, NULL);
		_exit(1);
	}
	waitpid(pid, &st, 0);
	printf("exit(5) in a thread while main joins: exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

	if ((pid = fork()) == 0) {
		pthread_create(&th, NULL, sleeper, NULL);
		usleep(10000);
		kill(getpid(), SIGTERM);
		pause();
		_exit(1);
	}
	waitpid(pid, &st, 0);
	printf("SIGTERM (default action) to a 2-thread process: killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	main_tid = gettid_();
	process_directed();
	thread_directed();
	per_thread_state();
	faults();
	return 0;
}
