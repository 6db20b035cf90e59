/*
 * kernel/sched_debug.c - /proc/PID/sched: what the scheduler knows of one
 * task, in Linux's layout (kernel/sched/debug.c proc_sched_show_task).
 *
 *   comm (pid, #threads: N)
 *   ---------------------------------------------------------------------
 *   name padded to 45 columns, ':', then the value: a count right-aligned
 *   in 21 columns, or a time in ns as milliseconds "%14lld.%06ld".
 *
 * faultline's scheduler is a round robin without CFS's bookkeeping, so only
 * the lines it can fill truthfully are printed: when the task last went on
 * the CPU, its CPU time, its switches, its weight, policy and prio.  A
 * nice-0 task's vruntime advances as its CPU time does (Linux
 * calc_delta_fair with weight 1024), so vruntime shows that time.  Lines
 * of Linux's that need per-entity load tracking (se.avg.*) or NUMA are
 * left out.
 */
#include <sched.h>
#include <proc_fs.h>

#define NSEC_PER_MSEC_L 1000000LL

static void p_count(struct seq_file *m, const char *name, long long v)
{
	seq_printf(m, "%-45s:%21lld\n", name, v);
}

/* Linux PN/SPLIT_NS: nanoseconds printed as milliseconds with six decimals. */
static void p_ns(struct seq_file *m, const char *name, u64 ns)
{
	seq_printf(m, "%-45s:%14lld.%06ld\n", name, (long long)(ns / NSEC_PER_MSEC_L), (long)(ns % NSEC_PER_MSEC_L));
}

void proc_sched_show_task(struct task_struct *p, int nr_threads, struct seq_file *m)
{
	u64 runtime = task_sched_runtime(p);

	seq_printf(m, "%s (%d, #threads: %d)\n", p->comm, p->pid, nr_threads);
	seq_printf(m, "-------------------------------------------------------------------\n");
	p_ns(m, "se.exec_start", p->exec_start);
	p_ns(m, "se.vruntime", runtime);
	p_ns(m, "se.sum_exec_runtime", runtime);
	p_count(m, "se.nr_migrations", 0);		/* one CPU */
	p_count(m, "nr_switches", p->nvcsw + p->nivcsw);
	p_count(m, "nr_voluntary_switches", p->nvcsw);
	p_count(m, "nr_involuntary_switches", p->nivcsw);
	p_count(m, "se.load.weight", task_load_weight(p));
	p_count(m, "policy", p->policy);
	p_count(m, "prio", task_sched_prio(p));
}
