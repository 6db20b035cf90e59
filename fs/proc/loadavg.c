/*
 * fs/proc/loadavg.c - /proc/loadavg (Linux: fs/proc/loadavg.c): the 1, 5
 * and 15 minute load averages, runnable/all threads, and the newest pid.
 * faultline keeps no load average yet (Linux's calc_global_load), so the
 * three read 0.00; the newest pid is the largest in use (pids are handed
 * out in increasing order until they wrap).
 */
#include <proc_fs.h>
#include <sched.h>
#include <init.h>

static void loadavg_show(struct seq_file *m)
{
	struct task_struct *t;
	int running = 0, total = 0, last = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (!t->pid || t->state == TASK_DEAD || t->state == TASK_ZOMBIE)
			continue;
		total++;
		running += t->state == TASK_RUNNING;
		last = MAX(last, t->pid);
	}
	seq_printf(m, "0.00 0.00 0.00 %d/%d %d\n", running, total, last);
}

static int proc_loadavg_init(void)
{
	return proc_create_single("loadavg", loadavg_show);
}
fs_initcall(proc_loadavg_init);
