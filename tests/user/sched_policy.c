/*
 * sched_policy - scheduling policies as the system calls keep and check
 * them (Linux kernel/sched/syscalls.c; kernel/sched_policy.c here):
 * root sets SCHED_FIFO 10 and reads it back (sched_getscheduler,
 * sched_getparam, /proc/self/stat's rt_priority and policy fields);
 * priorities 1..99 for FIFO/RR and 0 otherwise, DEADLINE without
 * sched_setattr, unknown policies, negative pids and NULL params are
 * EINVAL; SCHED_RESET_ON_FORK gives the child SCHED_OTHER;
 * sched_rr_get_interval is the RR timeslice
 * (/proc/sys/kernel/sched_rr_timeslice_ms) under RR and 0 under FIFO.
 * A uid-65534 child (RLIMIT_RTPRIO and RLIMIT_NICE 0, no CAP_SYS_NICE)
 * gets EPERM for a real-time policy, for leaving SCHED_IDLE, for another
 * user's task (setscheduler, setparam, setaffinity) and for clearing
 * reset-on-fork.
 */
#include "ftest.h"
#include <sched.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <sys/resource.h>

#define SCHED_DEADLINE 6
#define RESET_ON_FORK 0x40000000

struct param { int prio; };

static long set(pid_t pid, int policy, int prio)
{
	struct param p = { prio };

	return syscall(SYS_sched_setscheduler, pid, policy, &p);
}

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

/* Fields 40 (rt_priority) and 41 (policy) of /proc/self/stat. */
static void stat_fields(void)
{
	char buf[1024] = "", *p;
	int fd = open("/proc/self/stat", O_RDONLY), field = 2;
	long n = read(fd, buf, sizeof buf - 1);

	close(fd);
	p = strrchr(buf, ')');		/* the name may hold spaces */
	for (; n > 0 && p && *p && field < 40; p++)
		if (*p == ' ')
			field++;
	printf("stat rt_priority and policy: %.6s\n", p ? p : "?");
}

static void as_root(void)
{
	struct param p = { -1 };
	struct timespec ts;

	show("FIFO 10", set(0, SCHED_FIFO, 10));
	show("getscheduler", syscall(SYS_sched_getscheduler, 0));
	syscall(SYS_sched_getparam, 0, &p);
	printf("getparam: %d\n", p.prio);
	stat_fields();
	syscall(SYS_sched_rr_get_interval, 0, &ts);
	printf("rr_get_interval under FIFO: %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
	show("setparam 0 under FIFO", syscall(SYS_sched_setparam, 0, &(struct param){ 0 }));
	show("setparam 50 under FIFO", syscall(SYS_sched_setparam, 0, &(struct param){ 50 }));
	show("RR 1", set(0, SCHED_RR, 1));
	syscall(SYS_sched_rr_get_interval, 0, &ts);
	printf("rr_get_interval under RR: %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
	show("FIFO 100", set(0, SCHED_FIFO, 100));
	show("FIFO 0", set(0, SCHED_FIFO, 0));
	show("OTHER 1", set(0, SCHED_OTHER, 1));
	show("DEADLINE 0", set(0, SCHED_DEADLINE, 0));
	show("policy 100", set(0, 100, 0));
	show("policy -1", set(0, -1, 0));
	show("pid -1", set(-1, SCHED_OTHER, 0));
	show("NULL param", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL));
	show("bad param pointer", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, (void *)8));
	show("no such pid", set(999999, SCHED_OTHER, 0));
	for (int pol = 0; pol <= 6; pol++) {	/* 7, SCHED_EXT, exists only in kernels built with it */
		long mx = syscall(SYS_sched_get_priority_max, pol), mn = syscall(SYS_sched_get_priority_min, pol);

		printf("policy %d: max %ld min %ld\n", pol, mx, mn);
	}
}

static void reset_on_fork(void)
{
	pid_t pid;
	int status;

	show("RR 5 | RESET_ON_FORK", set(0, SCHED_RR | RESET_ON_FORK, 5));
	show("getscheduler", syscall(SYS_sched_getscheduler, 0));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct param p = { -1 };

		syscall(SYS_sched_getparam, 0, &p);
		printf("child: getscheduler %ld, priority %d\n", syscall(SYS_sched_getscheduler, 0), p.prio);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

static void as_nobody(pid_t parent)
{
	unsigned long mask = 1;

	struct rlimit rl;

	getrlimit(RLIMIT_RTPRIO, &rl);
	printf("RLIMIT_RTPRIO: %ld %ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
	if (seteuid(65534))
		return;
	show("euid nobody: FIFO 1", set(0, SCHED_FIFO, 1));	/* RLIMIT_RTPRIO 0, no CAP_SYS_NICE */
	if (seteuid(0))
		return;
	show("child: IDLE", set(0, SCHED_IDLE, 0));
	if (setuid(65534))
		return;
	show("nobody: FIFO 1", set(0, SCHED_FIFO, 1));
	show("nobody: IDLE -> OTHER", set(0, SCHED_OTHER, 0));
	show("nobody: IDLE -> BATCH", set(0, SCHED_BATCH, 0));
	show("nobody: IDLE again", set(0, SCHED_IDLE, 0));
	show("nobody: root's task, OTHER", set(parent, SCHED_OTHER, 0));
	show("nobody: root's task, setparam", syscall(SYS_sched_setparam, parent, &(struct param){ 0 }));
	show("nobody: root's task, setaffinity", syscall(SYS_sched_setaffinity, parent, sizeof mask, &mask));
	show("nobody: own setaffinity", syscall(SYS_sched_setaffinity, 0, sizeof mask, &mask));
	show("nobody: getscheduler of root's task", syscall(SYS_sched_getscheduler, parent));
}

int main(void)
{
	pid_t pid;
	int status;

	as_root();
	reset_on_fork();
	show("OTHER, clearing RESET_ON_FORK as root", set(0, SCHED_OTHER, 0));
	show("OTHER | RESET_ON_FORK", set(0, SCHED_OTHER | RESET_ON_FORK, 0));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		set(0, SCHED_OTHER | RESET_ON_FORK, 0);
		if (setuid(65534) == 0)
			show("nobody: clearing RESET_ON_FORK", set(0, SCHED_OTHER, 0));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	show("OTHER", set(0, SCHED_OTHER, 0));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		as_nobody(getppid());
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return 0;
}
