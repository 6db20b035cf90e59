/*
 * kernel/misc.c - small calls libc makes on behalf of ordinary functions:
 * getrandom (getentropy, arc4random), prctl's task name, the scheduler
 * queries and nice values (Linux: drivers/char/random.c, kernel/sys.c,
 * kernel/sched/core.c).  faultline has one CPU and one scheduling class,
 * and answers as Linux does for SCHED_OTHER on CPU 0.
 */
#include <syscalls.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <asm/processor.h>

#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define RT_PRIO_MAX 99
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define NICE_MIN (-20)
#define NICE_MAX 19

SYSCALL_DEFINE5(prctl, u64, option, u64, arg2, u64, arg3, u64, arg4, u64, arg5)
{
	char name[TASK_COMM_LEN];
	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(name, (const char *)arg2, sizeof(name)) < 0 &&
		    copy_from_user(name, (const void *)arg2, sizeof(name) - 1))
			return -EFAULT;
		name[sizeof(name) - 1] = 0;
		strlcpy(current->comm, name, sizeof(current->comm));
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void *)arg2, current->comm, sizeof(current->comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/* One CPU: the affinity mask is CPU 0 alone; the kernel writes 8 bytes. */
SYSCALL_DEFINE3(sched_getaffinity, u64, pid, u64, len, u64, umask)
{
	u64 mask = 1;
	if ((int)pid < 0 || (pid && !find_task(pid)))
		return -ESRCH;
	if (len < sizeof(mask) || (len & (sizeof(u64) - 1)))
		return -EINVAL;
	return copy_to_user((void *)umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

SYSCALL_DEFINE1(sched_getscheduler, u64, pid)
{
	if ((int)pid < 0)
		return -EINVAL;
	return pid && !find_task(pid) ? -ESRCH : SCHED_OTHER;
}

static bool valid_policy(u64 p) { return p <= SCHED_BATCH || p == SCHED_IDLE; }
SYSCALL_DEFINE1(sched_get_priority_max, u64, p) { return !valid_policy(p) ? -EINVAL : (p == SCHED_FIFO || p == SCHED_RR) ? RT_PRIO_MAX : 0; }
SYSCALL_DEFINE1(sched_get_priority_min, u64, p) { return !valid_policy(p) ? -EINVAL : (p == SCHED_FIFO || p == SCHED_RR) ? 1 : 0; }

/* Nice values are kept and inherited but do not change the round robin.
 * getpriority returns 20 - nice (the raw syscall's range is 1..40). */
static struct task_struct *prio_task(u64 which, u64 who)
{
	if (which != PRIO_PROCESS)
		return which <= PRIO_USER ? current : NULL;
	return who ? find_task(who) : current;
}

SYSCALL_DEFINE2(getpriority, u64, which, u64, who)
{
	struct task_struct *t;
	if (which > PRIO_USER)
		return -EINVAL;
	t = prio_task(which, who);
	return t ? 20 - t->nice : -ESRCH;
}

SYSCALL_DEFINE3(setpriority, u64, which, u64, who, u64, niceval)
{
	struct task_struct *t;
	int nice = (int)niceval;
	if (which > PRIO_USER)
		return -EINVAL;
	if (!(t = prio_task(which, who)))
		return -ESRCH;
	t->nice = nice < NICE_MIN ? NICE_MIN : nice > NICE_MAX ? NICE_MAX : nice;
	return 0;
}
