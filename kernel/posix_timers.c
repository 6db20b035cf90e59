/*
 * kernel/posix_timers.c - timer_create() and friends (POSIX timers; Linux:
 * kernel/time/posix-timers.c).  Each task has up to MAX_TIMERS; a timer
 * counts one clock (wall, monotonic, or the process's CPU time), and on
 * expiry queues its signal with si_code SI_TIMER, si_timerid, si_overrun and
 * the sigev_value given at creation.  Checked once per timer tick; deleted
 * at exec and exit, not inherited by fork.
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <mm.h>
#include <time.h>
#include <proc_fs.h>
#include <errno.h>

#define MAX_TIMERS 32
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD_ID 4
#define TIMER_ABSTIME 1
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11

struct posix_timer {
	int clock, signo, notify;
	int tid;                      /* SIGEV_THREAD_ID: the thread that gets the signal */
	u64 value;                    /* sigev_value */
	u64 expires, interval;        /* on the timer's clock; 0 = disarmed */
	int overrun;                  /* the last delivered signal's si_overrun (timer_getoverrun) */
	int pending_overrun;          /* expiries since the queued signal was sent */
};
static void drop_queued_signal(struct posix_timer *pt, int id);
static void wall_timer_deadline(struct task_struct *t, struct posix_timer *pt);
static bool cpu_clock(int clock);
static void run_one(struct task_struct *t, int id, struct posix_timer *pt);
struct sigevent_k { u64 sigev_value; int sigev_signo, sigev_notify; int tid; int pad[11]; };
struct itimerspec_k { struct timespec it_interval, it_value; };

static u64 timer_clock_ns(struct task_struct *t, int clock)
{
	switch (clock) {
	case CLOCK_REALTIME: return ktime_get_real_ns();
	case CLOCK_TAI: return ktime_get_clocktai_ns();	/* REALTIME + adjtimex's TAI offset */
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID: return task_sched_runtime(t);
	default: return ktime_get_ns();
	}
}

static bool timer_clock_ok(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_PROCESS_CPUTIME_ID ||
	       clock == CLOCK_THREAD_CPUTIME_ID || clock == CLOCK_BOOTTIME || clock == CLOCK_TAI;
}

static struct posix_timer *timer_of(timer_t id)
{
	return id >= 0 && id < MAX_TIMERS ? current->signal->posix_timers[id] : NULL;
}

static int sigevent_setup(struct posix_timer *pt, const struct sigevent_k __user *usev, int id)
{
	struct sigevent_k ev;
	if (!usev) {                          /* POSIX default: SIGALRM, value = the id */
		pt->signo = SIGALRM;
		pt->notify = SIGEV_SIGNAL;
		pt->value = id;
		return 0;
	}
	if (copy_from_user(&ev, usev, sizeof(ev)))
		return -EFAULT;
	if (ev.sigev_notify != SIGEV_SIGNAL && ev.sigev_notify != SIGEV_NONE && ev.sigev_notify != SIGEV_THREAD_ID)
		return -EINVAL;
	if (ev.sigev_notify != SIGEV_NONE && (ev.sigev_signo < 1 || ev.sigev_signo > _NSIG))
		return -EINVAL;
	if (ev.sigev_notify == SIGEV_THREAD_ID) {
		/* Linux good_sigevent: a thread of the caller's own process
		 * (musl's and glibc's SIGEV_THREAD timers name their helper thread). */
		struct task_struct *t = find_task(ev.tid);
		if (!t || t->signal != current->signal)
			return -EINVAL;
		pt->tid = ev.tid;
	}
	pt->signo = ev.sigev_signo;
	pt->notify = ev.sigev_notify;
	pt->value = ev.sigev_value;
	return 0;
}

SYSCALL_DEFINE3(timer_create, const clockid_t, which_clock, struct sigevent_k __user *, timer_event_spec,
		timer_t __user *, created_timer_id)
{
	struct posix_timer *pt;
	timer_t id;
	int err;
	if (which_clock == CLOCK_REALTIME_ALARM || which_clock == CLOCK_BOOTTIME_ALARM)
		return -EOPNOTSUPP;	/* Linux alarmtimer_create: no RTC that can wake the machine */
	if (!timer_clock_ok(which_clock))
		return -EINVAL;
	for (id = 0; id < MAX_TIMERS && current->signal->posix_timers[id]; id++)
		;
	if (id == MAX_TIMERS)
		return -EAGAIN;
	if (!(pt = kzalloc(sizeof(*pt))))
		return -EAGAIN;
	pt->clock = which_clock;
	if ((err = sigevent_setup(pt, timer_event_spec, id)) || put_user(id, created_timer_id)) {
		kfree(pt);
		return err ? err : -EFAULT;
	}
	current->signal->posix_timers[id] = pt;
	return 0;
}


