/*
 * kernel/exit.c - a task ends: do_exit releases its memory and files,
 * hands its children to init, and leaves a zombie whose wait status the
 * parent collects with wait4 (Linux: kernel/exit.c).
 *
 * Wait status encoding (linux-abi §4): exit -> (code & 0xff) << 8,
 * killed -> the signal number.  faultline writes no core dumps, so 0x80 is
 * never set.  When init (pid 1) exits the machine powers off.
 */
#include <syscalls.h>
#include <sched.h>
#include <mm_types.h>
#include <fs.h>
#include <signal.h>
#include <uaccess.h>
#include <power.h>
#include <printk.h>
#include <time.h>
#include <errno.h>
#include <blkdev.h>

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
	for (int fd = 0; fd < t->fd_end; fd++) {
		if (t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
	iput(t->cwd);
	t->cwd = NULL;
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

/* Orphans are adopted by init, which reaps them (Linux: forget_original_parent). */
static void reparent_children(struct task_struct *t)
{
	struct task_struct *init = find_task(1);
	while (!list_empty(&t->children)) {
		struct task_struct *c = list_first_entry(&t->children, struct task_struct, sibling);
		list_del(&c->sibling);
		c->parent = init;
		list_add_tail(&c->sibling, &init->children);
		if (c->state == TASK_ZOMBIE)
			wake_up_process(init);
	}
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

/* SIGCHLD with the child's pid and how it ended (Linux: do_notify_parent). */
static void notify_parent(struct task_struct *t, int status)
{
	siginfo_t info = { .si_signo = SIGCHLD };
	bool killed = status & 0x7f;
	info.si_code = killed ? CLD_KILLED : CLD_EXITED;
	info.chld.pid = t->pid;
	info.chld.uid = 0;
	info.chld.status = killed ? (status & 0x7f) : (status >> 8) & 0xff;
	info.chld.utime = t->utime_ns / (NSEC_PER_SEC / HZ);
	info.chld.stime = t->stime_ns / (NSEC_PER_SEC / HZ);
	send_signal(t->parent, SIGCHLD, &info);
}

/* SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT: the parent will not wait, so no
 * zombie is left (POSIX; Linux: do_notify_parent returning autoreap). */
static bool parent_ignores_children(struct task_struct *p)
{
	struct k_sigaction *ka = &p->sighand[SIGCHLD - 1];
	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

static void autoreap(struct task_struct *t)
{
	list_del(&t->sibling);
	list_del(&t->tasks);
	t->state = TASK_DEAD;
	release_task_later(t);
}

__noreturn void do_exit(int status)
{
	struct task_struct *t = current;
	exit_mm(t);
	exit_files(t);
	exit_posix_timers(t);
	if (t->pid == 1)
		init_exited(status);
	reparent_children(t);
	t->exit_code = status;
	local_irq_disable();
	t->state = TASK_ZOMBIE;
	notify_parent(t, status);
	wake_up_process(t->parent);
	if (parent_ignores_children(t->parent))
		autoreap(t);
	schedule();
	panic("zombie %d ran again", t->pid);
}

/* One process per thread group here, so do_group_exit is do_exit. */
static __noreturn void do_group_exit(int exit_code) { do_exit(exit_code); }

SYSCALL_DEFINE1(exit, int, error_code) { do_exit((error_code & 0xff) << 8); }
SYSCALL_DEFINE1(exit_group, int, error_code) { do_group_exit((error_code & 0xff) << 8); }

/* ---------------------------------------------------------------- wait4 */
/* Which children a wait selects (Linux: wait4's pid argument, waitid's idtype). */
enum wait_type { WAIT_ANY, WAIT_PID, WAIT_PGID };

static bool wait_matches(struct task_struct *c, enum wait_type type, int id)
{
	switch (type) {
	case WAIT_PID: return c->pid == id;
	case WAIT_PGID: return c->pgrp == id;
	default: return true;
	}
}

static void reap(struct task_struct *c)
{
	struct task_struct *p = current;
	p->cmaxrss_kb = MAX(p->cmaxrss_kb, MAX(c->maxrss_kb, c->cmaxrss_kb));
	p->cmin_flt += c->min_flt + c->cmin_flt;
	p->cmaj_flt += c->maj_flt + c->cmaj_flt;
	p->cutime_ns += c->utime_ns + c->cutime_ns;
	p->cstime_ns += c->stime_ns + c->cstime_ns;
	list_del(&c->sibling);
	list_del(&c->tasks);
	c->state = TASK_DEAD;
	free_task(c);
}

enum wait_event { WAIT_EXITED = 1, WAIT_STOPPED, WAIT_CONTINUED };

/* What this child has to report under these options, if anything. */
static enum wait_event child_event(struct task_struct *c, int options)
{
	if (c->state == TASK_ZOMBIE && (options & WEXITED))
		return WAIT_EXITED;
	if (c->state == TASK_STOPPED && !c->stop_reported && (options & WSTOPPED))
		return WAIT_STOPPED;
	if (c->cont_to_report && (options & WCONTINUED))
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
		struct list_head *p;
		bool have_child = false;
		list_for_each(p, &current->children) {
			struct task_struct *c = list_entry(p, struct task_struct, sibling);
			if (!wait_matches(c, type, id))
				continue;
			have_child = true;
			if ((*ev = child_event(c, options)))
				return c;
		}
		*err = have_child ? 0 : -ECHILD;
		if (!have_child || (options & WNOHANG))
			return NULL;
		if (sleep_on(current)) {
			*err = -ERESTARTSYS;
			return NULL;
		}
	}
}

/* The report is given once: a stop until the next stop, a continue once. */
static void consume_event(struct task_struct *c, enum wait_event ev)
{
	if (ev == WAIT_STOPPED)
		c->stop_reported = true;
	else if (ev == WAIT_CONTINUED)
		c->cont_to_report = false;
}

struct rusage;
static int fill_child_rusage(struct task_struct *c, struct rusage __user *ru);

/* Wait status (linux-abi §4): exit (code << 8), killed: sig, stopped:
 * (sig << 8) | 0x7f, continued: 0xffff. */
static int wait_status(struct task_struct *c, enum wait_event ev)
{
	if (ev == WAIT_STOPPED)
		return (c->stop_sig << 8) | 0x7f;
	if (ev == WAIT_CONTINUED)
		return 0xffff;
	return c->exit_code;
}

SYSCALL_DEFINE4(wait4, pid_t, pid, int __user *, stat_addr, int, options, struct rusage __user *, ru)
{
	enum wait_type type = pid > 0 ? WAIT_PID : pid == -1 ? WAIT_ANY : WAIT_PGID;
	int id = pid == 0 ? current->pgrp : pid < -1 ? -pid : pid;
	enum wait_event ev;
	struct task_struct *c;
	long err;
	int cpid;
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	c = wait_for_child(type, id, options | WEXITED, &ev, &err);
	if (!c)
		return err;
	if (stat_addr && put_user(wait_status(c, ev), stat_addr))
		return -EFAULT;
	if (ru && fill_child_rusage(c, ru))
		return -EFAULT;
	cpid = c->pid;
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
	c = wait_for_child(types[which], which == P_PGID && !upid ? current->pgrp : upid, options, &ev, &err);
	if (c) {
		bool killed = c->exit_code & 0x7f;
		info.si_signo = SIGCHLD;
		info.chld.pid = c->pid;
		if (ev == WAIT_STOPPED) {
			info.si_code = CLD_STOPPED;
			info.chld.status = c->stop_sig;
		} else if (ev == WAIT_CONTINUED) {
			info.si_code = CLD_CONTINUED;
			info.chld.status = SIGCONT;
		} else {
			info.si_code = killed ? CLD_KILLED : CLD_EXITED;
			info.chld.status = killed ? (c->exit_code & 0x7f) : (c->exit_code >> 8) & 0xff;
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
struct rusage {                    /* the kernel's 144-byte struct (linux-abi §11) */
	struct timeval ru_utime, ru_stime;
	s64 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
	    ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};


/* wait4's rusage: the child's own totals plus those of its reaped children. */
static int fill_child_rusage(struct task_struct *c, struct rusage __user *uru)
{
	struct rusage ru = { 0 };
	ru.ru_utime = ns_to_timeval(c->utime_ns + c->cutime_ns);
	ru.ru_stime = ns_to_timeval(c->stime_ns + c->cstime_ns);
	ru.ru_minflt = c->min_flt + c->cmin_flt;
	ru.ru_majflt = c->maj_flt + c->cmaj_flt;
	ru.ru_maxrss = MAX(c->maxrss_kb, c->cmaxrss_kb);
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, uru)
{
	struct rusage ru = { 0 };
	struct task_struct *t = current;
	switch (who) {
	case RUSAGE_SELF:
	case RUSAGE_THREAD:
		ru.ru_utime = ns_to_timeval(t->utime_ns);
		ru.ru_stime = ns_to_timeval(t->stime_ns);
		ru.ru_minflt = t->min_flt;
		ru.ru_majflt = t->maj_flt;
		ru.ru_maxrss = MAX(t->maxrss_kb, t->mm ? t->mm->hiwater_rss * (PAGE_SIZE / 1024) : 0);
		break;
	case RUSAGE_CHILDREN:
		ru.ru_utime = ns_to_timeval(t->cutime_ns);
		ru.ru_stime = ns_to_timeval(t->cstime_ns);
		ru.ru_minflt = t->cmin_flt;
		ru.ru_majflt = t->cmaj_flt;
		ru.ru_maxrss = t->cmaxrss_kb;
		break;
	default:
		return -EINVAL;
	}
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}
