/*
 * kernel/exit.c - a task ends: do_exit releases its memory and files,
 * hands its children to a reaper, and leaves a zombie whose wait status the
 * parent collects with wait4 (Linux: kernel/exit.c).  A process that
 * called prctl(PR_SET_CHILD_SUBREAPER) adopts orphans below it instead of
 * init, and a child that asked for prctl(PR_SET_PDEATHSIG) gets its signal
 * when the thread that forked it exits (reparent_children).
 *
 * Threads: exit ends one thread, exit_group (or a fatal signal) all of
 * them.  A thread other than the leader is released as soon as it exits;
 * the leader stays a zombie until the last thread is gone, and only then
 * is the parent told (Linux: delay_group_leader, release_task).
 *
 * Wait status encoding (docs/linux-abi.md §4): exit -> (code & 0xff) << 8,
 * killed -> the signal number, | WCOREFLAG (0x80) if fs/coredump.c wrote a
 * core file; waitid and SIGCHLD then say CLD_DUMPED.  When init (pid 1) exits the machine powers off.
 */
#include <syscalls.h>
#include <sched.h>
#include <ipc.h>
#include <mm_types.h>
#include <fs.h>
#include <signal.h>
#include <uaccess.h>
#include <power.h>
#include <printk.h>
#include <time.h>
#include <errno.h>
#include <blkdev.h>
#include <tty.h>
#include <cred.h>

#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define __WALL 0x40000000
#define __WCLONE 0x80000000
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

static void exit_files(struct task_struct *t)
{
	put_files_struct(t->files);
	t->files = NULL;
	put_fs_struct(t->fs);
	t->fs = NULL;
}

static void exit_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	mm_release(t);
	if (!mm)
		return;
	t->maxrss_kb = MAX(t->maxrss_kb, mm->hiwater_rss * (PAGE_SIZE / 1024));
	t->mm = NULL;
	switch_mm(NULL);              /* stop using the tables we are about to free */
	mmput(mm);
}

static void leader_done(struct task_struct *leader);
static bool thread_group_empty(struct task_struct *t);

/* ---------------------------------------------------------------- orphaned groups */
/* Does any process of pgrp sit stopped? (Linux: has_stopped_jobs) */
static bool has_stopped_jobs(int pgrp)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (thread_group_leader(t) && t->signal->pgrp == pgrp && (t->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/* Will pgrp have no member (but ignored) whose parent is in another group
 * of the same session?  Then nobody is left to continue its stopped jobs
 * (POSIX "orphaned process group"; Linux: will_become_orphaned_pgrp). */
static bool will_become_orphaned_pgrp(int pgrp, struct task_struct *ignored)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		struct task_struct *p = t->parent;
		if (!thread_group_leader(t) || t == ignored || t->signal->pgrp != pgrp || !t->signal->live)
			continue;
		if (p && p->tgid > 1 && p->signal->pgrp != pgrp && p->signal->session == t->signal->session)
			return false;
	}
	return true;
}

/*
 * POSIX: a process group that becomes orphaned while one of its members is
 * stopped gets SIGHUP and then SIGCONT, so it does not stay stopped for
 * ever (Linux: kill_orphaned_pgrp).  At exit, tsk's own group may lose its
 * last link (parent NULL); when tsk's children are handed on, theirs may.
 */
static void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	int pgrp = tsk->signal->pgrp;
	struct task_struct *ignored = tsk;
	if (!parent)
		parent = tsk->group_leader->parent;
	else
		ignored = NULL;
	if (!parent || parent->signal->pgrp == pgrp || parent->signal->session != tsk->signal->session)
		return;
	if (will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		kill_pgrp(pgrp, SIGHUP, 1);
		kill_pgrp(pgrp, SIGCONT, 1);
	}
}

/* A thread of p's group that is not exiting (Linux: find_alive_thread). */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *r;
	for_each_thread(p, r)
		if (!r->exiting)
			return r;
	return NULL;
}

/*
 * Who adopts t's children (Linux: find_new_reaper): another live thread
 * of t's process; else the nearest ancestor process that called
 * prctl(PR_SET_CHILD_SUBREAPER) and still has a live thread; else init.
 */
static struct task_struct *find_new_reaper(struct task_struct *t)
{
	struct task_struct *r = find_alive_thread(t), *a;
	if (r)
		return r;
	for (a = t->parent; a && a->pid > 1; a = a->parent)
		if (a->signal->is_child_subreaper && (r = find_alive_thread(a)))
			return r;
	return find_task(1);
}

