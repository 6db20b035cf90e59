/*
 * kernel/itimer.c - interval timers: alarm(), setitimer(), getitimer()
 * (Linux: kernel/time/itimer.c).
 *
 *   ITIMER_REAL     counts wall time          -> SIGALRM
 *   ITIMER_VIRTUAL  counts user CPU time      -> SIGVTALRM
 *   ITIMER_PROF     counts user + kernel time -> SIGPROF
 *
 * The timer tick charges the tick to the running task (user or kernel
 * time, depending on where the tick interrupted it) and fires expired
 * timers, so the resolution is one tick (1/HZ): the CPU-time ones of the
 * running process at every tick, ITIMER_REAL when the tick's walk of the
 * wall-clock deadlines comes due (kernel/sched.c wake_timers).  Timers
 * survive exec and are not inherited by fork.
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define NR_ITIMERS 3
#define USEC_PER_SEC_ 1000000L

struct itimerval_k { struct timeval it_interval, it_value; };

static const int itimer_signal[NR_ITIMERS] = { SIGALRM, SIGVTALRM, SIGPROF };


/* The clock each timer counts, for task t. */
static u64 itimer_clock(struct task_struct *t, int which)
{
	switch (which) {
	case ITIMER_VIRTUAL: return t->utime_ns;
	case ITIMER_PROF: return t->utime_ns + t->stime_ns;
	default: return ktime_get_ns();
	}
}

static struct itimerval_k current_itimer(int which)
{
	struct itimer *it = &current->signal->itimer[which];
	u64 now = itimer_clock(current, which);
	struct itimerval_k v = { ns_to_timeval(it->interval_ns), ns_to_timeval(0) };
	if (it->expires_ns)
		v.it_value = ns_to_timeval(it->expires_ns > now ? it->expires_ns - now : 1000);  /* due: 1 us, as Linux */
	return v;
}

static bool valid_tv(struct timeval tv)
{
	return tv.tv_sec >= 0 && tv.tv_usec >= 0 && tv.tv_usec < USEC_PER_SEC_;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval_k __user *, value)
{
	struct itimerval_k v;
	if (which < 0 || which >= NR_ITIMERS)
		return -EINVAL;
	v = current_itimer(which);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

static void arm_itimer(int which, u64 value_ns, u64 interval_ns)
{
	struct itimer *it = &current->signal->itimer[which];
	it->interval_ns = interval_ns;
	it->expires_ns = value_ns ? itimer_clock(current, which) + value_ns : 0;
	if (which == ITIMER_REAL)
		timer_deadline(it->expires_ns);
}

SYSCALL_DEFINE3(setitimer, int, which, struct itimerval_k __user *, value, struct itimerval_k __user *, ovalue)
{
	struct itimerval_k nv = { 0 }, old;
	if (which < 0 || which >= NR_ITIMERS)
		return -EINVAL;
	if (value && copy_from_user(&nv, value, sizeof(nv)))
		return -EFAULT;
	if (!valid_tv(nv.it_value) || !valid_tv(nv.it_interval))
		return -EINVAL;
	old = current_itimer(which);
	arm_itimer(which, timeval_to_ns(nv.it_value), timeval_to_ns(nv.it_interval));
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* alarm(s): the old timer's seconds, rounded to nearest and never 0 if one
 * was pending (Linux: alarm_setitimer). */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval_k old = current_itimer(ITIMER_REAL);
	arm_itimer(ITIMER_REAL, seconds * NSEC_PER_SEC, 0);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}

/*
 * RLIMIT_CPU, checked with the timers (Linux: check_process_timers in
 * kernel/time/posix-cpu-timers.c): at the hard limit the process is
 * killed (SIGKILL); at the soft limit it gets SIGXCPU, and the soft limit
 * moves up a second (while below the hard one), so a process that handles
 * or ignores it gets another each second.  The clock is ITIMER_PROF's.
 */
static void check_cpu_rlimit(struct task_struct *t)
{
	struct rlimit *rl = &t->signal->rlim[RLIMIT_CPU];
	u64 cpu = itimer_clock(t, ITIMER_PROF);

	if (rl->rlim_cur == RLIM_INFINITY)
		return;
	if (rl->rlim_max != RLIM_INFINITY && cpu >= rl->rlim_max * NSEC_PER_SEC) {
		send_signal(t, SIGKILL, &(siginfo_t){ .si_signo = SIGKILL, .si_code = SI_KERNEL });
		return;
	}
	if (cpu < rl->rlim_cur * NSEC_PER_SEC)
		return;
	if (rl->rlim_cur < rl->rlim_max)
		rl->rlim_cur++;
	send_signal(t, SIGXCPU, &(siginfo_t){ .si_signo = SIGXCPU, .si_code = SI_KERNEL });
}

/* Fire timer @w of @t's process if its clock reached the expiry; re-arm an interval timer. */
static void fire_itimer(struct task_struct *t, int w, u64 clock)
{
	struct itimer *it = &t->signal->itimer[w];

	if (!it->expires_ns || it->expires_ns > clock)
		return;
	it->expires_ns = it->interval_ns ? clock + it->interval_ns : 0;
	send_signal(t, itimer_signal[w], &(siginfo_t){ .si_signo = itimer_signal[w], .si_code = SI_KERNEL });
}

/*
 * From each timer tick, for the running process only: its CPU time is the
 * only CPU time that moved, so only its ITIMER_VIRTUAL and ITIMER_PROF and
 * its RLIMIT_CPU can have come due (Linux: run_posix_cpu_timers(current)).
 */
void run_cpu_itimers(struct task_struct *t)
{
	fire_itimer(t, ITIMER_VIRTUAL, itimer_clock(t, ITIMER_VIRTUAL));
	fire_itimer(t, ITIMER_PROF, itimer_clock(t, ITIMER_PROF));
	check_cpu_rlimit(t);
}

/* When the tick looks at the wall-clock timers: ITIMER_REAL, re-armed or left for later. */
void run_real_itimer(struct task_struct *t, u64 now)
{
	fire_itimer(t, ITIMER_REAL, now);
	timer_deadline(t->signal->itimer[ITIMER_REAL].expires_ns);
}
