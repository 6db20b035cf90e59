/*
 * fs/proc/loadavg.c - /proc/loadavg (Linux: fs/proc/loadavg.c): the 1, 5
 * and 15 minute load averages (kernel/sched_loadavg.c), runnable/all
 * threads, and the pid handed out last.
 */
#include <proc_fs.h>
#include <sched.h>
#include <init.h>
#include <loadavg.h>

#define LOADAVG_ROUND (FIXED_1 / 200)	/* half of the last printed digit */

static void loadavg_show(struct seq_file *m)
{
	struct task_struct *t;
	int running = 0, total = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (!t->pid || t->state == TASK_DEAD || t->state == TASK_ZOMBIE)
			continue;
		total++;
		running += t->state == TASK_RUNNING;
	}
	for (int i = 0; i < LOADAVG_NR; i++) {
		unsigned long a = avenrun[i] + LOADAVG_ROUND;
		seq_printf(m, "%lu.%02lu ", LOAD_INT(a), LOAD_FRAC(a));
	}
	seq_printf(m, "%d/%d %d\n", running, total, last_allocated_pid());
}

static int proc_loadavg_init(void)
{
	return proc_create_single("loadavg", loadavg_show);
}
fs_initcall(proc_loadavg_init);
