/*
 * proc_nr_threads - the thread count /proc gives (Linux get_nr_threads:
 * signal->nr_threads, which drops only when a task is released, not when
 * it exits).  Checked, in /proc/PID/status "Threads:" and field 20 of
 * /proc/PID/stat:
 *   a zombie child (exited, not yet waited for) still counts 1, state Z;
 *   a child whose main thread called exit(2) (SYS_exit) while a second thread
 *   runs counts 2 (the leader is a zombie, but not released), state Z;
 *   after the second thread exits too, the child is reaped and its
 *   directory is gone (ENOENT).
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>

static int slurp(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void show(const char *what, pid_t pid)
{
	char path[64], buf[4096], state = '?', *p;
	long threads = -1;
	int st;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	if ((st = slurp(path, buf, sizeof buf)) < 0) {
		printf("%s: status %s\n", what, st == -ENOENT ? "ENOENT" : "error");
		return;
	}
	p = strstr(buf, "\nThreads:");
	printf("%s: status Threads %ld", what, p ? atol(p + 9) : -1L);
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	slurp(path, buf, sizeof buf);
	p = strrchr(buf, ')');
	if (p)
		sscanf(p + 2, "%c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld",
		       &state, &threads);
	printf(", stat state %c threads %ld\n", state, threads);
}

static int go[2];

static void *second(void *arg)
{
	char c;

	(void)arg;
	read(go[0], &c, 1);	/* until the parent has looked */
	return NULL;
}

/* Wait until pid's state is Z (the exit has happened). */
static void wait_zombie(pid_t pid)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	for (int i = 0; i < 2000; i++) {
		if (slurp(path, buf, sizeof buf) > 0 && (p = strrchr(buf, ')')) && p[2] == 'Z')
			return;
		usleep(1000);
	}
}

int main(void)
{
	pid_t pid;
	int st;

	setvbuf(stdout, NULL, _IONBF, 0);
	pid = fork();
	if (pid == 0)
		_exit(3);
	wait_zombie(pid);
	show("zombie", pid);
	waitpid(pid, &st, 0);
	printf("reaped: exit %d\n", WEXITSTATUS(st));

	pipe(go);
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, second, NULL);
		/* The raw exit, not pthread_exit: a forked child's musl has no
		 * set_tid_address for its main thread, so the second thread's
		 * pthread_exit would wait for the thread list lock forever. */
		syscall(SYS_exit, 0);
	}
	wait_zombie(pid);
	show("leader gone, thread running", pid);
	write(go[1], "x", 1);
	waitpid(pid, &st, 0);
	printf("reaped: exit %d\n", WEXITSTATUS(st));
	show("after reaping", pid);
	return 0;
}
