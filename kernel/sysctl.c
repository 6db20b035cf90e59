/*
 * kernel/sysctl.c - the plain numeric /proc/sys files (Linux:
 * kernel/sysctl.c's kern_table and vm_table entries with proc_dointvec):
 * kernel/pid_max, kernel/tainted, and the number parser every numeric
 * /proc/sys file uses. Files that belong to a subsystem live with it
 * (vm/drop_caches: fs/drop_caches.c, vm/max_map_count: mm/mmap.c,
 * vm/overcommit_*: mm/overcommit.c, kernel/hostname: kernel/utsname_sysctl.c).
 */
#include <proc_fs.h>
#include <init.h>
#include <errno.h>

#define PID_MAX_DEFAULT 32768		/* Linux: 0x8000, kernel/fork.c's PID_MAX here */

/*
 * A decimal number in [min, max] with an optional newline, as Linux's
 * proc_doulongvec_minmax reads one; with @neg_one, "-1" is also taken (as
 * ULONG_MAX).  Every numeric /proc/sys file parses its writes with this.
 */
static int parse_ulong(const char *buf, unsigned long min, unsigned long max, bool neg_one, unsigned long *out)
{
	unsigned long v = 0;
	const char *p = buf;
	bool minus = neg_one && *p == '-';

	p += minus;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (~0UL - (*p - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	if (p == buf + minus || (*p && *p != '\n'))
		return -EINVAL;
	if (minus)
		return v == 1 ? (*out = (unsigned long)-1, 0) : -EINVAL;
	if (v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int proc_parse_ulong(const char *buf, unsigned long min, unsigned long max, unsigned long *out)
{
	return parse_ulong(buf, min, max, false, out);
}

int proc_parse_ulong_or_minus_one(const char *buf, unsigned long min, unsigned long max, unsigned long *out)
{
	return parse_ulong(buf, min, max, true, out);
}

static void pid_max_show(struct seq_file *m) { seq_printf(m, "%d\n", PID_MAX_DEFAULT); }
static void tainted_show(struct seq_file *m) { seq_printf(m, "0\n"); }

static int sysctl_init(void)
{
	return proc_create_single("sys/kernel/pid_max", pid_max_show) ||
	       proc_create_single("sys/kernel/tainted", tainted_show);
}
fs_initcall(sysctl_init);
