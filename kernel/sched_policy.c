/*
 * kernel/sched_policy.c - scheduling policies and CPU affinity, as the
 * system calls see them (Linux: kernel/sched/syscalls.c, core.c).
 *
 * faultline has one CPU and runs every task round robin, whatever its
 * policy; but a task's policy (SCHED_OTHER, BATCH, IDLE, FIFO, RR),
 * real-time priority and reset-on-fork flag are kept, inherited and
 * checked exactly as Linux keeps and checks them, so programs that set
 * them (and LTP) see Linux's answers:
 *   - FIFO and RR take priorities 1..99, the others only 0 (EINVAL);
 *     DEADLINE needs sched_setattr's parameters, so here it is EINVAL;
 *   - without CAP_SYS_NICE a task may not enter a real-time policy or
 *     raise its priority beyond RLIMIT_RTPRIO, leave SCHED_IDLE beyond
 *     RLIMIT_NICE, clear reset-on-fork, or touch another user's task
 *     (EPERM: Linux user_check_sched_setscheduler);
 *   - fork with SCHED_RESET_ON_FORK gives the child SCHED_OTHER.
 */
#include <syscalls.h>
#include <sched.h>
#include <cred.h>
#include <uaccess.h>
#include <proc_fs.h>
#include <init.h>
#include <time.h>
#include <errno.h>

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define SCHED_DEADLINE 6
#define SCHED_RESET_ON_FORK 0x40000000
#define MAX_RT_PRIO 100			/* real-time priorities are 1..99 */
#define DEFAULT_PRIO 120		/* Linux: MAX_RT_PRIO + 20, nice 0 */
#define RR_TIMESLICE_MS 100		/* Linux RR_TIMESLICE: /proc/sys/kernel/sched_rr_timeslice_ms */
#define SETPARAM_POLICY (-1)		/* sched_setparam: keep the policy */

struct sched_param { int sched_priority; };

static bool rt_policy(int p) { return p == SCHED_FIFO || p == SCHED_RR; }
static bool valid_policy(int p)
{
	return p == SCHED_OTHER || p == SCHED_BATCH || p == SCHED_IDLE || rt_policy(p) || p == SCHED_DEADLINE;
}

/* Linux check_same_owner: the caller's euid is the task's real or effective uid. */
static bool same_owner(const struct task_struct *t)
{
	const struct cred *c = current_cred();

	return c->euid == t->cred->euid || c->euid == t->cred->uid;
}

/* Linux is_nice_reduction: RLIMIT_NICE allows this nice. */
static bool nice_allowed(const struct task_struct *t, int nice)
{
	return (u64)(20 - nice) <= t->signal->rlim[RLIMIT_NICE].rlim_cur;
}

/* Linux user_check_sched_setscheduler: what a caller without CAP_SYS_NICE may not do. */
static int user_check(struct task_struct *t, int policy, u32 prio, bool reset_on_fork)
{
	u64 rlim_rtprio = t->signal->rlim[RLIMIT_RTPRIO].rlim_cur;

	if (rt_policy(policy)) {
		if (policy != t->policy && !rlim_rtprio)
			return -EPERM;
		if (prio > t->rt_priority && prio > rlim_rtprio)
			return -EPERM;
	}
	if (policy == SCHED_DEADLINE)
		return -EPERM;
	if (t->policy == SCHED_IDLE && policy != SCHED_IDLE && !nice_allowed(t, t->nice))
		return -EPERM;
	if (!same_owner(t))
		return -EPERM;
	if (t->sched_reset_on_fork && !reset_on_fork)
		return -EPERM;
	return 0;
}

/* Linux __sched_setscheduler's checks, then the change. */
static int set_scheduler(struct task_struct *t, int policy, u32 prio)
{
	bool reset_on_fork;
	int err;

	if (policy == SETPARAM_POLICY) {
		policy = t->policy;
		reset_on_fork = t->sched_reset_on_fork;
	} else {
		reset_on_fork = policy & SCHED_RESET_ON_FORK;
		policy &= ~SCHED_RESET_ON_FORK;
		if (!valid_policy(policy))
			return -EINVAL;
	}
	if (prio > MAX_RT_PRIO - 1 || policy == SCHED_DEADLINE || rt_policy(policy) != (prio != 0))
		return -EINVAL;		/* DEADLINE: no runtime/deadline/period in a sched_param */
	if (!capable(CAP_SYS_NICE) && (err = user_check(t, policy, prio, reset_on_fork)))
		return err;
	t->policy = policy;
	t->rt_priority = prio;
	t->sched_reset_on_fork = reset_on_fork;
	return 0;
}

/* Linux do_sched_setscheduler: EINVAL, EFAULT, ESRCH, then the rules above. */
static long do_sched_setscheduler(pid_t pid, int policy, struct sched_param __user *param)
{
	struct sched_param p;
	struct task_struct *t;

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&p, param, sizeof(p)))
		return -EFAULT;
	if (!(t = pid ? find_task(pid) : current))
		return -ESRCH;
	return set_scheduler(t, policy, (u32)p.sched_priority);
}

SYSCALL_DEFINE3(sched_setscheduler, pid_t, pid, int, policy, struct sched_param __user *, param)
{
	if (policy < 0)
		return -EINVAL;
	return do_sched_setscheduler(pid, policy, param);
}

