/*
 * fs/proc/pid_misc.c - the small one-value files of /proc/PID (Linux:
 * fs/proc/base.c, kernel/user_namespace.c, kernel/time/namespace.c):
 *
 *   personality      the personality(2) value, "%08x"
 *   timens_offsets   the time namespace's offsets: faultline has only the
 *                    initial one, whose offsets are zero and frozen
 *   oom_adj          the old -17..15 scale of oom_score_adj, converted
 *   loginuid,        the audit login uid and session: never set here, so
 *   sessionid        (uid_t)-1 and (unsigned)-1, as for a boot-time task
 *                    (faultline has no audit: writing loginuid is EPERM)
 *   coredump_filter  which kinds of memory a core dump would hold
 *   io               bytes and calls of read(2)/write(2) (fs/read_write.c)
 *   uid_map, gid_map, projid_map, setgroups
 *                    the initial user namespace: every id maps to itself
 *
 * Written as Linux writes them (spacing, newlines or none); what faultline
 * does not have (namespaces, audit) reads as Linux's initial state reads.
 */
#include <sched.h>
#include <mm_types.h>
#include <cmdline.h>
#include <string.h>
#include <errno.h>
#include "internal.h"

#define OOM_DISABLE (-17)		/* Linux: the old oom_adj scale, -17..15 */
#define OOM_ADJUST_MAX 15
#define OOM_SCORE_ADJ_MAX 1000
#define AUDIT_UID_UNSET 4294967295U	/* Linux AUDIT_UID_UNSET: (uid_t)-1 */
#define AUDIT_SID_UNSET 4294967295U	/* Linux AUDIT_SID_UNSET */
#define ID_MAP_ALL 4294967295U		/* the initial namespace maps 0..2^32-2 to itself */

void proc_personality_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%08x\n", task->personality);
}

void proc_timens_offsets_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%-10s %10ld %9ld\n", "monotonic", 0L, 0L);
	seq_printf(m, "%-10s %10ld %9ld\n", "boottime", 0L, 0L);
}

/* The initial time namespace's offsets are frozen (Linux proc_timens_set_offset). */
int proc_timens_offsets_write(struct task_struct *task, const char *buf)
{
	return -EACCES;
}

/* Linux oom_adj_read: 15 for the maximum, else the adjustment scaled to -17..15. */
void proc_oom_adj_show(struct seq_file *m, struct task_struct *task)
{
	int adj = task->signal->oom_score_adj;

	seq_printf(m, "%d\n", adj == OOM_SCORE_ADJ_MAX ? OOM_ADJUST_MAX : adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX);
}

/* @buf: a decimal, one trailing newline allowed (Linux kstrtoint after strstrip). */
int proc_parse_decimal(const char *buf, long *v)
{
	char num[24];
	size_t n = strlen(buf);

	if (n && buf[n - 1] == '\n')
		n--;
	if (!n || n >= sizeof(num))
		return -EINVAL;
	memcpy(num, buf, n);
	num[n] = '\0';
	return cmdline_parse_long(num[0] == '+' ? num + 1 : num, v) ? -EINVAL : 0;
}

/* Linux oom_adj_write: -17..15, 15 meaning the maximum, the rest scaled by 1000/17. */
int proc_oom_adj_write(struct task_struct *task, const char *buf)
{
	long adj;

	if (proc_parse_decimal(buf, &adj) || adj < OOM_DISABLE || adj > OOM_ADJUST_MAX)
		return -EINVAL;
	task->signal->oom_score_adj = adj == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX :
				      adj * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	return 0;
}

void proc_loginuid_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%u", AUDIT_UID_UNSET);
}

/* No audit subsystem: the login uid stays unset (Linux would let root set it once). */
int proc_loginuid_write(struct task_struct *task, const char *buf)
{
	return -EPERM;
}

void proc_sessionid_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%u", AUDIT_SID_UNSET);
}

void proc_coredump_filter_show(struct seq_file *m, struct task_struct *task)
{
	if (task->mm)
		seq_printf(m, "%08x\n", task->mm->coredump_filter);
}

