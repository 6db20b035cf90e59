/*
 * fs/proc/array.c - /proc/PID/status, stat and statm (Linux:
 * fs/proc/array.c, with task_mem() from fs/proc/task_mmu.c).
 *
 * status is one "Name:\tvalue" line per fact, in Linux's order; stat is
 * the 52 numbers ps and top parse, comm in parentheses (a comm may hold
 * spaces and ')', so parsers look for the last ')'); statm is seven page
 * counts. What faultline lacks reads as Linux shows it without the
 * feature: no tracer, no namespaces, every task root with every
 * capability, one CPU. Times are in USER_HZ ticks (100 a second).
 */
#include <mm.h>
#include <cred.h>
#include <time.h>
#include <string.h>
#include <printk.h>
#include "internal.h"

#define USER_HZ 100
#define NSEC_PER_TICK (NSEC_PER_SEC / USER_HZ)
#define KIB_PER_PAGE (PAGE_SIZE / 1024)
#define RLIMIT_RSS 5
#define RLIMIT_SIGPENDING 11
/* Linux's task->flags bits (include/linux/sched.h), shown in stat's flags */
#define PF_EXITING 0x4
#define PF_POSTCOREDUMP 0x8		/* set on the way out, by coredump_task_exit */
#define PF_FORKNOEXEC 0x40
#define PF_NOFREEZE 0x8000		/* set on the way out, by do_task_dead */
#define PF_RANDOMIZE 0x400000
#define STAT_SIGMASK 0x7fffffffUL		/* stat shows signals 1..31 only */

/* Linux task_state_array: the letter and the word after it. */
static const char *task_state_name(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return "R (running)";
	case TASK_INTERRUPTIBLE:
		return "S (sleeping)";
	case TASK_STOPPED:
		return "T (stopped)";
	case TASK_ZOMBIE:
		return "Z (zombie)";
	default:
		return "X (dead)";
	}
}

char task_state_char(const struct task_struct *t) { return task_state_name(t)[0]; }

/* Linux get_nr_threads: the group's tasks not yet released, so a zombie
 * (or a leader that called pthread_exit while its threads run) still counts. */
int proc_task_nr_threads(struct task_struct *t)
{
	struct list_head *pos;
	int n = 0;

	if (!t->signal)
		return 0;
	list_for_each(pos, &t->signal->thread_head)
		n++;
	return n;
}

static int task_ppid(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;

	return leader->parent ? leader->parent->tgid : 0;
}

/* The handlers: SIG_IGN ones, and those a program installed (Linux collect_sigign_sigcatch). */
static void collect_sigign_sigcatch(struct task_struct *t, sigset_t *ign, sigset_t *catch)
{
	*ign = *catch = 0;
	if (!t->sighand)
		return;
	for (int sig = 1; sig <= _NSIG; sig++) {
		u64 h = t->sighand->action[sig - 1].handler;

		if (h == SIG_IGN)
			*ign |= sigmask(sig);
		else if (h != SIG_DFL)
			*catch |= sigmask(sig);
	}
}

static void status_kb(struct seq_file *m, const char *name, u64 pages)
{
	seq_printf(m, "%s\t%8lu kB\n", name, pages * KIB_PER_PAGE);
}

/* Linux task_mem */
static void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct mem_counts c;

	task_mem_counts(mm, &c);
	status_kb(m, "VmPeak:", c.size);	/* no hiwater_vm kept: the peak is now */
	status_kb(m, "VmSize:", c.size);
	status_kb(m, "VmLck:", c.locked);
	status_kb(m, "VmPin:", 0);
	status_kb(m, "VmHWM:", MAX(mm->hiwater_rss, c.rss_anon + c.rss_file + c.rss_shmem));
	status_kb(m, "VmRSS:", c.rss_anon + c.rss_file + c.rss_shmem);
	status_kb(m, "RssAnon:", c.rss_anon);
	status_kb(m, "RssFile:", c.rss_file);
	status_kb(m, "RssShmem:", c.rss_shmem);
	status_kb(m, "VmData:", c.data);
	status_kb(m, "VmStk:", c.stack);
	status_kb(m, "VmExe:", c.exec);
	status_kb(m, "VmLib:", c.lib);
	status_kb(m, "VmPTE:", c.pte);
	status_kb(m, "VmSwap:", 0);
	status_kb(m, "HugetlbPages:", 0);
}

/*
 * Linux task_state: the real, effective, saved and filesystem ids, then
 * the supplementary groups, each followed by a space ("Groups:\t \n" with
 * none, "Groups:\t4 24 \n" with two; the trailing space is Linux's).
 */