static struct itimerspec_k timer_remaining(struct posix_timer *pt)
{
	u64 now = timer_clock_ns(current, pt->clock);
	struct itimerspec_k v = { ns_to_timespec(pt->interval), ns_to_timespec(0) };
	if (pt->expires)
		v.it_value = ns_to_timespec(pt->expires > now ? pt->expires - now : 1);
	return v;
}

SYSCALL_DEFINE4(timer_settime, timer_t, timer_id, int, flags, const struct itimerspec_k __user *, new_setting,
		struct itimerspec_k __user *, old_setting)
{
	struct posix_timer *pt = timer_of(timer_id);
	struct itimerspec_k nv, old;
	u64 now;

	/* Linux's order: no new setting, an unreadable one, a bad one, then the timer */
	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(&nv, new_setting, sizeof(nv)))
		return -EFAULT;
	if (!timespec_valid(nv.it_value) || !timespec_valid(nv.it_interval))
		return -EINVAL;
	if (!pt)
		return -EINVAL;
	old = timer_remaining(pt);
	now = timer_clock_ns(current, pt->clock);
	pt->interval = timespec_to_ns(nv.it_interval);
	pt->expires = !timespec_to_ns(nv.it_value) ? 0 : (flags & TIMER_ABSTIME) ? MAX(timespec_to_ns(nv.it_value), 1UL)
									   : now + timespec_to_ns(nv.it_value);
	pt->overrun = pt->pending_overrun = 0;
	drop_queued_signal(pt, timer_id);
	wall_timer_deadline(current, pt);
	if (cpu_clock(pt->clock))
		run_one(current, timer_id, pt);	/* Linux posix_cpu_timer_set: already due fires now */
	if (old_setting && copy_to_user(old_setting, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timer_gettime, timer_t, timer_id, struct itimerspec_k __user *, setting)
{
	struct posix_timer *pt = timer_of(timer_id);
	struct itimerspec_k v;
	if (!pt)
		return -EINVAL;
	v = timer_remaining(pt);
	return copy_to_user(setting, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(timer_getoverrun, timer_t, timer_id)
{
	struct posix_timer *pt = timer_of(timer_id);
	return pt ? pt->overrun : -EINVAL;
}

SYSCALL_DEFINE1(timer_delete, timer_t, timer_id)
{
	struct posix_timer *pt = timer_of(timer_id);
	if (!pt)
		return -EINVAL;
	drop_queued_signal(pt, timer_id);
	current->signal->posix_timers[timer_id] = NULL;
	kfree(pt);
	return 0;
}

/* exec and exit: a process's timers die with its image (POSIX). */
void exit_posix_timers(struct task_struct *t)
{
	for (int id = 0; id < MAX_TIMERS; id++) {
		kfree(t->signal->posix_timers[id]);
		t->signal->posix_timers[id] = NULL;
	}
}

/*
 * Linux gives each timer one preallocated signal: while it waits to be
 * taken, later expiries only count as overruns, and the count is reported
 * when it is taken (posixtimer_rearm at dequeue: si_overrun, then
 * timer_getoverrun).  So a periodic timer never has two signals queued,
 * even a real-time one.
 */
static struct sigpending *timer_queue(struct task_struct *t, struct posix_timer *pt)
{
	if (pt->notify == SIGEV_THREAD_ID) {
		struct task_struct *th = find_task(pt->tid);

		return th && th->signal == t->signal ? &th->pending : NULL;
	}
	return &t->signal->shared_pending;
}

static void add_overrun(struct posix_timer *pt, u64 n)
{
	pt->pending_overrun = (int)MIN((u64)pt->pending_overrun + n, (u64)INT_MAX);
}

static void fire(struct task_struct *t, int id, struct posix_timer *pt, u64 missed)
{
	siginfo_t info = { .si_signo = pt->signo, .si_code = SI_TIMER };
	struct sigpending *q = timer_queue(t, pt);

	if (pt->notify == SIGEV_NONE || !q)
		return;
	if (timer_signal_queued(q, pt->signo, id, false)) {
		add_overrun(pt, 1 + missed);
		return;
	}
	pt->pending_overrun = 0;
	add_overrun(pt, missed);
	info.timer.tid = id;
	info.timer.value = pt->value;
	if (pt->notify == SIGEV_THREAD_ID)
		send_signal_thread(find_task(pt->tid), pt->signo, &info);
	else
		send_signal(t, pt->signo, &info);
}

/* timer_settime and timer_delete: a signal still queued is dropped (Linux
 * 6.13 on: its sequence number no longer matches, so it is not delivered). */
static void drop_queued_signal(struct posix_timer *pt, int id)
{
	struct sigpending *q = timer_queue(current, pt);

	if (pt->notify != SIGEV_NONE && q)
		timer_signal_queued(q, pt->signo, id, true);
}

/* A thread takes a timer's signal: it reports the overruns counted since. */
void posixtimer_dequeued(siginfo_t *info)
{
	int id = info->timer.tid;
	struct posix_timer *pt = id >= 0 && id < MAX_TIMERS ? current->signal->posix_timers[id] : NULL;

	if (!pt)
		return;
	info->timer.overrun = pt->overrun = pt->pending_overrun;
	pt->pending_overrun = 0;
}

/*
 * A periodic timer moves on by whole intervals past now; the intervals it
 * missed (a tick is long next to a 1 ns interval, or the timer was set in
 * the past) are overruns too, as Linux's hrtimer_forward counts them,
 * capped at INT_MAX (Linux timer_overrun_to_int).
 */
static u64 rearm(struct posix_timer *pt, u64 now)
{
	u64 missed;

	if (!pt->interval) {
		pt->expires = 0;
		return 0;
	}
	missed = (now - pt->expires) / pt->interval;
	pt->expires += (missed + 1) * pt->interval;
	return missed;
}

static bool cpu_clock(int clock) { return clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID; }

/* Fire @pt if its clock reached the expiry. */
static void run_one(struct task_struct *t, int id, struct posix_timer *pt)
{
	u64 now;

	if (pt->expires && pt->expires <= (now = timer_clock_ns(t, pt->clock)))
		fire(t, id, pt, rearm(pt, now));
}

/* From each tick, for the running process: its CPU-clock timers (Linux run_posix_cpu_timers). */
void run_posix_cpu_timers(struct task_struct *t)
{
	for (int id = 0; id < MAX_TIMERS; id++) {
		struct posix_timer *pt = t->signal->posix_timers[id];

		if (pt && cpu_clock(pt->clock))
			run_one(t, id, pt);
	}
}

/*
 * When the expiry of a wall-clock timer (REALTIME, MONOTONIC, BOOTTIME,
 * TAI) comes on the tick's own clock (ktime_get_ns): the tick's walk must
 * look then (kernel/sched.c timer_deadline).  A jump of the wall clock
 * makes the walk look at every timer again (clock_was_set).
 */
static void wall_timer_deadline(struct task_struct *t, struct posix_timer *pt)
{
	u64 now, left;

	if (!pt->expires || cpu_clock(pt->clock))
		return;
	now = timer_clock_ns(t, pt->clock);
	left = pt->expires > now ? pt->expires - now : 0;
	timer_deadline(ktime_get_ns() + left);
}

/* From the tick's walk of the wall-clock deadlines: fire what came due, note when the rest will. */
void run_posix_wall_timers(struct task_struct *t)
{
	for (int id = 0; id < MAX_TIMERS; id++) {
		struct posix_timer *pt = t->signal->posix_timers[id];

		if (!pt || cpu_clock(pt->clock))
			continue;
		run_one(t, id, pt);
		wall_timer_deadline(t, pt);
	}
}

/*
 * /proc/PID/timers (Linux fs/proc/base.c show_timer): each timer of the
 * process, the newest first as Linux lists them, with its signal and
 * sigev_value, whom it notifies (the process, or one thread for
 * SIGEV_THREAD_ID) and its clock.
 */
void proc_timers_show(struct seq_file *m, struct task_struct *task)
{
	for (int id = MAX_TIMERS - 1; id >= 0; id--) {
		struct posix_timer *pt = task->signal->posix_timers[id];
		bool to_thread = pt && pt->notify == SIGEV_THREAD_ID;

		if (!pt)
			continue;
		seq_printf(m, "ID: %d\nsignal: %d/%016lx\n", id, pt->signo, pt->value);
		seq_printf(m, "notify: %s/%s.%d\nClockID: %d\n", pt->notify == SIGEV_NONE ? "none" : "signal",
			   to_thread ? "tid" : "pid", to_thread ? pt->tid : task->tgid, pt->clock);
	}
}