/* Linux proc_coredump_filter_write: any base (kstrtouint base 0); only the nine filter bits count. */
int proc_coredump_filter_write(struct task_struct *task, const char *buf)
{
	long v;
	bool hex = buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X');
	u64 val = 0;

	if (!task->mm)
		return -ESRCH;
	if (hex) {
		const char *p = buf + 2;
		int digits = 0;

		for (; (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f'); p++, digits++)
			val = val * 16 + (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
		if (!digits || digits > 8 || (*p && strcmp(p, "\n")))
			return -EINVAL;
	} else if (proc_parse_decimal(buf, &v) || v < 0 || v > 0xffffffffL) {
		return -EINVAL;
	} else {
		val = v;
	}
	task->mm->coredump_filter = val & MMF_DUMP_FILTER_MASK;
	return 0;
}

/* Linux do_io_accounting for the whole process: its exited threads and
 * reaped children (signal->ioac) and every live thread.  The block-layer
 * counts are 0: a RAM disk is not read through a block queue. */
void proc_io_show(struct seq_file *m, struct task_struct *task)
{
	struct task_io_accounting acct = task->signal->ioac;
	struct task_struct *t;

	for_each_thread(task, t)
		task_io_accounting_add(&acct, &t->ioac);
	seq_printf(m, "rchar: %lu\nwchar: %lu\nsyscr: %lu\nsyscw: %lu\n"
		      "read_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n",
		   acct.rchar, acct.wchar, acct.syscr, acct.syscw);
}

/* Linux uid_m_show: "first-inside first-outside count", each %10u. */
void proc_id_map_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%10u %10u %10u\n", 0U, 0U, ID_MAP_ALL);
}

/* Only a process in a new user namespace may write its maps (Linux map_write). */
int proc_id_map_write(struct task_struct *task, const char *buf)
{
	return -EPERM;
}

void proc_setgroups_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "allow\n");
}

/*
 * Linux proc_pid_arch_status (arch/x86/kernel/fpu/xstate.c): how long ago
 * the task last used AVX-512, printed only on CPUs that have it.  QEMU's
 * default CPU has none, and faultline enables no AVX: the file is empty.
 */
void proc_arch_status_show(struct seq_file *m, struct task_struct *task)
{
}

/* Linux proc_cgroup_show: one line per hierarchy; with only cgroup v2's, at its root, "0::/". */
void proc_cgroup_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "0::/\n");
}

/* Linux proc_cpuset_show: every task is in the top cpuset. */
void proc_cpuset_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "/\n");
}

/*
 * KSM (Linux mm/ksm.c) merges identical anonymous pages of madvise
 * (MADV_MERGEABLE) regions; faultline has no KSM (that madvise is EINVAL),
 * so nothing is ever merged.  A task without memory prints nothing.
 */
void proc_ksm_merging_pages_show(struct seq_file *m, struct task_struct *task)
{
	if (task->mm)
		seq_printf(m, "0\n");
}

/* Linux proc_pid_ksm_stat, with 6.18's lines. */
void proc_ksm_stat_show(struct seq_file *m, struct task_struct *task)
{
	if (!task->mm)
		return;
	seq_printf(m, "ksm_rmap_items 0\nksm_zero_pages 0\nksm_merging_pages 0\nksm_process_profit 0\n");
	seq_printf(m, "ksm_merge_any: no\nksm_mergeable: no\n");
}

void proc_timers_pid_show(struct seq_file *m, struct task_struct *task)
{
	proc_timers_show(m, task);
}

/*
 * Linux /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN): the pids of
 * the processes this thread forked (its own, not its siblings'), oldest
 * first, each followed by a space; zombies too, until reaped.
 */
void proc_children_show(struct seq_file *m, struct task_struct *task)
{
	struct task_struct *c;

	list_for_each_entry(c, &task->children, sibling)
		seq_printf(m, "%d ", c->tgid);
}
