/*
 * kernel/itimer.c - ITIMER_REAL: alarm(), setitimer(), getitimer()
 * (Linux: kernel/time/itimer.c).  The timer tick checks each task's expiry
 * and sends SIGALRM, so the resolution is one tick (1/HZ).  Timers survive
 * exec and are not inherited by fork.  ITIMER_VIRTUAL and ITIMER_PROF are
 * not implemented (EINVAL).
 */
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <time.h>
#include <errno.h>

#define ITIMER_REAL 0
#define USEC_PER_SEC_ 1000000L

struct timeval_k { s64 tv_sec, tv_usec; };
struct itimerval_k { struct timeval_k it_interval, it_value; };

static u64 tv_to_ns(struct timeval_k tv) { return tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000; }
static struct timeval_k ns_to_tv(u64 ns) { return (struct timeval_k){ ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 }; }

static struct itimerval_k current_itimer(void)
{
	u64 now = ktime_get_ns(), exp = current->it_real_expires_ns;
	struct itimerval_k v = { ns_to_tv(current->it_real_interval_ns), ns_to_tv(0) };
	if (exp)
		v.it_value = ns_to_tv(exp > now ? exp - now : 1000);   /* due: report 1 us, as Linux */
	return v;
}

static bool valid_tv(struct timeval_k tv)
{
	return tv.tv_sec >= 0 && tv.tv_usec >= 0 && tv.tv_usec < USEC_PER_SEC_;
}

long sys_getitimer(u64 which, u64 uval)
{
	struct itimerval_k v;
	if (which != ITIMER_REAL)
		return -EINVAL;
	v = current_itimer();
	return copy_to_user((void *)uval, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(u64 which, u64 unew, u64 uold)
{
	struct itimerval_k nv = { 0 }, old;
	if (which != ITIMER_REAL)
		return -EINVAL;
	if (unew && copy_from_user(&nv, (void *)unew, sizeof(nv)))
		return -EFAULT;
	if (!valid_tv(nv.it_value) || !valid_tv(nv.it_interval))
		return -EINVAL;
	old = current_itimer();
	current->it_real_interval_ns = tv_to_ns(nv.it_interval);
	current->it_real_expires_ns = tv_to_ns(nv.it_value) ? ktime_get_ns() + tv_to_ns(nv.it_value) : 0;
	if (uold && copy_to_user((void *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* alarm(s): the old timer's seconds, rounded to nearest and never 0 if one
 * was pending (Linux: alarm_setitimer). */
long sys_alarm(u64 seconds)
{
	struct itimerval_k old = current_itimer();
	current->it_real_interval_ns = 0;
	current->it_real_expires_ns = seconds ? ktime_get_ns() + seconds * NSEC_PER_SEC : 0;
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}

/* From the timer tick: fire every expired ITIMER_REAL. */
void run_itimers(u64 now)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		siginfo_t info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };
		if (!t->it_real_expires_ns || t->it_real_expires_ns > now)
			continue;
		t->it_real_expires_ns = t->it_real_interval_ns ? now + t->it_real_interval_ns : 0;
		send_signal(t, SIGALRM, &info);
	}
}