/* The parent-death signal of every thread of c (prctl PR_SET_PDEATHSIG),
 * sent as kill() from the exiting parent would be, permission check
 * included (Linux forget_original_parent: group_send_sig_info). */
static void send_pdeath_signals(struct task_struct *c)
{
	struct task_struct *th;
	for_each_thread(c, th) {
		int sig = th->pdeath_signal;
		siginfo_t info = { .si_signo = sig, .si_code = SI_USER };
		info.kill.pid = current->tgid;
		info.kill.uid = current_uid();
		if (sig && !check_kill_permission(sig, th))
			send_signal(th, sig, &info);
	}
}

/* Orphans are adopted by another thread, a subreaper or init, which reaps
 * them (Linux: forget_original_parent).  A child whose parent *thread*
 * exits gets its death signal even when a sibling thread adopts it. */
static void reparent_children(struct task_struct *t)
{
	struct task_struct *reaper = find_new_reaper(t);
	while (!list_empty(&t->children)) {
		struct task_struct *c = list_first_entry(&t->children, struct task_struct, sibling);
		struct task_struct *th;
		list_del(&c->sibling);
		for_each_thread(c, th)
			th->parent = reaper;
		list_add_tail(&c->sibling, &reaper->children);
		send_pdeath_signals(c);
		c->exit_signal = SIGCHLD;	/* Linux: "we don't want people slaying init" */
		/* A zombie that changes process tells its new parent again
		 * (Linux reparent_leader: do_notify_parent), a subreaper too. */
		if (c->state == TASK_ZOMBIE && thread_group_empty(c) && reaper->tgid != t->tgid)
			leader_done(c);
		else if (c->state == TASK_ZOMBIE)
			wake_up_parent(reaper);
		else
			kill_orphaned_pgrp(c, t);
	}
}

void wake_up_parent(struct task_struct *p)
{
	wake_up(&p->signal->wait_chldexit);
}

static void init_exited(int status)
{
	int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
	if (status & 0x7f)
		pr_emerg("Kernel panic - not syncing: Attempted to kill init! exitcode=0x%08x\n", status);
	/* Always printed, even with "quiet": tools/qrun reads the code here. */
	pr_emerg("faultline: init exited with code %d\n", code);
	ksys_sync();                     /* every dirty page and inode to the RAM disk */
	pr_emerg("reboot: Power down\n");
	brd_save_point();                /* "brd.save": halt here for the host to copy the disk */
	machine_power_off(code);         /* QEMU then exits with (code << 1) | 1 */
}

/* The status a process's wait reports: exit_group's or the fatal signal's
 * code if the group died together, else the leader's own. */
static int group_status(struct task_struct *leader)
{
	struct signal_struct *sg = leader->signal;
	return (sg->flags & SIGNAL_GROUP_EXIT) ? sg->group_exit_code : leader->exit_code;
}

/* How a killed child ended, for si_code (Linux: CLD_DUMPED if it dumped core). */
static int kill_code(int status)
{
	return (status & WCOREFLAG) ? CLD_DUMPED : CLD_KILLED;
}

/* The exit signal (SIGCHLD for fork) with the child's pid and how it ended
 * (Linux: do_notify_parent). */
static void notify_parent(struct task_struct *t)
{
	siginfo_t info = { .si_signo = t->exit_signal };
	int status = group_status(t);
	bool killed = status & 0x7f;
	info.si_code = killed ? kill_code(status) : CLD_EXITED;
	info.chld.pid = t->tgid;
	info.chld.uid = 0;
	info.chld.status = killed ? (status & 0x7f) : (status >> 8) & 0xff;
	info.chld.utime = t->utime_ns / (NSEC_PER_SEC / HZ);
	info.chld.stime = t->stime_ns / (NSEC_PER_SEC / HZ);
	if (t->exit_signal > 0)
		send_signal(t->parent, t->exit_signal, &info);
	wake_up_parent(t->parent);
}

/* SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT: the parent will not wait, so no
 * zombie is left (POSIX; Linux: do_notify_parent returning autoreap). */
