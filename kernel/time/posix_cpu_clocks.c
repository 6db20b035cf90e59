/*
 * kernel/time/posix_cpu_clocks.c - the CPU-time clocks of any thread or
 * process (Linux: kernel/time/posix-cpu-timers.c, posix_cpu_clock_get).
 *
 * clock_getcpuclockid() and pthread_getcpuclockid() hand out clock ids
 * that name a task: a negative id is (~pid << 3) | perthread << 2 | which,
 * where which is PROF (user + system time), VIRT (user time) or SCHED (the
 * CPU time measured at every switch); pid 0 is the caller.  A thread's
 * clock is readable only inside its own process, a process's by its pid
 * (a thread's tid does not name its process).  CLOCK_PROCESS_CPUTIME_ID
 * and CLOCK_THREAD_CPUTIME_ID are the caller's SCHED clocks.
 */
#include <sched.h>
#include <time.h>
#include <errno.h>

#define CPUCLOCK_PROF 0
#define CPUCLOCK_VIRT 1
#define CPUCLOCK_SCHED 2
#define CPUCLOCK_MAX 3
#define CPUCLOCK_CLOCK_MASK 3
#define CPUCLOCK_PERTHREAD_MASK 4

static bool perthread(clockid_t clk) { return clk & CPUCLOCK_PERTHREAD_MASK; }
static int which(clockid_t clk) { return clk & CPUCLOCK_CLOCK_MASK; }

/* Linux lookup_task: the task the id names, or NULL (EINVAL). */
static struct task_struct *clock_task(clockid_t clk)
{
	pid_t pid = ~(clk >> 3);
	struct task_struct *p;

	if (which(clk) >= CPUCLOCK_MAX)
		return NULL;			/* 3 is CLOCKFD: a clock device's descriptor */
	if (!pid)
		return perthread(clk) ? current : current->group_leader;
	if (!(p = find_task(pid)))
		return NULL;
	if (perthread(clk))
		return p->tgid == current->tgid ? p : NULL;
	return p == current || thread_group_leader(p) ? p : NULL;
}

static u64 sample(const struct task_struct *t, int w)
{
	if (w == CPUCLOCK_SCHED)
		return task_sched_runtime((struct task_struct *)t);
	return t->utime_ns + (w == CPUCLOCK_PROF ? t->stime_ns : 0);
}

/* A process's clock: its live threads' time and what its dead threads left. */
static u64 group_sample(struct task_struct *t, int w)
{
	struct task_struct *pos;
	u64 ns = w == CPUCLOCK_SCHED ? t->signal->sum_exec_ns :
		 t->signal->utime_ns + (w == CPUCLOCK_PROF ? t->signal->stime_ns : 0);

	for_each_thread(t, pos)		/* an exited thread has left the list, its time is in signal_struct */
		ns += sample(pos, w);
	return ns;
}

bool cpu_clock_valid(clockid_t clk)
{
	return clk < 0 && clock_task(clk);
}

/* The clock's value in ns, or -EINVAL for an id that names nothing. */
int cpu_clock_get(clockid_t clk, u64 *ns)
{
	struct task_struct *t = clock_task(clk);

	if (!t)
		return -EINVAL;
	*ns = perthread(clk) ? sample(t, which(clk)) : group_sample(t, which(clk));
	return 0;
}

/* Linux posix_cpu_clock_getres: a nanosecond for SCHED, a tick for the sampled ones. */
int cpu_clock_getres(clockid_t clk, u64 *ns)
{
	if (!clock_task(clk))
		return -EINVAL;
	*ns = which(clk) == CPUCLOCK_SCHED ? 1 : NSEC_PER_SEC / HZ;
	return 0;
}
