/*
 * kernel/misc.c - small calls libc makes on behalf of ordinary functions:
 * getrandom (getentropy, arc4random), getcpu, personality and nice values
 * (Linux: drivers/char/random.c, kernel/sys.c, kernel/sched/core.c).  The
 * scheduling policies are in kernel/sched_policy.c.
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

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define NICE_MIN (-20)
#define NICE_MAX 19

/* Linux getcpu: the CPU and NUMA node the caller runs on, 0 and 0 here. */
SYSCALL_DEFINE3(getcpu, unsigned __user *, cpup, unsigned __user *, nodep, void __user *, unused)
{
	if ((cpup && put_user(0u, cpup)) || (nodep && put_user(0u, nodep)))
		return -EFAULT;
	return 0;
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
bool can_nice(const struct task_struct *t, int nice)
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