static bool parent_ignores_children(struct task_struct *p)
{
	struct k_sigaction *ka = &p->sighand->action[SIGCHLD - 1];
	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/* Unlink a dead task; it is freed once nothing runs on its stack (Linux: release_task). */
void release_task(struct task_struct *t)
{
	list_del(&t->sibling);
	list_del(&t->tasks);
	list_del(&t->thread_node);
	t->state = TASK_DEAD;
	if (t == current)
		release_task_later(t);
	else
		free_task(t);
}

/* The last thread is gone: the zombie leader is reported (or reaped at once). */
static void leader_done(struct task_struct *leader)
{
	notify_parent(leader);
	if (leader->exit_signal == SIGCHLD && parent_ignores_children(leader->parent))
		release_task(leader);
}

/* Only the leader is left, or nobody (Linux: thread_group_empty). */
static bool thread_group_empty(struct task_struct *t)
{
	struct signal_struct *sg = t->signal;
	return sg->thread_head.next->next == &sg->thread_head;
}

/* A thread's counters go to its process when it leaves (getrusage RUSAGE_SELF). */
static void account_thread_exit(struct task_struct *t)
{
	struct signal_struct *sg = t->signal;
	sg->min_flt += t->min_flt;
	sg->maj_flt += t->maj_flt;
	sg->utime_ns += t->utime_ns;
	sg->stime_ns += t->stime_ns;
	sg->sum_exec_ns += task_sched_runtime(t);
	task_io_accounting_add(&sg->ioac, &t->ioac);
}

/* Linux exit_notify: a leader becomes a zombie (reported when its group is
 * empty); any other thread is released at once, and may be the last one
 * its zombie leader waited for. */
static void exit_notify(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;
	struct signal_struct *sg = t->signal;
	t->state = TASK_ZOMBIE;
	if (thread_group_leader(t)) {
		if (thread_group_empty(t))
			leader_done(t);
	} else {
		account_thread_exit(t);
		release_task(t);
		if (leader->state == TASK_ZOMBIE && thread_group_empty(leader))
			leader_done(leader);
	}
	if (sg->group_exec_task)
		wake_up(&sg->group_exec_task);    /* execve waits for the others to go */
}

__noreturn void do_exit(int status)
{
	struct task_struct *t = current;
	bool group_dead;
	t->exiting = true;
	fput_syscall_files();		/* exit and exit_group never return to drop them */
	t->in_syscall = false;
	exit_mm(t);
	exit_shm();			/* a removed System V segment it still had attached goes now (ipc/shm.c) */
	exit_files(t);
	if (t->signal->live == 1)
		disassociate_ctty();	/* a session leader's terminal hangs up (drivers/tty) */
	group_dead = --t->signal->live == 0;
	if (group_dead) {
		exit_posix_timers(t);
		exit_sem(t->tgid);	/* its SEM_UNDO adjustments are taken back (ipc/sem.c) */
	}
	if (t->pid == 1 && group_dead)
		init_exited((t->signal->flags & SIGNAL_GROUP_EXIT) ? t->signal->group_exit_code : status);
	reparent_children(t);
	if (group_dead)
		kill_orphaned_pgrp(t->group_leader, NULL);
	t->exit_code = status;
	local_irq_disable();
	exit_notify(t);
	schedule();
	panic("zombie %d ran again", t->pid);
}

/* Every thread ends, with one status (Linux: do_group_exit).  While execve
 * clears the way for itself the others just go. */
__noreturn void do_group_exit(int exit_code)
{
	struct signal_struct *sg = current->signal;
	if (sg->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sg->group_exit_code;
	} else if (sg->group_exec_task && sg->group_exec_task != current) {
		exit_code = 0;
	} else {
		sg->flags |= SIGNAL_GROUP_EXIT;
		sg->group_exit_code = exit_code;
		zap_other_threads(current);
	}
	do_exit(exit_code);
}

SYSCALL_DEFINE1(exit, int, error_code) { do_exit((error_code & 0xff) << 8); }
SYSCALL_DEFINE1(exit_group, int, error_code) { do_group_exit((error_code & 0xff) << 8); }

/* ---------------------------------------------------------------- wait4 */
/* Which children a wait selects (Linux: wait4's pid argument, waitid's idtype). */
enum wait_type { WAIT_ANY, WAIT_PID, WAIT_PGID };

static bool wait_matches(struct task_struct *c, enum wait_type type, int id, int options)
{
	/* Linux eligible_child: a "clone child" (exit signal not SIGCHLD) only
	 * for __WCLONE, the others only without it; __WALL takes both. */
	if (((c->exit_signal != SIGCHLD) ^ !!(options & __WCLONE)) && !(options & __WALL))
		return false;
	switch (type) {
	case WAIT_PID: return c->tgid == id;
	case WAIT_PGID: return c->signal->pgrp == id;
	default: return true;
	}
}

static void reap(struct task_struct *c)
{
	struct signal_struct *ps = current->signal, *cs = c->signal;
	ps->cmaxrss_kb = MAX(ps->cmaxrss_kb, MAX(c->maxrss_kb, cs->cmaxrss_kb));
	ps->cmin_flt += c->min_flt + cs->min_flt + cs->cmin_flt;
	ps->cmaj_flt += c->maj_flt + cs->maj_flt + cs->cmaj_flt;
	ps->cutime_ns += c->utime_ns + cs->utime_ns + cs->cutime_ns;
	ps->cstime_ns += c->stime_ns + cs->stime_ns + cs->cstime_ns;
	task_io_accounting_add(&ps->ioac, &c->ioac);	/* Linux wait_task_zombie: the child's I/O */
	task_io_accounting_add(&ps->ioac, &cs->ioac);	/* becomes the parent's */
	release_task(c);
}

enum wait_event { WAIT_EXITED = 1, WAIT_STOPPED, WAIT_CONTINUED };

/* What this child has to report under these options, if anything. */
static enum wait_event child_event(struct task_struct *c, int options)
{
	if (c->state == TASK_ZOMBIE && thread_group_empty(c) && (options & WEXITED))
		return WAIT_EXITED;
	if ((c->signal->flags & SIGNAL_STOP_STOPPED) && !c->signal->stop_reported && (options & WSTOPPED))
		return WAIT_STOPPED;
	if (c->signal->cont_to_report && (options & WCONTINUED))
		return WAIT_CONTINUED;
	return 0;
}

/*
 * Find a child matching (type, id) with something to report, sleeping until
 * one has.  => the child and *ev, NULL with *err = 0 for WNOHANG and nothing
 * ready, or NULL with *err = -ECHILD / -ERESTARTSYS.
 */
static struct task_struct *wait_for_child(enum wait_type type, int id, int options,
					  enum wait_event *ev, long *err)
{
	for (;;) {
		struct task_struct *th;
		bool have_child = false;
		/* Any thread may wait for a child of any thread of its process. */
		for_each_thread(current, th) {
			struct list_head *p;
			list_for_each(p, &th->children) {
				struct task_struct *c = list_entry(p, struct task_struct, sibling);
				if (!wait_matches(c, type, id, options))
					continue;
				have_child = true;
				if ((*ev = child_event(c, options)))
					return c;
			}
		}
		*err = have_child ? 0 : -ECHILD;
		if (!have_child || (options & WNOHANG))
			return NULL;
		if (sleep_on(&current->signal->wait_chldexit)) {
			*err = -ERESTARTSYS;
			return NULL;
		}
	}
}

/* The report is given once: a stop until the next stop, a continue once. */
static void consume_event(struct task_struct *c, enum wait_event ev)
{
	if (ev == WAIT_STOPPED)
		c->signal->stop_reported = true;
	else if (ev == WAIT_CONTINUED)
		c->signal->cont_to_report = false;
}

struct rusage;
static int fill_child_rusage(struct task_struct *c, struct rusage __user *ru);

/* Wait status (docs/linux-abi.md §4): exit (code << 8), killed: sig, stopped:
 * (sig << 8) | 0x7f, continued: 0xffff. */
static int wait_status(struct task_struct *c, enum wait_event ev)
{
	if (ev == WAIT_STOPPED)
		return (c->signal->stop_sig << 8) | 0x7f;
	if (ev == WAIT_CONTINUED)
		return 0xffff;
	return group_status(c);
}

SYSCALL_DEFINE4(wait4, pid_t, pid, int __user *, stat_addr, int, options, struct rusage __user *, ru)
{
	enum wait_type type = pid > 0 ? WAIT_PID : pid == -1 ? WAIT_ANY : WAIT_PGID;
	int id = pid == 0 ? current->signal->pgrp : pid < -1 ? -pid : pid;
	enum wait_event ev;
	struct task_struct *c;
	long err;
	int cpid;
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT_MIN)	/* -INT_MIN is not a pgid (Linux kernel_wait4: ESRCH) */
		return -ESRCH;
	c = wait_for_child(type, id, options | WEXITED, &ev, &err);
	if (!c)
		return err;
	if (stat_addr && put_user(wait_status(c, ev), stat_addr))
		return -EFAULT;
	if (ru && fill_child_rusage(c, ru))
		return -EFAULT;
	cpid = c->tgid;
	if (ev == WAIT_EXITED)
		reap(c);
	else
		consume_event(c, ev);
	return cpid;
}

