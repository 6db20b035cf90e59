/*
 * fs/proc/stat.c - /proc/stat (Linux: fs/proc/stat.c): the CPU's time in
 * USER_HZ ticks (user nice system idle iowait irq softirq steal guest
 * guest_nice), for "cpu" and the one "cpu0", then interrupts (not
 * counted: 0), context switches, the boot time, forks since boot, and the
 * threads running and blocked now.
 */
#include <proc_fs.h>
#include <sched.h>
#include <init.h>
#include <time.h>

#define USER_HZ 100
#define NSEC_PER_TICK (NSEC_PER_SEC / USER_HZ)

static void cpu_line(struct seq_file *m, const char *name)
{
	seq_printf(m, "%s %lu 0 %lu %lu 0 0 0 0 0 0\n", name, kcpustat[CPUTIME_USER] / NSEC_PER_TICK,
		   kcpustat[CPUTIME_SYSTEM] / NSEC_PER_TICK, kcpustat[CPUTIME_IDLE] / NSEC_PER_TICK);
}

static void stat_show(struct seq_file *m)
{
	struct task_struct *t;
	int running = 0;

	list_for_each_entry(t, &task_list, tasks)
		running += t->pid && t->state == TASK_RUNNING;
	cpu_line(m, "cpu ");
	cpu_line(m, "cpu0");
	seq_printf(m, "intr 0\nctxt %lu\nbtime %lu\nprocesses %lu\n", nr_context_switches,
		   ktime_get_real_seconds() - ktime_get_ns() / NSEC_PER_SEC, total_forks);
	seq_printf(m, "procs_running %d\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n", running);
}

static int proc_stat_init(void)
{
	return proc_create_single("stat", stat_show);
}
fs_initcall(proc_stat_init);
