/*
 * fs/proc/pid_sched.c - the files of /proc/PID that say what a task is
 * doing on the CPU and in the kernel (Linux: fs/proc/base.c and
 * kernel/sched/debug.c, kernel/sched/autogroup.c):
 *
 *   sched      the scheduler's view (kernel/sched_debug.c); writing resets
 *              statistics on Linux, and here there are none to reset
 *   schedstat  "CPU-time-ns wait-ns timeslices" (Linux proc_pid_schedstat;
 *              faultline does not measure run-queue waits: 0)
 *   autogroup  the session's scheduling group and its nice
 *   wchan      the kernel function a sleeping task waits in, or "0"
 *   stack      the sleeping task's kernel stack, "[<0>] func+off/size"
 *              (Linux hides the addresses as 0); root only
 *   syscall    the system call it is in, its six arguments, the user
 *              stack pointer and pc: "nr 0xarg... 0xsp 0xpc"; "-1 0xsp
 *              0xpc" when it was stopped outside one
 */
#include <sched.h>
#include <cred.h>
#include <kallsyms.h>
#include <stacktrace.h>
#include <string.h>
#include <errno.h>
#include "internal.h"

#define STACK_TRACE_MAX 64		/* Linux: MAX_STACK_TRACE_DEPTH */

void proc_sched_show(struct seq_file *m, struct task_struct *task)
{
	proc_sched_show_task(task, proc_task_nr_threads(task), m);
}

/* Linux sched_write: any write resets the task's statistics (proc_sched_set_task). */
int proc_sched_write(struct task_struct *task, const char *buf)
{
	return 0;
}

/* Linux proc_pid_schedstat: time on the CPU, time waiting for it, and how many times it got it. */
void proc_schedstat_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%llu %llu %llu\n", (unsigned long long)task_sched_runtime(task), 0ULL,
		   (unsigned long long)(task->nvcsw + task->nivcsw));
}

void proc_autogroup_show(struct seq_file *m, struct task_struct *task)
{
	proc_sched_autogroup_show_task(task, m);
}

int proc_autogroup_write(struct task_struct *task, const char *buf)
{
	long nice;

	if (proc_parse_decimal(buf, &nice))
		return -EINVAL;
	return proc_sched_autogroup_set_nice(task, nice);
}

/* Linux proc_pid_wchan: the name alone, and "0" for a running task or one we may not look into. */
void proc_wchan_show(struct seq_file *m, struct task_struct *task)
{
	u64 wchan = ptrace_may_access(task) ? get_wchan(task) : 0, size, off;
	const char *name = wchan ? kallsyms_lookup(wchan - 1, &size, &off) : NULL;

	seq_printf(m, "%s", name ? name : "0");
}

/* Linux lock_trace + proc_pid_stack: another's kernel stack is for root, and for who may ptrace it. */
int proc_stack_permission(struct task_struct *task)
{
	return capable(CAP_SYS_ADMIN) && ptrace_may_access(task) ? 0 : -EACCES;
}

void proc_stack_show(struct seq_file *m, struct task_struct *task)
{
	u64 entries[STACK_TRACE_MAX];
	unsigned int n = stack_trace_save_tsk(task, entries, STACK_TRACE_MAX);

	for (unsigned int i = 0; i < n; i++)
		seq_printf(m, "[<0>] %pB\n", (void *)entries[i]);
}

/* Linux: /proc/PID/syscall needs ptrace's attach rights (lock_trace). */
int proc_syscall_permission(struct task_struct *task)
{
	return ptrace_may_access(task) ? 0 : -EACCES;
}

/* Linux proc_pid_syscall, from the user registers saved at the top of the task's kernel stack. */
void proc_syscall_show(struct seq_file *m, struct task_struct *task)
{
	struct pt_regs *regs = task_pt_regs(task);

	if (!task_in_syscall(task)) {
		seq_printf(m, "-1 0x%lx 0x%lx\n", regs->rsp, regs->rip);
		return;
	}
	seq_printf(m, "%ld 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx\n", (long)regs->orig_rax, regs->rdi,
		   regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9, regs->rsp, regs->rip);
}
