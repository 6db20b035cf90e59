/*
 * proc_stat_sigmasks - the four signal fields of /proc/PID/stat (31
 * signal, 32 blocked, 33 sigignore, 34 sigcatch), next to the same sets
 * in /proc/PID/status.  Linux do_task_stat prints them as decimal and
 * only signals 1..31 ("obsolete ... for Linux 2.0 compatibility": each
 * masked with 0x7fffffff); field 31 is the thread's own pending set, so a
 * signal kill(2)ed to the process (shared pending) is not in it.  A real-
 * time signal blocked, ignored or caught shows in status, never in stat.
 * task/TID/stat gives that thread's own pending and blocked sets.
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>

/* stat fields 31..34 of @path, as printed */
static void show_stat(const char *tag, const char *path)
{
	char buf[4096], *p, *tok, *save;
	int i = 3;

	ft_read_file(path, buf, sizeof buf);
	printf("%s stat signal/blocked/sigignore/sigcatch:", tag);
	p = strrchr(buf, ')');
	for (tok = p ? strtok_r(p + 2, " \n", &save) : NULL; tok; tok = strtok_r(NULL, " \n", &save), i++)
		if (i >= 31 && i <= 34)
			printf(" %s", tok);
	printf("\n");
}

static void show_status(const char *tag, const char *path)
{
	static const char *const keys[] = { "SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:" };
	char buf[8192], *line;

	ft_read_file(path, buf, sizeof buf);
	printf("%s status", tag);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		for (unsigned k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (!strncmp(line, keys[k], strlen(keys[k])))
				printf(" %s", line);
	printf("\n");
}

static void on_signal(int sig) { (void)sig; }

static pthread_barrier_t ready, done;
static pid_t worker_tid;

static void *worker(void *arg)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGRTMIN + 4);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	worker_tid = syscall(SYS_gettid);
	syscall(SYS_tgkill, getpid(), worker_tid, SIGHUP);
	pthread_barrier_wait(&ready);
	pthread_barrier_wait(&done);
	return arg;
}

int main(void)
{
	char path[64];
	sigset_t set;
	pthread_t t;

	show_stat("start", "/proc/self/stat");

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGRTMIN + 3);
	sigaddset(&set, SIGRTMAX);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGRTMIN + 5, SIG_IGN);
	signal(SIGALRM, on_signal);
	signal(SIGRTMIN + 6, on_signal);

	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1);	/* this thread's own */
	kill(getpid(), SIGUSR2);				/* the process's */
	syscall(SYS_tgkill, getpid(), getpid(), SIGRTMIN + 3);
	kill(getpid(), SIGRTMAX);
	show_stat("main", "/proc/self/stat");
	show_status("main", "/proc/self/status");

	pthread_barrier_init(&ready, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	pthread_create(&t, NULL, worker, NULL);
	pthread_barrier_wait(&ready);
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", worker_tid);
	show_stat("worker", path);
	snprintf(path, sizeof path, "/proc/self/task/%d/status", worker_tid);
	show_status("worker", path);
	pthread_barrier_wait(&done);
	pthread_join(t, NULL);
	return 0;
}
