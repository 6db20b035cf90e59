/*
 * block/ioprio.c - I/O priorities (Linux: block/ioprio.c).
 *
 * ioprio_set(2) and ioprio_get(2) keep a task's I/O class and level as
 * Linux keeps them, and check them the same way, so ionice and programs
 * that lower their own I/O priority see Linux's answers.  faultline's
 * RAM disk has no request queue to order, so the value changes nothing.
 *
 * A priority is a class (bits 13-15: NONE, RT, BE, IDLE), hint bits
 * (3-12) and a level (0-2).  A task starts with 0 (NONE: "follow the CPU
 * nice value"), and fork and clone copy it.  For a process group or a
 * user, ioprio_get answers the best priority among its tasks, reading
 * NONE as best-effort level 4 (Linux ioprio_best).
 */
#include <syscalls.h>
#include <sched.h>
#include <cred.h>
#include <errno.h>

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3
#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_LEVEL_MASK 0x7
#define IOPRIO_CLASS_NONE 0
#define IOPRIO_CLASS_RT 1
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_BE_NORM 4
#define IOPRIO_VALUE(class, level) (((class) << IOPRIO_CLASS_SHIFT) | (level))

/* Linux ioprio_check_cap: RT needs CAP_SYS_NICE or CAP_SYS_ADMIN; NONE takes no level. */
static int ioprio_check_cap(int ioprio)
{
	switch (ioprio >> IOPRIO_CLASS_SHIFT) {
	case IOPRIO_CLASS_RT:
		return capable(CAP_SYS_NICE) || capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
	case IOPRIO_CLASS_BE:
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return ioprio & IOPRIO_LEVEL_MASK ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

static bool alive(const struct task_struct *t)
{
	return t->pid && t->cred && t->state != TASK_ZOMBIE && t->state != TASK_DEAD;
}

/* Does @t belong to the group @which/@who names? */
static bool in_set(const struct task_struct *t, int which, int who)
{
	if (!alive(t))
		return false;
	if (which == IOPRIO_WHO_PGRP)
		return t->signal->pgrp == (who ? who : current->signal->pgrp);
	return t->cred->uid == (who ? (uid_t)who : current_uid());
}

/* Linux set_task_ioprio: another user's task needs CAP_SYS_NICE. */
static int set_task_ioprio(struct task_struct *t, int ioprio)
{
	const struct cred *cred = current_cred();

	if (t->cred->uid != cred->euid && t->cred->uid != cred->uid && !capable(CAP_SYS_NICE))
		return -EPERM;
	t->ioprio = ioprio;
	return 0;
}

SYSCALL_DEFINE3(ioprio_set, int, which, int, who, int, ioprio)
{
	struct task_struct *t;
	int err = ioprio_check_cap(ioprio), ret = -ESRCH;

	if (err)
		return err;
	if (which == IOPRIO_WHO_PROCESS) {
		t = who ? find_task(who) : current;
		return t ? set_task_ioprio(t, ioprio) : -ESRCH;
	}
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	list_for_each_entry(t, &task_list, tasks) {
		if (in_set(t, which, who) && (ret = set_task_ioprio(t, ioprio)))
			break;
	}
	return ret;
}

/* NONE counts as best-effort at the normal level; the lower value is the better. */
static int ioprio_best(int a, int b)
{
	if (!a)
		a = IOPRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);
	if (!b)
		b = IOPRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);
	return a < b ? a : b;
}

SYSCALL_DEFINE2(ioprio_get, int, which, int, who)
{
	struct task_struct *t;
	int ret = -ESRCH;

	if (which == IOPRIO_WHO_PROCESS) {
		t = who ? find_task(who) : current;
		return t ? t->ioprio : -ESRCH;
	}
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	list_for_each_entry(t, &task_list, tasks)
		if (in_set(t, which, who))
			ret = ret == -ESRCH ? ioprio_best(t->ioprio, t->ioprio) : ioprio_best(ret, t->ioprio);
	return ret;
}
