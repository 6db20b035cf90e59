/*
 * Assorted process facts and errors (docs/linux-abi.md §2, §3, §11):
 *   uname: sysname "Linux", machine "x86_64"; getpid() == gettid() (single
 *   thread); a child's getppid() == the parent's getpid(), its getpid()
 *   differs and equals fork's return value; CLOCK_MONOTONIC never goes back
 *   and advances >= 10 ms across a 10 ms nanosleep; CLOCK_REALTIME is past
 *   2020-01-01; sched_yield -> 0; clock_gettime of clock 12345 -> EINVAL;
 *   prlimit64(0, RLIMIT_STACK) reads soft 8 MiB, hard unlimited; a new soft
 *   limit of 4 MiB reads back, through getrlimit too; soft > hard -> EINVAL;
 *   prlimit64 of an unknown resource (99) -> EINVAL; RLIMIT_NOFILE: soft <=
 *   hard and soft >= 64 (the value itself is host-specific); an unknown
 *   syscall (999) -> ENOSYS; clock_gettime / uname / getcwd into a kernel
 *   address -> EFAULT.
 */
#include "ftest.h"
#include <sched.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>

#define KERNEL_ADDR ((void *)0xffff888000000000UL)
#define MiB (1024UL * 1024)

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

static long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000L + t->tv_nsec;
}

static void show_rlim(const char *label, rlim_t v)
{
	if (v == RLIM_INFINITY)
		printf("%s unlimited", label);
	else
		printf("%s %lu KiB", label, (unsigned long)v / 1024);
}

int main(void)
{
	struct utsname u;
	struct timespec t0, t1, ten = { 0, 10000000L };
	struct rlimit rl, old, nr;
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	show("uname", uname(&u));
	printf("sysname \"%s\" machine \"%s\"\n", u.sysname, u.machine);
	printf("getpid == gettid %d\n", getpid() == gettid());

	pid_t parent = getpid();
	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		pid_t me = getpid();
		close(p[0]);
		write(p[1], &me, sizeof me);
		printf("child: getppid == parent %d getpid != parent %d getpid == gettid %d\n",
		       getppid() == parent, me != parent, me == gettid());
		_exit(0);
	}
	pid_t seen = 0;
	close(p[1]);
	read(p[0], &seen, sizeof seen);
	close(p[0]);
	waitpid(pid, &status, 0);
	printf("fork returned the child's pid %d\n", seen == pid);

	show("clock_gettime MONOTONIC", clock_gettime(CLOCK_MONOTONIC, &t0));
	nanosleep(&ten, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("MONOTONIC: not backwards %d advanced >= 10 ms %d nsec < 1e9 %d\n",
	       ns(&t1) >= ns(&t0), ns(&t1) - ns(&t0) >= 10000000L,
	       t1.tv_nsec >= 0 && t1.tv_nsec < 1000000000L);
	clock_gettime(CLOCK_REALTIME, &t0);
	printf("REALTIME after 2020-01-01 %d\n", t0.tv_sec > 1577836800L);
	show("clock_gettime clock 12345", syscall(SYS_clock_gettime, 12345, &t0));
	show("sched_yield", sched_yield());

	show("prlimit64 get STACK", syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &old));
	show_rlim("STACK soft", old.rlim_cur);
	show_rlim(" hard", old.rlim_max);
	printf("\n");
	rl.rlim_cur = 4 * MiB;
	rl.rlim_max = old.rlim_max;
	show("prlimit64 set STACK soft 4 MiB",
	     syscall(SYS_prlimit64, 0, RLIMIT_STACK, &rl, NULL));
	syscall(SYS_prlimit64, getpid(), RLIMIT_STACK, NULL, &nr);
	show_rlim("prlimit64(getpid()) STACK soft", nr.rlim_cur);
	printf("\n");
	getrlimit(RLIMIT_STACK, &nr);
	show_rlim("getrlimit STACK soft", nr.rlim_cur);
	printf("\n");
	rl.rlim_cur = 16 * MiB;
	rl.rlim_max = 8 * MiB;
	show("setrlimit soft > hard", setrlimit(RLIMIT_STACK, &rl));
	show("prlimit64 resource 99",
	     syscall(SYS_prlimit64, 0, 99, NULL, &nr));
	getrlimit(RLIMIT_NOFILE, &nr);
	printf("NOFILE: soft <= hard %d soft >= 64 %d\n",
	       nr.rlim_cur <= nr.rlim_max, nr.rlim_cur >= 64);

	show("syscall 999", syscall(999));
	show("clock_gettime into a kernel address",
	     syscall(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL_ADDR));
	show("uname into a kernel address", syscall(SYS_uname, KERNEL_ADDR));
	show("getcwd into a kernel address", syscall(SYS_getcwd, KERNEL_ADDR, 100));
	show("pipe into a kernel address", syscall(SYS_pipe, KERNEL_ADDR));
	return 0;
}
