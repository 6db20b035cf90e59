/*
 * oom_hog - running out of user memory (mm/oom_kill.c). A child touches
 * anonymous memory until none is left. faultline has no swap, so reclaim
 * finds nothing and the OOM killer must choose the task with the largest
 * resident set, the child, and kill it with SIGKILL, printing Linux's
 * "Out of memory: Killed process N (oom_hog)" line; the parent and the
 * kernel go on.  Then the same with threads and oom_score_adj: a bigger
 * sleeping child that wrote -1000 to /proc/self/oom_score_adj is never
 * chosen (Linux oom_badness), and a hog whose touching is done by a second
 * thread dies whole (SIGKILL to the process: every thread goes).
 * faultline only: on the host this would eat the host's memory. Expected
 * output written from those rules.
 *
 * qrun-args: --mem 80M --disk-size 1M
 * log-expect: Out of memory: Killed process \d+ \(oom_hog\) total-vm:\d+kB, anon-rss:\d+kB
 */
#include "ftest.h"
#include <sys/wait.h>
#include <fcntl.h>
#include <pthread.h>

#define CHUNK (1 << 20)
#define PROTECTED_MB 44

static void *hog(void *arg)
{
	(void)arg;
	for (;;) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(3);	/* mmap itself refused: not what is tested */
		for (int i = 0; i < CHUNK; i += PAGE_SIZE)
			p[i] = 1;
	}
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* A child bigger than the hog will get, protected by oom_score_adj -1000. */
static pid_t protected_child(int *ready)
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);
		char *p = mmap(NULL, PROTECTED_MB * CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (fd < 0 || write(fd, "-1000", 5) != 5 || p == MAP_FAILED)
			_exit(4);
		for (long i = 0; i < PROTECTED_MB * CHUNK; i += PAGE_SIZE)
			p[i] = 1;
		*ready = 1;
		for (;;)
			pause();
	}
	while (!*ready)
		usleep(10000);
	return pid;
}

static void threaded_round(void)
{
	int *ready = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t keep = protected_child(ready), child;
	int status;

	if ((child = fork()) == 0) {
		pthread_t th;
		pthread_create(&th, NULL, sleeper, NULL);
		pthread_create(&th, NULL, hog, NULL);
		for (;;)
			pause();
	}
	waitpid(child, &status, 0);
	printf("threaded hog killed by signal: %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	printf("oom_score_adj -1000 child still there: %d\n", waitpid(keep, &status, WNOHANG) == 0);
	kill(keep, SIGTERM);
	waitpid(keep, &status, 0);
	printf("then killed by us with signal: %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int main(void)
{
	int status;
	pid_t child = fork();

	setvbuf(stdout, NULL, _IONBF, 0);
	if (child == 0)
		hog(NULL);
	waitpid(child, &status, 0);
	printf("child killed by signal: %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	printf("parent goes on: a new page works: %d\n", ((char *)mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))[0] == 0);
	threaded_round();
	return 0;
}
