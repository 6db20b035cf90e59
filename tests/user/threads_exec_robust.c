/*
 * threads_exec_robust - thread groups at their edges (Linux fs/exec.c
 * de_thread, kernel/exit.c, kernel/futex/core.c exit_robust_list):
 *   - execve from a thread that is not the main one: the other threads
 *     die, the new program keeps the process's pid (getpid() and gettid()
 *     both equal the pid the parent forked), and the parent's waitpid
 *     sees its exit status;
 *   - a robust mutex whose owner thread ends while holding it: the next
 *     pthread_mutex_lock gets EOWNERDEAD, pthread_mutex_consistent makes
 *     it usable again;
 *   - the same with a process-shared robust mutex in a MAP_SHARED page
 *     whose owner process exits: the parent gets EOWNERDEAD;
 *   - a thread whose stack runs into its guard page dies of SIGSEGV and
 *     takes the process with it (wait sees signal 11).
 * Run with no arguments; the exec'd image is argv[0] with "execd PID".
 * build: musl glibc
 */
#include "ftest.h"
#include <pthread.h>
#include <stdlib.h>

static char *self;

static void *exec_thread(void *arg)
{
	char pidbuf[16];
	char *args[] = { self, "execd", pidbuf, NULL };

	(void)arg;
	snprintf(pidbuf, sizeof pidbuf, "%d", (int)getpid());
	execv(self, args);
	printf("execv failed: %s\n", errno_name(errno));
	_exit(127);
}

static void *forever(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void exec_from_thread(void)
{
	pthread_t th;
	int st;
	pid_t pid;

	if ((pid = fork()) == 0) {
		pthread_create(&th, NULL, forever, NULL);
		pthread_create(&th, NULL, exec_thread, NULL);
		for (;;)
			pause();
	}
	printf("waitpid returns the forked pid %d\n", waitpid(pid, &st, 0) == pid);
	printf("exec'd image exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st));
}

static pthread_mutex_t robust;

static void *die_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock((pthread_mutex_t *)arg);
	return NULL;                     /* ends holding it */
}

static void robust_thread(void)
{
	pthread_mutexattr_t a;
	pthread_t th;
	int r;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &a);
	pthread_create(&th, NULL, die_holding, &robust);
	pthread_join(th, NULL);
	r = pthread_mutex_lock(&robust);
	printf("lock after the owner thread ended: %s\n", r ? errno_name(r) : "0");
	printf("consistent: %d\n", pthread_mutex_consistent(&robust));
	r = pthread_mutex_unlock(&robust);
	printf("unlock: %d, ", r);
	printf("lock again: %d\n", pthread_mutex_lock(&robust));
	pthread_mutex_unlock(&robust);
}

static void robust_process(void)
{
	pthread_mutex_t *m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;
	int st, r;
	pid_t pid;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(m, &a);
	if ((pid = fork()) == 0) {
		pthread_mutex_lock(m);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	r = pthread_mutex_lock(m);
	printf("process-shared lock after the owner process exited: %s\n", r ? errno_name(r) : "0");
	pthread_mutex_consistent(m);
	pthread_mutex_unlock(m);
}

static int (*volatile recurse_ptr)(int);    /* volatile: no "infinite recursion" warning */

static int recurse(int n)
{
	volatile char buf[4096];

	buf[0] = (char)n;
	return recurse_ptr(n + 1) + buf[0];
}

static void *overflow(void *arg)
{
	(void)arg;
	recurse_ptr = recurse;
	return (void *)(long)recurse(0);
}

static void thread_stack_overflow(void)
{
	pthread_attr_t a;
	pthread_t th;
	int st;
	pid_t pid;

	if ((pid = fork()) == 0) {
		pthread_attr_init(&a);
		pthread_attr_setstacksize(&a, 128 * 1024);
		pthread_create(&th, &a, overflow, NULL);
		pthread_join(th, NULL);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("thread stack overflow: killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "execd")) {
		int same = atoi(argv[2]) == getpid() && syscall(SYS_gettid) == getpid();
		printf("exec'd from a thread: pid kept and single-threaded %d\n", same);
		return 3;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	self = argv[0];
	exec_from_thread();
	robust_thread();
	robust_process();
	thread_stack_overflow();
	return 0;
}
