/*
 * kernel/misc.c - small calls libc makes on behalf of ordinary functions:
 * getrandom (getentropy, arc4random), the scheduler
 * queries and nice values (Linux: drivers/char/random.c, kernel/sys.c,
 * kernel/sched/core.c).  faultline has one CPU and one scheduling class,
 * and answers as Linux does for SCHED_OTHER on CPU 0.
 */
#include <syscalls.h>
#include <sched.h>
#include <cred.h>
#include <signal.h>
#include <uaccess.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <asm/processor.h>

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define RT_PRIO_MAX 99
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define RLIMIT_NICE 13		/* Linux uapi asm-generic/resource.h */
#define NICE_MIN (-20)
#define NICE_MAX 19

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

/* One CPU: a mask must include CPU 0, and then changes nothing (Linux:
 * sched_setaffinity gives EINVAL for a mask of no online CPU). */
SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, user_mask_ptr)
{
	unsigned long mask = 0;
	if (pid < 0 || (pid && !find_task(pid)))
		return -ESRCH;
	if (copy_from_user(&mask, user_mask_ptr, MIN((size_t)len, sizeof(mask))))
		return -EFAULT;
	return (mask & 1) ? 0 : -EINVAL;
}

/* Linux getcpu: the CPU and NUMA node the caller runs on, 0 and 0 here. */
SYSCALL_DEFINE3(getcpu, unsigned __user *, cpup, unsigned __user *, nodep, void __user *, unused)
{
	if ((cpup && put_user(0u, cpup)) || (nodep && put_user(0u, nodep)))
		return -EFAULT;
	return 0;
}

/* SCHED_OTHER's only priority is 0 (Linux: sched_getparam, sched_setparam). */
struct sched_param { int sched_priority; };

SYSCALL_DEFINE2(sched_getparam, pid_t, pid, struct sched_param __user *, param)
{
	struct sched_param p = { 0 };
	if (!param || pid < 0)
		return -EINVAL;
	if (pid && !find_task(pid))
		return -ESRCH;
	return copy_to_user(param, &p, sizeof(p)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(sched_setparam, pid_t, pid, struct sched_param __user *, param)
{
	struct sched_param p;
	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&p, param, sizeof(p)))
		return -EFAULT;
	if (pid && !find_task(pid))
		return -ESRCH;
	return p.sched_priority ? -EINVAL : 0;	/* SCHED_OTHER: priority 0 only */
}

/* The execution domain: always PER_LINUX here; 0xffffffff only asks (Linux: kernel/exec_domain.c). */
#define PER_QUERY 0xffffffffu
SYSCALL_DEFINE1(personality, unsigned int, personality)
{
	unsigned int old = current->personality;
	if (personality != PER_QUERY)
		current->personality = personality;
	return old;
}

SYSCALL_DEFINE1(sched_getscheduler, pid_t, pid)
{
	if (pid < 0)
		return -EINVAL;
	return pid && !find_task(pid) ? -ESRCH : SCHED_OTHER;
}

static bool valid_policy(int p) { return (p >= SCHED_OTHER && p <= SCHED_BATCH) || p == SCHED_IDLE; }
SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	return !valid_policy(policy) ? -EINVAL : (policy == SCHED_FIFO || policy == SCHED_RR) ? RT_PRIO_MAX : 0;
}
SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	return !valid_policy(policy) ? -EINVAL : (policy == SCHED_FIFO || policy == SCHED_RR) ? 1 : 0;
}

/* PRIO_USER: a live task whose real uid is @uid (Linux: task_uid), the caller first. */
static struct task_struct *prio_user_task(uid_t uid)
{
	struct list_head *p;

	if (current->cred->uid == uid)
		return current;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);

		if (t->pid && t->cred && t->cred->uid == uid && t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
			return t;
	}
	return NULL;
}

/* Nice values are kept and inherited but do not change the round robin.
 * getpriority returns 20 - nice (the raw syscall's range is 1..40). */
static struct task_struct *prio_task(int which, int who)
{
	struct list_head *p;
	if (which == PRIO_PROCESS)
		return who ? find_task(who) : current;
	if (which == PRIO_USER)
		return prio_user_task(who ? (uid_t)who : current_uid());
	if (!who)			/* PRIO_PGRP 0: the caller's own group */
		return current;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->signal->pgrp == who)
			return t;
	}
	return NULL;			/* Linux: ESRCH when no task matches */
}

SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct task_struct *t;
	if (which > PRIO_USER || which < PRIO_PROCESS)
		return -EINVAL;
	t = prio_task(which, who);
	return t ? 20 - t->nice : -ESRCH;
}

/* Linux can_nice: a lower nice (higher priority) needs RLIMIT_NICE room or CAP_SYS_NICE. */
static bool can_nice(const struct task_struct *t, int nice)
{
	return (u64)(20 - nice) <= t->signal->rlim[RLIMIT_NICE].rlim_cur || capable(CAP_SYS_NICE);
}

/*
 * Linux set_one_prio: another user's task is EPERM (the caller's euid must
 * be its real or effective uid, or CAP_SYS_NICE); lowering nice without
 * the right is EACCES.
 */
static int set_one_prio(struct task_struct *t, int niceval)
{
	const struct cred *cred = current_cred(), *pcred = t->cred;

	if (pcred->uid != cred->euid && pcred->euid != cred->euid && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (niceval < t->nice && !can_nice(t, niceval))
		return -EACCES;
	t->nice = niceval;
	return 0;
}

SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	struct task_struct *t;
	if (which > PRIO_USER || which < PRIO_PROCESS)
		return -EINVAL;
	if (!(t = prio_task(which, who)))
		return -ESRCH;
	return set_one_prio(t, niceval < NICE_MIN ? NICE_MIN : niceval > NICE_MAX ? NICE_MAX : niceval);
}