/* waitid: the same, reported as a SIGCHLD-style siginfo (POSIX; Linux kernel/exit.c). */
SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, siginfo_t __user *, infop, int, options, struct rusage __user *, ru)
{
	static const enum wait_type types[] = { [P_ALL] = WAIT_ANY, [P_PID] = WAIT_PID, [P_PGID] = WAIT_PGID };
	siginfo_t info = { 0 };
	enum wait_event ev = 0;
	struct task_struct *c;
	long err;
	if (which < P_ALL || which > P_PGID ||
	    (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT | __WALL | __WCLONE)))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	c = wait_for_child(types[which], which == P_PGID && !upid ? current->signal->pgrp : upid, options, &ev, &err);
	if (c) {
		int status = group_status(c);
		bool killed = status & 0x7f;
		info.si_signo = SIGCHLD;
		info.chld.pid = c->tgid;
		if (ev == WAIT_STOPPED) {
			info.si_code = CLD_STOPPED;
			info.chld.status = c->signal->stop_sig;
		} else if (ev == WAIT_CONTINUED) {
			info.si_code = CLD_CONTINUED;
			info.chld.status = SIGCONT;
		} else {
			info.si_code = killed ? kill_code(status) : CLD_EXITED;
			info.chld.status = killed ? (status & 0x7f) : (status >> 8) & 0xff;
		}
		if (ru && fill_child_rusage(c, ru))
			return -EFAULT;
	} else if (err) {
		return err;
	}
	if (infop && copy_to_user(infop, &info, sizeof(info)))
		return -EFAULT;
	if (c && !(options & WNOWAIT))
		ev == WAIT_EXITED ? reap(c) : consume_event(c, ev);
	return 0;
}