SYSCALL_DEFINE2(sched_setparam, pid_t, pid, struct sched_param __user *, param)
{
	return do_sched_setscheduler(pid, SETPARAM_POLICY, param);
}

SYSCALL_DEFINE1(sched_getscheduler, pid_t, pid)
{
	struct task_struct *t;

	if (pid < 0)
		return -EINVAL;
	if (!(t = pid ? find_task(pid) : current))
		return -ESRCH;
	return t->policy | (t->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

SYSCALL_DEFINE2(sched_getparam, pid_t, pid, struct sched_param __user *, param)
{
	struct sched_param p = { 0 };
	struct task_struct *t;

	if (!param || pid < 0)
		return -EINVAL;
	if (!(t = pid ? find_task(pid) : current))
		return -ESRCH;
	if (rt_policy(t->policy))
		p.sched_priority = (int)t->rt_priority;
	return copy_to_user(param, &p, sizeof(p)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	if (!valid_policy(policy))
		return -EINVAL;
	return rt_policy(policy) ? MAX_RT_PRIO - 1 : 0;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	if (!valid_policy(policy))
		return -EINVAL;
	return rt_policy(policy) ? 1 : 0;
}

/* Linux sched_rr_get_interval: RR_TIMESLICE for SCHED_RR, 0 for FIFO, a tick for the fair policies. */
SYSCALL_DEFINE2(sched_rr_get_interval, pid_t, pid, struct timespec __user *, interval)
{
	struct task_struct *t;
	struct timespec ts = { 0, 0 };

	if (pid < 0)
		return -EINVAL;
	if (!(t = pid ? find_task(pid) : current))
		return -ESRCH;
	if (t->policy == SCHED_RR)
		ts = ns_to_timespec((u64)RR_TIMESLICE_MS * NSEC_PER_MSEC);
	else if (t->policy != SCHED_FIFO)
		ts = ns_to_timespec(NSEC_PER_SEC / HZ);	/* faultline's round robin slice */
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/*
 * Linux sched_prio_to_weight: the CFS weight of nice -20..19, each step
 * about 1.25 times the next (a task one nice level lower gets ~10% more
 * CPU); nice 0 weighs 1024.  faultline's round robin does not use it;
 * /proc/PID/sched shows it (kernel/sched_debug.c).
 */
static const u32 prio_to_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};
#define WEIGHT_IDLEPRIO 3		/* Linux: SCHED_IDLE's weight */
#define SCHED_FIXEDPOINT_SHIFT 10	/* Linux scale_load: 64-bit kernels keep weights << 10 */
#define NICE_TO_INDEX 20

u64 task_load_weight(const struct task_struct *t)
{
	u32 w = t->policy == SCHED_IDLE ? WEIGHT_IDLEPRIO : prio_to_weight[t->nice + NICE_TO_INDEX];

	return (u64)w << SCHED_FIXEDPOINT_SHIFT;
}

/* Linux p->prio: 0..98 for real time (MAX_RT_PRIO - 1 - rt_priority), 100..139 (120 + nice) otherwise. */
int task_sched_prio(const struct task_struct *t)
{
	return rt_policy(t->policy) ? MAX_RT_PRIO - 1 - (int)t->rt_priority : DEFAULT_PRIO + t->nice;
}

/* fork: the child inherits the policy, unless reset-on-fork sends it back to SCHED_OTHER (Linux sched_fork). */
void sched_fork_policy(struct task_struct *child, const struct task_struct *parent)
{
	child->policy = parent->policy;
	child->rt_priority = parent->rt_priority;
	child->sched_reset_on_fork = false;
	if (parent->sched_reset_on_fork && (rt_policy(parent->policy) || parent->policy == SCHED_DEADLINE)) {
		child->policy = SCHED_OTHER;
		child->rt_priority = 0;
	}
	if (parent->sched_reset_on_fork && child->nice < 0)
		child->nice = 0;
}

/* ---------------------------------------------------------------- affinity */
/* One CPU: the affinity mask is CPU 0 alone; the kernel writes 8 bytes. */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, user_mask_ptr)
{
	unsigned long mask = 1;

	if (pid < 0 || (pid && !find_task(pid)))
		return -ESRCH;
	if (len < sizeof(mask) || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	return copy_to_user(user_mask_ptr, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

/* Linux sched_setaffinity, in its order: the mask (EFAULT), the task
 * (ESRCH), the right to change it (EPERM), then a mask of no online CPU
 * (EINVAL).  One CPU: a mask with CPU 0 changes nothing. */
SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, user_mask_ptr)
{
	unsigned long mask = 0;
	struct task_struct *t;

	if (copy_from_user(&mask, user_mask_ptr, MIN((size_t)len, sizeof(mask))))
		return -EFAULT;
	if (pid < 0 || !(t = pid ? find_task(pid) : current))
		return -ESRCH;
	if (!same_owner(t) && !capable(CAP_SYS_NICE))
		return -EPERM;
	return (mask & 1) ? 0 : -EINVAL;
}

static void rr_timeslice_show(struct seq_file *m) { seq_printf(m, "%d\n", RR_TIMESLICE_MS); }

static int sched_sysctl_init(void)
{
	return proc_create_single("sys/kernel/sched_rr_timeslice_ms", rr_timeslice_show);
}
fs_initcall(sched_sysctl_init);