static void status_creds(struct seq_file *m, struct task_struct *t)
{
	const struct cred *c = t->cred;

	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid, c->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", c->gid, c->egid, c->sgid, c->fsgid);
	seq_printf(m, "FDSize:\t%d\n", t->files ? t->files->max_fds : 0);
	seq_puts(m, "Groups:\t");
	for (int g = 0; c->group_info && g < c->group_info->ngroups; g++)
		seq_printf(m, g ? " %u" : "%u", c->group_info->gid[g]);
	seq_puts(m, " \n");
}

static void status_ids(struct seq_file *m, struct task_struct *t)
{
	seq_printf(m, "Name:\t%s\n", t->comm);
	if (t->fs)
		seq_printf(m, "Umask:\t%04o\n", t->fs->umask);
	seq_printf(m, "State:\t%s\n", task_state_name(t));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->tgid, t->pid, task_ppid(t));
	status_creds(m, t);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\n", t->tgid, t->pid);
	seq_printf(m, "NSpgid:\t%d\nNSsid:\t%d\n", t->signal->pgrp, t->signal->session);
	seq_printf(m, "Kthread:\t0\n");
}

static void status_signals(struct seq_file *m, struct task_struct *t)
{
	sigset_t ign, catch;

	collect_sigign_sigcatch(t, &ign, &catch);
	seq_printf(m, "Threads:\t%d\n", proc_task_nr_threads(t));
	seq_printf(m, "SigQ:\t0/%lu\n", t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur);
	seq_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\n", (u64)t->pending.signal, (u64)t->signal->shared_pending.signal);
	seq_printf(m, "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n", (u64)t->blocked, (u64)ign, (u64)catch);
}

void proc_pid_status(struct seq_file *m, struct task_struct *t)
{
	status_ids(m, t);
	/*
	 * Linux proc_pid_status: the memory lines, CoreDumping, THP_enabled and
	 * untag_mask (x86: no LAM, so every address bit counts) only for a task
	 * with an mm, which a zombie no longer has.  THP_enabled is as on a
	 * kernel built with transparent huge pages (Linux task_thp_status):
	 * 1 unless prctl(PR_SET_THP_DISABLE) turned them off.
	 */
	if (t->mm) {
		task_mem(m, t->mm);
		seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t%d\nuntag_mask:\t%#lx\n", !t->mm->disable_thp, ~0UL);
	}
	status_signals(m, t);
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\nCapAmb:\t%016llx\n",
		   (unsigned long long)t->cred->cap_inheritable, (unsigned long long)t->cred->cap_permitted, (unsigned long long)t->cred->cap_effective,
		   (unsigned long long)t->cred->cap_bset, (unsigned long long)t->cred->cap_ambient);
	seq_printf(m, "NoNewPrivs:\t%d\nSeccomp:\t0\nSeccomp_filters:\t0\n", t->no_new_privs);
	seq_printf(m, "Speculation_Store_Bypass:\tnot vulnerable\nSpeculationIndirectBranch:\tunsupported\n");
	seq_printf(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n", t->nvcsw, t->nivcsw);
}

static u64 ns_to_ticks(u64 ns) { return ns / NSEC_PER_TICK; }

/* The process's figures (a thread's own for /proc/PID/task/TID/stat; Linux sums the group for the leader). */
struct stat_times { u64 utime, stime, min_flt, maj_flt; };

static void group_times(struct task_struct *t, bool whole, struct stat_times *st)
{
	struct task_struct *pos;

	*st = (struct stat_times){ t->utime_ns, t->stime_ns, t->min_flt, t->maj_flt };
	if (!whole || !t->signal)
		return;
	*st = (struct stat_times){ t->signal->utime_ns, t->signal->stime_ns, t->signal->min_flt, t->signal->maj_flt };
	for_each_thread(t, pos) {
		st->utime += pos->utime_ns;
		st->stime += pos->stime_ns;
		st->min_flt += pos->min_flt;
		st->maj_flt += pos->maj_flt;
	}
}

/* The code and data range: the program file's executable and writable mappings (Linux: mm->start_code...). */
static void code_data_range(struct mm_struct *mm, u64 r[4])
{
	struct vm_area_struct *v;

	r[0] = r[2] = ~0UL;
	r[1] = r[3] = 0;
	list_for_each_entry(v, &mm->mmap, vm_list) {
		int i = (v->vm_flags & VM_EXEC) ? 0 : (v->vm_flags & VM_WRITE) ? 2 : -1;

		if (!mm->exe_file || !v->vm_file || v->vm_file->f_inode != mm->exe_file->f_inode || i < 0)
			continue;
		r[i] = MIN(r[i], v->vm_start);
		r[i + 1] = MAX(r[i + 1], v->vm_end);
	}
	if (r[0] == ~0UL)
		r[0] = 0;
	if (r[2] == ~0UL)
		r[2] = 0;
}