/* ---------------------------------------------------------------- getrusage */
struct rusage {                    /* the kernel's 144-byte struct (docs/linux-abi.md §11) */
	struct timeval ru_utime, ru_stime;
	s64 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
	    ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};


/* wait4's rusage: the child's own totals plus those of its reaped children. */
static int fill_child_rusage(struct task_struct *c, struct rusage __user *uru)
{
	struct rusage ru = { 0 };
	struct signal_struct *cs = c->signal;
	ru.ru_utime = ns_to_timeval(c->utime_ns + cs->utime_ns + cs->cutime_ns);
	ru.ru_stime = ns_to_timeval(c->stime_ns + cs->stime_ns + cs->cstime_ns);
	ru.ru_minflt = c->min_flt + cs->min_flt + cs->cmin_flt;
	ru.ru_majflt = c->maj_flt + cs->maj_flt + cs->cmaj_flt;
	ru.ru_maxrss = MAX(c->maxrss_kb, c->signal->cmaxrss_kb);
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* A process's own usage: its live threads plus those that have exited. */
static struct rusage process_rusage(struct task_struct *p)
{
	struct signal_struct *sg = p->signal;
	struct rusage ru = { 0 };
	u64 ut = sg->utime_ns, st = sg->stime_ns, minf = sg->min_flt, majf = sg->maj_flt;
	struct task_struct *t;
	for_each_thread(p, t) {
		ut += t->utime_ns;
		st += t->stime_ns;
		minf += t->min_flt;
		majf += t->maj_flt;
		ru.ru_maxrss = MAX((u64)ru.ru_maxrss, t->maxrss_kb);
	}
	ru.ru_utime = ns_to_timeval(ut);
	ru.ru_stime = ns_to_timeval(st);
	ru.ru_minflt = minf;
	ru.ru_majflt = majf;
	if (p->mm)
		ru.ru_maxrss = MAX((u64)ru.ru_maxrss, p->mm->hiwater_rss * (PAGE_SIZE / 1024));
	return ru;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, uru)
{
	struct rusage ru = { 0 };
	struct task_struct *t = current;
	switch (who) {
	case RUSAGE_SELF:
		ru = process_rusage(t);
		break;
	case RUSAGE_THREAD:
		ru.ru_utime = ns_to_timeval(t->utime_ns);
		ru.ru_stime = ns_to_timeval(t->stime_ns);
		ru.ru_minflt = t->min_flt;
		ru.ru_majflt = t->maj_flt;
		ru.ru_maxrss = MAX(t->maxrss_kb, t->mm ? t->mm->hiwater_rss * (PAGE_SIZE / 1024) : 0);
		break;
	case RUSAGE_CHILDREN:
		ru.ru_utime = ns_to_timeval(t->signal->cutime_ns);
		ru.ru_stime = ns_to_timeval(t->signal->cstime_ns);
		ru.ru_minflt = t->signal->cmin_flt;
		ru.ru_majflt = t->signal->cmaj_flt;
		ru.ru_maxrss = t->signal->cmaxrss_kb;
		break;
	default:
		return -EINVAL;
	}
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}
