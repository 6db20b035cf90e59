/*
 * fs/proc/uptime.c - /proc/uptime (Linux: fs/proc/uptime.c): seconds
 * since boot and seconds the CPU spent idle, two decimals each.
 */
#include <proc_fs.h>
#include <sched.h>
#include <init.h>
#include <time.h>

#define NSEC_PER_CENTISEC 10000000UL

static void uptime_show(struct seq_file *m)
{
	u64 up = ktime_get_ns() / NSEC_PER_CENTISEC, idle = task_sched_runtime(&init_task) / NSEC_PER_CENTISEC;

	seq_printf(m, "%lu.%02lu %lu.%02lu\n", up / 100, up % 100, idle / 100, idle % 100);
}

static int proc_uptime_init(void)
{
	return proc_create_single("uptime", uptime_show);
}
fs_initcall(proc_uptime_init);
