/*
 * cpu_clocks - the CPU-time clocks of a thread or process (Linux
 * kernel/time/posix-cpu-timers.c): clock_getcpuclockid and
 * pthread_getcpuclockid hand out negative clock ids that clock_gettime and
 * clock_getres read.  A process's clock counts all its threads, also one
 * that has exited; a thread's clock is readable inside its process only;
 * the SCHED clocks (and CLOCK_*_CPUTIME_ID) resolve to a nanosecond; an
 * unknown pid, a thread of another process, or clock type 3 is EINVAL
 * from the kernel.  Only comparisons are printed, never times.
 */
#include "ftest.h"
#include <pthread.h>
#include <time.h>
#include <signal.h>
#include <sys/wait.h>

#define MAKE_PROCESS(pid, which) ((~(clockid_t)(pid) << 3) | (which))
#define MAKE_THREAD(tid, which) (MAKE_PROCESS(tid, which) | 4)
#define PROF 0
#define VIRT 1
#define SCHED 2

static volatile long sink;
static clockid_t thread_clock;
static long long thread_ns;

static long long read_ns(clockid_t clk)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clk, &ts))
		return -errno;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void spin(long long ns, clockid_t clk)
{
	long long start = read_ns(clk);

	while (read_ns(clk) - start < ns)
		for (int i = 0; i < 10000; i++)
			sink += i;
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_getcpuclockid(pthread_self(), &thread_clock);
	spin(30000000, thread_clock);
	thread_ns = read_ns(thread_clock);
	return NULL;
}

static void show_res(const char *label, clockid_t clk)
{
	struct timespec ts;
	long r = syscall(SYS_clock_getres, clk, &ts);

	if (r)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %s\n", label, ts.tv_sec == 0 && ts.tv_nsec == 1 ? "1 ns" : ts.tv_nsec > 1 ? "coarser" : "?");
}

int main(void)
{
	clockid_t self;
	pthread_t th;
	long long before, after, prof, virt;
	pid_t child;
	int status;

	printf("clock_getcpuclockid(0): %d\n", clock_getcpuclockid(0, &self));
	printf("its id is MAKE_PROCESS_CPUCLOCK(0, SCHED): %s\n", self == MAKE_PROCESS(0, SCHED) ? "yes" : "no");
	spin(20000000, CLOCK_PROCESS_CPUTIME_ID);
	before = read_ns(CLOCK_PROCESS_CPUTIME_ID);
	printf("own process clock by pid reads at least that: %s\n", read_ns(MAKE_PROCESS(getpid(), SCHED)) >= before ? "yes" : "no");
	prof = read_ns(MAKE_PROCESS(0, PROF));
	virt = read_ns(MAKE_PROCESS(0, VIRT));
	printf("PROF and VIRT readable, VIRT <= PROF: %s\n", prof >= 0 && virt >= 0 && virt <= prof ? "yes" : "no");
	pthread_create(&th, NULL, worker, NULL);
	pthread_join(th, NULL);
	after = read_ns(CLOCK_PROCESS_CPUTIME_ID);
	printf("thread clock ran 30 ms: %s\n", thread_ns >= 30000000 ? "yes" : "no");
	printf("process clock grew by the exited thread's time: %s\n", after - before >= thread_ns ? "yes" : "no");
	printf("own thread clock via tid: %s\n", read_ns(MAKE_THREAD(gettid(), SCHED)) > 0 ? "yes" : "no");
	printf("unknown pid: %s\n", errno_name(-read_ns(MAKE_PROCESS(999999, SCHED))));
	printf("clock type 3: %s\n", errno_name(-read_ns(MAKE_PROCESS(0, 3))));
	child = fork();
	if (child == 0) {
		spin(10000000, CLOCK_PROCESS_CPUTIME_ID);
		pause();
		_exit(0);
	}
	usleep(100000);
	printf("a child's process clock: %s\n", read_ns(MAKE_PROCESS(child, SCHED)) > 0 ? "readable" : "not readable");
	printf("a child's thread clock: %s\n", errno_name(-read_ns(MAKE_THREAD(child, SCHED))));
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	show_res("getres CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
	show_res("getres process SCHED clock", MAKE_PROCESS(0, SCHED));
	show_res("getres process PROF clock", MAKE_PROCESS(0, PROF));
	show_res("getres unknown pid", MAKE_PROCESS(999999, SCHED));
	return 0;
}