/*
 * The task's flags as Linux keeps them: PF_FORKNOEXEC from fork (threads
 * too) until exec, PF_RANDOMIZE from an exec without ADDR_NO_RANDOMIZE
 * (fs/exec.c; nothing is randomized here), PF_EXITING from do_exit, and a
 * zombie also has PF_POSTCOREDUMP and PF_NOFREEZE.
 */
static unsigned task_pf_flags(const struct task_struct *t)
{
	unsigned flags = 0;

	if (!t->did_exec)
		flags |= PF_FORKNOEXEC;
	if (t->randomize)
		flags |= PF_RANDOMIZE;
	if (t->exiting)
		flags |= PF_EXITING;
	if (t->state == TASK_ZOMBIE)
		flags |= PF_EXITING | PF_POSTCOREDUMP | PF_NOFREEZE;
	return flags;
}

/* Linux do_task_stat: 52 fields, one space apart. */
static void do_task_stat(struct seq_file *m, struct task_struct *t, bool whole)
{
	struct mm_struct *mm = t->mm;
	struct stat_times st;
	struct mem_counts c = { 0 };
	sigset_t ign, catch;
	u64 r[4] = { 0 };

	group_times(t, whole, &st);
	collect_sigign_sigcatch(t, &ign, &catch);
	if (mm) {
		task_mem_counts(mm, &c);
		code_data_range(mm, r);
	}
	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 %u ", t->pid, t->comm, task_state_char(t), task_ppid(t),
		   t->signal->pgrp, t->signal->session, task_pf_flags(t));
	seq_printf(m, "%lu %lu %lu %lu ", st.min_flt, t->signal->cmin_flt, st.maj_flt, t->signal->cmaj_flt);
	seq_printf(m, "%lu %lu %lu %lu ", ns_to_ticks(st.utime), ns_to_ticks(st.stime),
		   ns_to_ticks(t->signal->cutime_ns), ns_to_ticks(t->signal->cstime_ns));
	/* Linux task_prio: -1 - rt_priority for a real-time task, 20 + nice otherwise */
	seq_printf(m, "%d %d %d 0 %lu ", t->rt_priority ? -1 - (int)t->rt_priority : 20 + t->nice, t->nice,
		   proc_task_nr_threads(t), ns_to_ticks(t->start_time));
	seq_printf(m, "%lu %lu %lu ", c.size * PAGE_SIZE, c.rss_anon + c.rss_file + c.rss_shmem,
		   t->signal->rlim[RLIMIT_RSS].rlim_cur);
	seq_printf(m, "%lu %lu %lu 0 0 ", r[0], r[1], mm ? mm->start_stack : 0);
	/* Linux: obsolete decimal masks kept for Linux 2.0, so only signals
	 * 1..31, and only the thread's own pending set (status has the rest) */
	seq_printf(m, "%lu %lu %lu %lu %d 0 0 ", (u64)t->pending.signal & STAT_SIGMASK,
		   (u64)t->blocked & STAT_SIGMASK, (u64)ign & STAT_SIGMASK, (u64)catch & STAT_SIGMASK,
		   t->state != TASK_RUNNING);
	seq_printf(m, "%d 0 %u %d 0 0 0 ", t->exit_signal, t->rt_priority, t->policy);	/* processor, rt_priority, policy */
	seq_printf(m, "%lu %lu %lu ", r[2], r[3], mm ? mm->start_brk : 0);
	seq_printf(m, "%lu %lu %lu %lu ", mm ? mm->arg_start : 0, mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		   mm ? mm->env_end : 0);
	seq_printf(m, "%d\n", t->state == TASK_ZOMBIE ? t->exit_code : 0);
}

/* /proc/PID/stat: the leader's line with the whole group's times; task/TID/stat: the thread's own. */
void proc_tgid_stat(struct seq_file *m, struct task_struct *task)
{
	do_task_stat(m, task, thread_group_leader(task));
}

/* Linux proc_pid_statm: size resident shared text lib data dt, in pages. */
void proc_pid_statm(struct seq_file *m, struct task_struct *task)
{
	struct mem_counts c = { 0 };

	if (task->mm)
		task_mem_counts(task->mm, &c);
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", c.size, c.rss_anon + c.rss_file + c.rss_shmem,
		   c.rss_file + c.rss_shmem, c.exec, c.data + c.stack);
}
