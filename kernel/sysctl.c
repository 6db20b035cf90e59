/*
 * kernel/sysctl.c - the plain numeric /proc/sys files (Linux:
 * kernel/sysctl.c's kern_table and vm_table entries with proc_dointvec):
 * kernel/pid_max, kernel/tainted, vm/overcommit_memory. Files that belong
 * to a subsystem live with it (vm/drop_caches: fs/drop_caches.c,
 * vm/max_map_count: mm/mmap.c, kernel/hostname: kernel/utsname_sysctl.c).
 */
#include <proc_fs.h>
#include <init.h>
#include <errno.h>

#define PID_MAX_DEFAULT 32768		/* Linux: 0x8000, kernel/fork.c's PID_MAX here */
#define OVERCOMMIT_NEVER 2		/* Linux: include/uapi/linux/mman.h (0 guess, 1 always, 2 never) */

/*
 * faultline has one policy: it never refuses a mapping for lack of memory
 * and kills on exhaustion (mm/oom_kill.c), which is Linux's heuristic mode
 * 0 for every mapping it can satisfy; the value written is kept and shown,
 * not yet acted on.
 */
static int sysctl_overcommit_memory;

static void pid_max_show(struct seq_file *m) { seq_printf(m, "%d\n", PID_MAX_DEFAULT); }
static void tainted_show(struct seq_file *m) { seq_printf(m, "0\n"); }
static void overcommit_memory_show(struct seq_file *m) { seq_printf(m, "%d\n", sysctl_overcommit_memory); }

/* Linux proc_dointvec_minmax with 0..2 */
static int overcommit_memory_write(const char *buf, size_t n)
{
	(void)n;
	if (buf[0] < '0' || buf[0] > '0' + OVERCOMMIT_NEVER || (buf[1] && buf[1] != '\n'))
		return -EINVAL;
	sysctl_overcommit_memory = buf[0] - '0';
	return 0;
}

static int sysctl_init(void)
{
	return proc_create_single("sys/kernel/pid_max", pid_max_show) ||
	       proc_create_single("sys/kernel/tainted", tainted_show) ||
	       proc_create_rw("sys/vm/overcommit_memory", overcommit_memory_show, overcommit_memory_write);
}
fs_initcall(sysctl_init);
