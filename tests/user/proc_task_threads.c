/*
 * proc_task_threads - what /proc/self/task/TID/{status,stat,comm} tell of
 * each thread (Linux fs/proc/array.c, base.c), read by the main thread
 * while four workers sleep in a barrier:
 *   - names set three ways: prctl(PR_SET_NAME) (cut to 15 bytes),
 *     pthread_setname_np, and a write to task/TID/comm;
 *   - status: State, SigPnd (a tgkill'd signal the thread blocks),
 *     ShdPnd, SigBlk (each thread's own mask), Threads, Tgid/Pid;
 *   - stat: state, flags (PF_FORKNOEXEC | PF_RANDOMIZE for a thread; only
 *     PF_RANDOMIZE for the exec'd main thread; a zombie child adds
 *     PF_EXITING, PF_POSTCOREDUMP and PF_NOFREEZE), num_threads,
 *     exit_signal (-1 for a thread, SIGCHLD for the leader);
 *   - a signal kill(2)ed to the process while every thread blocks it is
 *     in ShdPnd of each, SigPnd of none; a joined thread's directory is
 *     gone; PR_SET_NAME on the main thread shows in comm, task/TID/comm
 *     and stat.
 * Nothing printed depends on addresses, pids or the number of CPUs.
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#define NTHREADS 4

static pthread_barrier_t started, finish;
static pid_t tids[NTHREADS];

/* The line of @path that starts with @key, without its newline ("" if none). */
static void line_of(const char *path, const char *key, char *out, int size)
{
	char buf[8192], *p, *e;

	ft_read_file(path, buf, sizeof buf);
	out[0] = 0;
	for (p = buf; p && *p; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		if (!strncmp(p, key, strlen(key))) {
			snprintf(out, size, "%.*s", e ? (int)(e - p) : (int)strlen(p), p);
			return;
		}
	}
}

/* Field @n (1-based, as proc(5) counts) of a stat line. */
static long stat_field(const char *path, int n, char *comm, int size)
{
	char buf[4096], *p, *tok, *save;
	int i = 3;

	ft_read_file(path, buf, sizeof buf);
	if (!(p = strrchr(buf, ')')))
		return -999;
	if (comm)
		snprintf(comm, size, "%.*s", (int)(p + 1 - strchr(buf, '(')), strchr(buf, '('));
	if (n == 3)
		return p[2];
	for (tok = strtok_r(p + 2, " ", &save); tok; tok = strtok_r(NULL, " ", &save), i++)
		if (i == n)
			return atol(tok);
	return -999;
}

static void *worker(void *arg)
{
	long i = (long)arg;
	char name[16], path[64];
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (i & 1)
		sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	tids[i] = syscall(SYS_gettid);
	snprintf(name, sizeof name, "worker-%ld", i);
	if (i == 0) {
		prctl(PR_SET_NAME, "a-very-long-thread-name");
	} else if (i == 1) {
		pthread_setname_np(pthread_self(), name);
	} else {
		snprintf(path, sizeof path, "/proc/self/task/%d/comm", tids[i]);
		fd = open(path, O_WRONLY);
		write(fd, name, strlen(name));
		close(fd);
	}
	pthread_barrier_wait(&started);
	pthread_barrier_wait(&finish);
	return NULL;
}

static void on_usr2(int sig) { (void)sig; }

static void show_thread(int i)
{
	/* not SigCgt: glibc catches its own SIGCANCEL and SIGSETXID, musl not */
	static const char *const keys[] = { "Name:", "State:", "SigPnd:", "ShdPnd:", "SigBlk:", "Threads:" };
	char path[64], out[256], comm[64];
	long v;

	snprintf(path, sizeof path, "/proc/self/task/%d/comm", tids[i]);
	ft_read_file(path, out, sizeof out);
	printf("thread %d comm: %s", i, out);
	snprintf(path, sizeof path, "/proc/self/task/%d/status", tids[i]);
	/* it may not have reached the second barrier yet: let it get to sleep */
	for (int tries = 0; tries < 100; tries++) {
		line_of(path, "State:", out, sizeof out);
		if (strstr(out, "S (sleeping)"))
			break;
		usleep(10000);
	}
	for (unsigned k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		line_of(path, keys[k], out, sizeof out);
		printf("  %s\n", out);
	}
	line_of(path, "Tgid:", out, sizeof out);
	v = atol(out + strlen("Tgid:"));
	line_of(path, "Pid:", out, sizeof out);
	printf("  Tgid is the process: %s, Pid is the thread: %s\n", v == getpid() ? "yes" : "no",
	       atol(out + strlen("Pid:")) == tids[i] ? "yes" : "no");
	line_of(path, "voluntary_ctxt_switches:", out, sizeof out);
	printf("  voluntary_ctxt_switches: %s\n", out[0] ? "present" : "absent");
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tids[i]);
	v = stat_field(path, 3, comm, sizeof comm);
	printf("  stat %s state %c flags %#lx num_threads %ld exit_signal %ld\n", comm, (char)v,
	       stat_field(path, 9, NULL, 0), stat_field(path, 20, NULL, 0), stat_field(path, 38, NULL, 0));
}

int main(void)
{
	pthread_t t[NTHREADS];
	char path[64], out[256], comm[64];
	sigset_t set;
	pid_t pid;
	int fd;

	signal(SIGUSR2, on_usr2);
	pthread_barrier_init(&started, NULL, NTHREADS + 1);
	pthread_barrier_init(&finish, NULL, NTHREADS + 1);
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&started);
	for (int i = 0; i < NTHREADS; i++)
		syscall(SYS_tgkill, getpid(), tids[i], SIGUSR1);
	for (int i = 0; i < NTHREADS; i++)
		show_thread(i);

	printf("main flags %#lx exit_signal %ld\n", stat_field("/proc/self/stat", 9, NULL, 0),
	       stat_field("/proc/self/stat", 38, NULL, 0));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	line_of("/proc/self/status", "ShdPnd:", out, sizeof out);
	printf("after kill(SIGUSR1), main %s\n", out);
	snprintf(path, sizeof path, "/proc/self/task/%d/status", tids[2]);
	line_of(path, "ShdPnd:", out, sizeof out);
	printf("  thread 2 %s\n", out);
	line_of(path, "SigPnd:", out, sizeof out);
	printf("  thread 2 %s\n", out);

	pthread_barrier_wait(&finish);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	snprintf(path, sizeof path, "/proc/self/task/%d/status", tids[0]);
	fd = open(path, O_RDONLY);
	printf("joined thread's status: %s\n", fd < 0 ? errno_name(errno) : "still there");
	line_of("/proc/self/status", "Threads:", out, sizeof out);
	printf("main %s\n", out);

	prctl(PR_SET_NAME, "renamed-main");
	ft_read_file("/proc/self/comm", out, sizeof out);
	printf("comm: %s", out);
	snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
	ft_read_file(path, out, sizeof out);
	printf("task comm: %s", out);
	stat_field("/proc/self/stat", 3, comm, sizeof comm);
	printf("stat comm: %s\n", comm);

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		snprintf(path, sizeof path, "/proc/%d/stat", getpid());
		printf("child before exit: flags %#lx\n", stat_field(path, 9, NULL, 0));
		fflush(stdout);
		_exit(0);
	}
	usleep(200000);
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	printf("zombie: state %c flags %#lx\n", (char)stat_field(path, 3, NULL, 0), stat_field(path, 9, NULL, 0));
	waitpid(pid, NULL, 0);
	return 0;
}
