/*
 * kernel/sched_autogroup.c - one scheduling group per session (Linux:
 * kernel/sched/autogroup.c, CONFIG_SCHED_AUTOGROUP).
 *
 * Linux gives every session that setsid() makes a task group of its own,
 * so that a terminal running "make -j64" and one running an editor share
 * the CPU half and half, not 64 to 1.  The group is numbered in order of
 * creation, and its nice (/proc/PID/autogroup) weighs the whole group.
 * Processes made before any setsid (the boot's) are in the root group,
 * which has no number and no file text.
 *
 * faultline's round robin has no groups to weigh, so here the group is the
 * bookkeeping alone: its number, its nice, and who shares it (the sessions'
 * processes, through their signal_struct, counted by refs).
 */
#include <sched.h>
#include <proc_fs.h>
#include <cred.h>
#include <errno.h>

#define MIN_NICE (-20)
#define MAX_NICE 19

struct autogroup {
	int refs;			/* processes (signal_structs) in the group */
	long id;			/* Linux autogroup_seq_nr: 1 for the first setsid */
	int nice;
};

static long autogroup_seq_nr;

struct autogroup *autogroup_get(struct autogroup *ag)
{
	if (ag)
		ag->refs++;
	return ag;
}

void autogroup_put(struct autogroup *ag)
{
	if (ag && !--ag->refs)
		kfree(ag);
}

/* Linux sched_autogroup_create_attach: if memory runs out, the process stays where it was. */
void sched_autogroup_create_attach(struct task_struct *p)
{
	struct autogroup *ag = kzalloc(sizeof(*ag));

	if (!ag)
		return;
	ag->refs = 1;
	ag->id = ++autogroup_seq_nr;
	autogroup_put(p->signal->autogroup);
	p->signal->autogroup = ag;
}

void proc_sched_autogroup_show_task(struct task_struct *p, struct seq_file *m)
{
	struct autogroup *ag = p->signal->autogroup;

	if (ag)
		seq_printf(m, "/autogroup-%ld nice %d\n", ag->id, ag->nice);
}

/* Linux proc_sched_autogroup_set_nice; the root group's weight cannot change (EINVAL, from sched_group_set_shares). */
int proc_sched_autogroup_set_nice(struct task_struct *p, int nice)
{
	if (nice < MIN_NICE || nice > MAX_NICE)
		return -EINVAL;
	if (nice < 0 && !can_nice(current, nice))
		return -EPERM;
	if (!p->signal->autogroup)
		return -EINVAL;
	p->signal->autogroup->nice = nice;
	return 0;
}
