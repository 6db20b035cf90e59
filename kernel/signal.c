/*
 * kernel/signal.c - signals, the parts any CPU shares: sending and queueing
 * (send_signal, force_sig_fault), actions and masks, choosing the next
 * signal to deliver (get_signal), stopping and continuing, the alternate
 * signal stack, and the signal system calls (Linux: kernel/signal.c).
 *
 * A signal is sent to a process (kill, timers, SIGCHLD: it waits in the
 * thread group's shared_pending and any thread that does not block it may
 * take it) or to one thread (a fault, tgkill: that thread's own pending).
 * A fatal one kills the whole group (Linux: complete_signal).
 * The frame a handler runs on, and rt_sigreturn, are the CPU's:
 * arch/x86/kernel/signal.c.
 *
 * Faults use force_sig_fault(): a fault signal that is blocked or ignored
 * cannot be deferred (the instruction would fault again), so it is unblocked
 * and reset to SIG_DFL, which kills (Linux: force_sig_info_to_task).
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <cred.h>
#include <entry-common.h>
#include <asm/traps.h>
#include <uaccess.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <asm/processor.h>
#include <asm/sighandling.h>
#include <time.h>
#include <mm.h>
#include <coredump.h>
#include <nmi.h>

/* Signals raised by the faulting instruction itself go first (Linux: SYNCHRONOUS_MASK). */
#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
			  sigmask(SIGFPE) | sigmask(SIGSYS))

/* ---------------------------------------------------------------- actions */
enum sig_default { SIG_DFL_TERM, SIG_DFL_CORE, SIG_DFL_IGN, SIG_DFL_STOP, SIG_DFL_CONT };

static enum sig_default default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH: return SIG_DFL_IGN;
	case SIGCONT: return SIG_DFL_CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU: return SIG_DFL_STOP;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS: return SIG_DFL_CORE;
	default: return SIG_DFL_TERM;
	}
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	u64 h = t->sighand->action[sig - 1].handler;
	/* Linux sig_task_ignored: init cannot be killed by a signal it did not
	 * ask for, SIGKILL included (only a fault, which clears the flag, can). */
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && h == SIG_DFL)
		return true;
	if (sig == SIGKILL || sig == SIGSTOP)
		return false;
	return h == SIG_IGN || (h == SIG_DFL && default_action(sig) == SIG_DFL_IGN);
}

bool signal_pending(void) { return signal_pending_task(current); }

struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

/* How many real-time signals may wait queued for @t: RLIMIT_SIGPENDING
 * (counted here per queue, by Linux per user; a limit of 0 refuses all),
 * at most RT_QUEUE_MAX (Linux __sigqueue_alloc). */
static u64 rt_queue_limit(struct task_struct *t)
{
	return MIN((u64)RT_QUEUE_MAX, t->signal->rlim[RLIMIT_SIGPENDING].rlim_cur);
}

/* Real-time signals queue, one entry per send (POSIX; Linux: __send_signal). */
static int queue_rt_signal(struct sigpending *t, const siginfo_t *info, u64 limit)
{
	struct sigqueue *q;
	if ((u64)t->rt_queued >= limit || !(q = kmalloc(sizeof(*q), 0)))
		return -EAGAIN;
	q->info = *info;
	list_add_tail(&q->list, &t->rt_queue);
	t->rt_queued++;
	return 0;
}

/* Take the oldest queued instance of sig; false if none is left. */
static bool dequeue_rt(struct sigpending *t, int sig, siginfo_t *info)
{
	struct list_head *p;
	bool found = false, more = false;
	list_for_each(p, &t->rt_queue) {
		struct sigqueue *q = list_entry(p, struct sigqueue, list);
		if (q->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		*info = q->info;
		found = true;
	}
	if (found) {
		list_for_each(p, &t->rt_queue) {
			struct sigqueue *q = list_entry(p, struct sigqueue, list);
			if (q->info.si_signo == sig) {
				list_del(&q->list);
				kfree(q);
				t->rt_queued--;
				break;
			}
		}
	}
	if (!more)
		t->signal &= ~sigmask(sig);
	return found;
}

/*
 * Is the signal POSIX timer @id sent still queued in q (Linux: the timer's
 * own sigqueue is on a pending list)?  With @remove, take it off the queue
 * unseen (timer_delete and timer_settime: Linux 6.13 on drops such a
 * stale signal instead of delivering it).
 */
static bool is_timer_info(const siginfo_t *info, int id)
{
	return info->si_code == SI_TIMER && info->timer.tid == id;
}

bool timer_signal_queued(struct sigpending *q, int sig, int id, bool remove)
{
	struct list_head *p;
	bool found = false, others = false;

	if (!(q->signal & sigmask(sig)))
		return false;
	if (sig < SIGRTMIN) {
		found = is_timer_info(&q->info[sig - 1], id);
		if (found && remove)
			q->signal &= ~sigmask(sig);
		return found;
	}
	for (p = q->rt_queue.next; p != &q->rt_queue;) {
		struct sigqueue *e = list_entry(p, struct sigqueue, list);

		p = p->next;
		if (e->info.si_signo != sig)
			continue;
		if (found || !is_timer_info(&e->info, id)) {
			others = true;
			continue;
		}
		found = true;
		if (remove) {
			list_del(&e->list);
			kfree(e);
			q->rt_queued--;
		}
	}
	if (found && remove && !others)
		q->signal &= ~sigmask(sig);
	return found;
}

void flush_sigqueue(struct sigpending *t)
{
	while (!list_empty(&t->rt_queue)) {
		struct sigqueue *q = list_first_entry(&t->rt_queue, struct sigqueue, list);
		list_del(&q->list);
		kfree(q);
	}
	t->rt_queued = 0;
	t->signal = 0;
}

/* Drop every pending instance of sig from one queue (Linux: flush_sigqueue_mask). */
static void discard_pending(struct sigpending *q, int sig)
{
	siginfo_t drop;
	if (sig >= SIGRTMIN)
		while (q->signal & sigmask(sig))
			dequeue_rt(q, sig, &drop);
	q->signal &= ~sigmask(sig);
}

/* Make a thread notice a new signal: a stopped one only for SIGKILL (Linux: signal_wake_up). */
static void signal_wake_up(struct task_struct *t, bool fatal)
{
	if (fatal && t->state == TASK_STOPPED)
		t->state = TASK_INTERRUPTIBLE;
	if (signal_pending_task(t))
		wake_up_process_preempt(t);
}

#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

/* The parent process learns of a stop or continue; wait4 is woken. */
static void notify_parent_cldstop(struct task_struct *t, int why, int status)
{
	struct task_struct *p = t->group_leader->parent;
	siginfo_t info = { .si_signo = SIGCHLD, .si_code = why };
	info.chld.pid = t->tgid;
	info.chld.status = status;
	if (!(p->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_signal(p, SIGCHLD, &info);
	wake_up_parent(p);                  /* a wait4(WUNTRACED/WCONTINUED) */
}

/* SIGCONT resumes a stopped group whatever its handler, and cancels pending
 * stops; a stop signal cancels a pending SIGCONT (POSIX; Linux: prepare_signal). */
static void prepare_signal(struct task_struct *p, int sig)
{
	struct signal_struct *sg = p->signal;
	struct task_struct *t;
	if (sigmask(sig) & STOP_SIGNALS) {
		sg->shared_pending.signal &= ~sigmask(SIGCONT);
		for_each_thread(p, t)
			t->pending.signal &= ~sigmask(SIGCONT);
	}
	if (sig != SIGCONT)
		return;
	sg->shared_pending.signal &= ~STOP_SIGNALS;
	for_each_thread(p, t)
		t->pending.signal &= ~STOP_SIGNALS;
	if (sg->flags & SIGNAL_STOP_STOPPED) {
		sg->flags &= ~SIGNAL_STOP_STOPPED;
		sg->stop_sig = 0;
		sg->cont_to_report = true;
		for_each_thread(p, t) {
			if (t->state == TASK_STOPPED) {
				t->state = TASK_INTERRUPTIBLE;
				wake_up_process(t);
			}
		}
		notify_parent_cldstop(p, CLD_CONTINUED, SIGCONT);
	}
}

/* Would t take sig now? (Linux: wants_signal) */
static bool wants_signal(int sig, struct task_struct *t)
{
	if ((t->blocked & sigmask(sig)) || t->exiting)
		return false;
	return sig == SIGKILL || t->state != TASK_STOPPED;
}

/* Default action kills, and no handler is set (Linux: sig_fatal). */
static bool sig_fatal(struct task_struct *t, int sig)
{
	enum sig_default d = default_action(sig);
	return sig == SIGKILL ||
	       (t->sighand->action[sig - 1].handler == SIG_DFL && (d == SIG_DFL_TERM || d == SIG_DFL_CORE));
}

/* Every other thread of the group gets SIGKILL (Linux: zap_other_threads). */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	for_each_thread(p, t) {
		if (t == p || t->exiting)
			continue;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
}

/*
 * A signal was queued: wake a thread that will take it.  For a process-
 * directed signal that is the target if it does not block it, else any
 * thread that does not.  A fatal signal kills every thread at once
 * (Linux: complete_signal).
 */
static void complete_signal(struct task_struct *p, int sig, bool group)
{
	struct signal_struct *sg = p->signal;
	struct task_struct *t = p;
	if (!wants_signal(sig, p)) {
		if (!group)
			goto waiters;
		for_each_thread(p, t)
			if (wants_signal(sig, t))
				break;
		if (&t->thread_node == &sg->thread_head)
			goto waiters;
	}
	/* A "core" signal takes no shortcut: the thread that dequeues it must
	 * write the dump first (Linux complete_signal: !sig_kernel_coredump). */
	if (sig_fatal(t, sig) && default_action(sig) != SIG_DFL_CORE &&
	    !(sg->flags & SIGNAL_GROUP_EXIT) && !sg->group_exec_task) {
		sg->flags |= SIGNAL_GROUP_EXIT;
		sg->group_exit_code = sig;
		for_each_thread(p, t) {
			t->pending.signal |= sigmask(SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
	return;
waiters:	/* blocked everywhere: only an rt_sigtimedwait for it wakes */
	for_each_thread(p, t)
		if (t->waiting_set & sigmask(sig))
			wake_up_process(t);
}

static int __send_signal(struct task_struct *t, int sig, const siginfo_t *info, bool group)
{
	siginfo_t si = { .si_signo = sig, .si_code = SI_KERNEL };
	struct sigpending *q;
	if (!t || t->state == TASK_DEAD || !t->signal)
		return -ESRCH;
	if (t->state == TASK_ZOMBIE && (!group || !t->signal->live))
		return 0;                  /* Linux: a zombie still exists, nothing happens */
	prepare_signal(t, sig);
	/* An ignored signal is dropped at once, unless blocked (it may be unignored later). */
	if (sig_ignored(t, sig) && !(t->blocked & sigmask(sig)))
		return 0;
	q = group ? &t->signal->shared_pending : &t->pending;
	if (sig >= SIGRTMIN) {
		/* Over the limit, a queued signal (sigqueue, tgkill) fails; kill()'s
		 * SI_USER and the kernel's own are still sent, their info lost
		 * (Linux __send_signal_locked: TRACE_SIGNAL_LOSE_INFO). */
		if (queue_rt_signal(q, info ? info : &si, rt_queue_limit(t)) && info && info->si_code != SI_USER)
			return -EAGAIN;
	} else if (!(q->signal & sigmask(sig))) {  /* standard signals do not queue */
		q->info[sig - 1] = info ? *info : si;
	}
	q->signal |= sigmask(sig);
	complete_signal(t, sig, group);
	return 0;
}

/* To the process t belongs to (kill, timers, SIGCHLD). */
int send_signal(struct task_struct *t, int sig, const siginfo_t *info)
{
	return __send_signal(t, sig, info, true);
}

/* To thread t alone (tgkill, faults). */
int send_signal_thread(struct task_struct *t, int sig, const siginfo_t *info)
{
	return __send_signal(t, sig, info, false);
}

void force_sig_fault(int sig, int code, u64 addr)
{
	struct k_sigaction *ka = &current->sighand->action[sig - 1];
	siginfo_t info = { .si_signo = sig, .si_code = code };
	info.fault.addr = addr;
	if (ka->handler == SIG_IGN || (current->blocked & sigmask(sig))) {
		ka->handler = SIG_DFL;
		current->blocked &= ~sigmask(sig);
	}
	if (ka->handler == SIG_DFL)
		current->signal->flags &= ~SIGNAL_UNKILLABLE;   /* even init dies of its own fault */
	current->pending.signal &= ~sigmask(sig);         /* this fault's info wins */
	send_signal_thread(current, sig, &info);
}

/* ---------------------------------------------------------------- altstack */
bool on_sig_stack(u64 sp)
{
	stack_t *ss = &current->sas;
	if (ss->ss_flags & SS_AUTODISARM)
		return false;
	return ss->ss_size && sp > ss->ss_sp && sp - ss->ss_sp <= ss->ss_size;
}

/* SS_DISABLE if there is no altstack, SS_ONSTACK if we run on it (Linux: sas_ss_flags). */
int sas_ss_flags(u64 sp)
{
	if (!current->sas.ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

void sas_ss_reset(void)
{
	current->sas.ss_sp = 0;
	current->sas.ss_size = 0;
	current->sas.ss_flags = SS_DISABLE;
}

/*
 * sigaltstack's rules (Linux: do_sigaltstack), also used by rt_sigreturn to
 * re-apply the frame's uc_stack.  The registered flags are kept as given,
 * and reported back with SS_ONSTACK / SS_DISABLE worked out from sp.
 */
int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp)
{
	if (oss) {
		*oss = current->sas;
		oss->ss_flags = sas_ss_flags(sp) | (current->sas.ss_flags & SS_AUTODISARM);
	}
	if (ss) {
		u32 mode = (u32)ss->ss_flags & ~(u32)SS_AUTODISARM;
		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode != SS_DISABLE && ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		current->sas.ss_sp = mode == SS_DISABLE ? 0 : ss->ss_sp;
		current->sas.ss_size = mode == SS_DISABLE ? 0 : ss->ss_size;
		current->sas.ss_flags = ss->ss_flags;
	}
	return 0;
}

/* ---------------------------------------------------------------- delivery */
/* Take the lowest pending signal of q in mask (fault signals first). */
static int dequeue_queue(struct sigpending *q, sigset_t mask, siginfo_t *info)
{
	sigset_t ready = q->signal & mask;
	sigset_t sync = ready & SYNCHRONOUS_MASK;
	int sig;
	if (q->signal & sigmask(SIGKILL))
		ready = sigmask(SIGKILL);
	else if (sync)
		ready = sync;
	if (!ready)
		return 0;
	sig = __builtin_ctzl(ready) + 1;
	if (sig >= SIGRTMIN) {
		if (!dequeue_rt(q, sig, info))	/* sent without a queue entry (Linux collect_signal) */
			*info = (siginfo_t){ .si_signo = sig, .si_code = SI_USER };
	} else {
		q->signal &= ~sigmask(sig);
		*info = q->info[sig - 1];
	}
	if (info->si_code == SI_TIMER)
		posixtimer_dequeued(info);	/* Linux dequeue_signal: posixtimer_rearm */
	return sig;
}

/* The thread's own signals first, then the process's (Linux: dequeue_signal). */
static int dequeue_from(sigset_t mask, siginfo_t *info)
{
	int sig = dequeue_queue(&current->pending, mask, info);
	return sig ? sig : dequeue_queue(&current->signal->shared_pending, mask, info);
}

static int dequeue_signal(siginfo_t *info) { return dequeue_from(~current->blocked, info); }

/* This thread stays stopped while its group is (SIGCONT or SIGKILL end it). */
static void join_group_stop(void)
{
	u64 flags = local_irq_save();
	while ((current->signal->flags & SIGNAL_STOP_STOPPED) &&
	       !(current->pending.signal & sigmask(SIGKILL))) {
		current->state = TASK_STOPPED;
		schedule();
	}
	current->state = TASK_RUNNING;
	local_irq_restore(flags);
}

/* Stop the whole group until SIGCONT (or SIGKILL); the parent learns through
 * SIGCHLD CLD_STOPPED and wait4(WUNTRACED) (Linux: do_signal_stop; the
 * other threads join the stop on their way to user mode). */
static void do_signal_stop(int sig)
{
	struct signal_struct *sg = current->signal;
	struct task_struct *t;
	if (sg->flags & SIGNAL_GROUP_EXIT)
		return;
	sg->flags |= SIGNAL_STOP_STOPPED;
	sg->stop_sig = sig;
	sg->stop_reported = false;
	for_each_thread(current, t)
		if (t != current)
			signal_wake_up(t, false);
	notify_parent_cldstop(current, CLD_STOPPED, sig);
	join_group_stop();
}

static void do_default_action(int sig)
{
	switch (default_action(sig)) {
	case SIG_DFL_IGN:
	case SIG_DFL_CONT:
		return;
	case SIG_DFL_STOP:
		do_signal_stop(sig);
		return;
	case SIG_DFL_CORE:
		/* Linux get_signal: do_coredump, then WCOREDUMP only if a core was written (docs/linux-abi.md §0.1) */
		do_group_exit(sig | (do_coredump(sig) ? WCOREFLAG : 0));
	default:
		do_group_exit(sig);   /* wait status = the signal number */
	}
}

/*
 * The next signal that needs a handler run, in ksig; ignored signals and
 * default actions (stop, terminate) are dealt with here (Linux: get_signal).
 */
bool get_signal(struct ksignal *ksig)
{
	int sig;
	if (current->signal->flags & SIGNAL_STOP_STOPPED)
		join_group_stop();
	if ((current->signal->flags & SIGNAL_GROUP_EXIT) || (current->pending.signal & sigmask(SIGKILL)))
		do_group_exit(SIGKILL);     /* the group is dying: this thread too */
	while ((sig = dequeue_signal(&ksig->info))) {
		struct k_sigaction *ka = &current->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			do_default_action(sig);
			continue;
		}
		ksig->sig = sig;
		ksig->ka = ka;
		return true;
	}
	return false;
}

/* The mask the handler's frame records, to be restored by rt_sigreturn
 * (Linux: sigmask_to_save): sigsuspend's saved mask if one is pending. */
sigset_t sigmask_to_save(void)
{
	return current->restore_sigmask ? current->saved_sigmask : current->blocked;
}

/* The frame is written: block what the handler's sa_mask asks for
 * (Linux: signal_delivered). */
void signal_delivered(struct ksignal *ksig, sigset_t oldmask)
{
	struct k_sigaction *ka = ksig->ka;
	current->restore_sigmask = false;
	current->blocked = oldmask | ka->mask;
	if (!(ka->flags & SA_NODEFER))
		current->blocked |= sigmask(ksig->sig);
	current->blocked &= ~SIG_KERNEL_ONLY_MASK;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
}

/*
 * ppoll, pselect6 and epoll_pwait: the caller's mask is in force while the
 * call waits (Linux set_user_sigmask).  A signal it lets through runs its
 * handler with that mask, and the old one comes back after (the sigsuspend
 * path: saved_sigmask); without a signal the old mask comes back at once
 * (restore_sigmask_unless_eintr, Linux restore_saved_sigmask_unless).
 * A NULL mask changes nothing.
 */
/* set is in force until the call returns to user mode; then the old mask
 * comes back, after a handler's frame has saved it (sigmask_to_save). */
static void set_temporary_sigmask(sigset_t set)
{
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = set & ~SIG_KERNEL_ONLY_MASK;
}

int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize)
{
	sigset_t set;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	set_temporary_sigmask(set);
	return 0;
}

long restore_sigmask_unless_eintr(long ret)
{
	if (ret != -EINTR)
		restore_saved_sigmask();
	return ret;
}

/* No handler ran: sigsuspend's mask goes back (Linux: restore_saved_sigmask). */
void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		current->blocked = current->saved_sigmask;
	}
}

/*
 * The last stop before user mode, after every syscall, trap and interrupt
 * from user mode: reschedule and deliver signals until neither is due
 * (Linux: kernel/entry/common.c exit_to_user_mode_loop).
 */
static void exit_to_user_mode_loop(struct pt_regs *regs, bool in_syscall)
{
	local_irq_disable();
	while ((need_resched && should_resched()) || signal_pending_task(current)) {
		local_irq_enable();
		if (should_resched())
			schedule();
		if (signal_pending()) {
			arch_do_signal_or_restart(regs, in_syscall);
			in_syscall = false;
		}
		local_irq_disable();
	}
	touch_softlockup_watchdog();	/* back to user mode: not a lockup */
	/* Interrupted, but the signal went away (ignored meanwhile): restart;
	 * or sigsuspend's mask is still to come back.  After almost every call
	 * neither holds, and this test is all a null syscall pays here (Linux
	 * looks at its thread-info work flags once: exit_to_user_mode_prepare). */
	if (in_syscall && ((long)regs->rax == -ERESTARTSYS || (long)regs->rax == -ERESTARTNOHAND ||
			   current->restore_sigmask))
		arch_do_signal_or_restart(regs, true);
	/* Linux resume_user_mode_work, after the signals: a preempted restartable
	 * sequence restarts.  It writes user memory, which may fault and sleep,
	 * so interrupts are on meanwhile (work it leaves waits for the next entry). */
	if (current->rseq && current->rseq_event) {
		local_irq_enable();
		rseq_handle_notify_resume(regs);
		local_irq_disable();
	}
}

void exit_to_user_mode(struct pt_regs *regs) { exit_to_user_mode_loop(regs, false); }
void syscall_exit_to_user_mode(struct pt_regs *regs) { exit_to_user_mode_loop(regs, true); }

/* ---------------------------------------------------------------- syscalls */
static bool valid_sig(int sig) { return sig >= 1 && sig <= _NSIG; }
/* 0 (the existence probe) to _NSIG; unsigned, so a negative sig fails (Linux: valid_signal). */
static bool valid_signal(unsigned long sig) { return sig <= _NSIG; }

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction __user *, act, struct sigaction __user *, oact,
		size_t, sigsetsize)
{
	struct k_sigaction ka;
	struct sigaction sa;
	if (sigsetsize != sizeof(sigset_t) || !valid_sig(sig))
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	ka = current->sighand->action[sig - 1];
	sa = (struct sigaction){ ka.handler, ka.flags, ka.restorer, ka.mask };
	if (oact && copy_to_user(oact, &sa, sizeof(sa)))
		return -EFAULT;
	if (!act)
		return 0;
	if (copy_from_user(&sa, act, sizeof(sa)))
		return -EFAULT;
	ka = (struct k_sigaction){ sa.sa_handler, sa.sa_flags, sa.sa_restorer, sa.sa_mask };
	ka.mask &= ~SIG_KERNEL_ONLY_MASK;
	current->sighand->action[sig - 1] = ka;
	if (sig_ignored(current, sig)) {    /* POSIX: setting SIG_IGN discards a pending one */
		struct task_struct *t;
		discard_pending(&current->signal->shared_pending, sig);
		for_each_thread(current, t)
			discard_pending(&t->pending, sig);
	}
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, sigset_t __user *, nset, sigset_t __user *, oset, size_t, sigsetsize)
{
	sigset_t set, old = current->blocked;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: current->blocked |= set; break;
		case SIG_UNBLOCK: current->blocked &= ~set; break;
		case SIG_SETMASK: current->blocked = set; break;
		default: return -EINVAL;
		}
		current->blocked &= ~SIG_KERNEL_ONLY_MASK;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t p = (current->pending.signal | current->signal->shared_pending.signal) & current->blocked;
	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &p, sigsetsize) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(rt_sigsuspend, sigset_t __user *, unewset, size_t, sigsetsize)
{
	sigset_t set;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, unewset, sizeof(set)))
		return -EFAULT;
	set_temporary_sigmask(set);
	while (!signal_pending())
		sleep_on(NULL);
	return -EINTR;
}

SYSCALL_DEFINE0(pause)
{
	while (!signal_pending())
		sleep_on(NULL);
	return -EINTR;
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	stack_t ss, old;
	int err;
	if (uss && copy_from_user(&ss, uss, sizeof(ss)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &ss : NULL, &old, current_pt_regs()->rsp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* Linux send_sig(sig, t, 0): from the kernel on current's behalf, as if by
 * kill() (SI_USER, current's pid and uid), to that one thread. */
int send_sig(int sig, struct task_struct *t)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };
	info.kill.pid = current->tgid;
	info.kill.uid = current_uid();
	return send_signal_thread(t, sig, &info);
}

static long kill_task(struct task_struct *t, int sig, int code)
{
	siginfo_t info = { .si_signo = sig, .si_code = code };
	int err;
	if (!t)
		return -ESRCH;
	if ((err = check_kill_permission(sig, t)))	/* kernel/cred.c; also for signal 0 */
		return err;
	if (!sig)
		return 0;
	info.kill.pid = current->tgid;
	info.kill.uid = current_uid();
	return code == SI_TKILL ? send_signal_thread(t, sig, &info) : send_signal(t, sig, &info);
}

/*
 * Signal every process in pgrp (or, for pgrp -1, every process but init and
 * the caller: Linux's kill(-1, sig)).  -ESRCH if there was none.  A zombie
 * not yet reaped counts: it is still in its group (Linux detaches its pid
 * only in release_task), the signal does nothing to it, and so
 * kill(-pgrp, 0) says the group exists while its last process is a zombie.  Linux's
 * answers differ: a process group's kill succeeds if one process got the
 * signal, else it is the last error (__kill_pgrp_info); kill(-1) skips the
 * processes it may not signal (EPERM), so it is 0 even if all refused, and
 * only another error is reported (kill_something_info).
 */
static long kill_group(int pgrp, int sig)
{
	struct list_head *p;
	long ret = -ESRCH, err;
	bool found = false, success = false;

	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		bool match;

		if (!t->pid || !thread_group_leader(t) || t->state == TASK_DEAD || !t->signal)
			continue;
		match = pgrp == -1 ? (t->tgid > 1 && t->signal != current->signal) : t->signal->pgrp == pgrp;
		if (!match)
			continue;
		err = kill_task(t, sig, SI_USER);
		if (pgrp == -1) {
			if (!found || err != -EPERM)
				ret = err == -EPERM ? 0 : err;
		} else {
			ret = err;
		}
		found = true;
		success |= !err;
	}
	return pgrp != -1 && success ? 0 : ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (pid > 0)
		return kill_task(find_process_of_tid(pid), sig, SI_USER);
	if (pid == 0)
		return kill_group(current->signal->pgrp, sig);
	if (pid == -1)
		return kill_group(-1, sig);
	return kill_group(-pid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	struct task_struct *t = find_task(pid);
	if (pid <= 0 || tgid <= 0 || !valid_signal(sig))
		return -EINVAL;
	if (!t || t->tgid != tgid)
		return -ESRCH;
	return kill_task(t, sig, SI_TKILL);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0 || !valid_signal(sig))
		return -EINVAL;
	return kill_task(find_task(pid), sig, SI_TKILL);
}

/* rt_sigqueueinfo: send with a caller-made siginfo.  Only the kernel may
 * claim si_code >= 0 for another process (Linux: EPERM). */
SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, siginfo_t __user *, uinfo)
{
	siginfo_t info;
	struct task_struct *t = find_process_of_tid(pid);
	if (!valid_sig(sig))
		return -EINVAL;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if (info.si_code >= 0 && t != current->group_leader)
		return -EPERM;
	if (!t)
		return -ESRCH;
	info.si_signo = sig;
	return send_signal(t, sig, &info);
}

/* The same for one thread of a process (Linux: do_rt_tgsigqueueinfo; a
 * kernel-style or tkill si_code only for the caller's own threads). */
SYSCALL_DEFINE4(rt_tgsigqueueinfo, pid_t, tgid, pid_t, pid, int, sig, siginfo_t __user *, uinfo)
{
	siginfo_t info;
	struct task_struct *t = find_task(pid);
	if (pid <= 0 || tgid <= 0 || !valid_sig(sig))
		return -EINVAL;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && tgid != current->tgid)
		return -EPERM;
	if (!t || t->tgid != tgid)
		return -ESRCH;
	info.si_signo = sig;
	return send_signal_thread(t, sig, &info);
}

/* rt_sigtimedwait: take a signal of set synchronously, even if blocked. */
SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese, siginfo_t __user *, uinfo,
		const struct timespec __user *, uts, size_t, sigsetsize)
{
	sigset_t set;
	siginfo_t info;
	struct timespec ts;
	u64 deadline = 0;
	int sig;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uthese, sizeof(set)))
		return -EFAULT;
	set &= ~SIG_KERNEL_ONLY_MASK;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (!timespec_valid(ts))
			return -EINVAL;
		deadline = ktime_get_ns() + timespec_to_ns(ts);
	}
	for (;;) {
		/* A pending SIGKILL is never "taken": the task dies on its way out. */
		if (current->pending.signal & sigmask(SIGKILL))
			return -EINTR;
		if ((sig = dequeue_from(set, &info)))
			break;
		if (uts && ktime_get_ns() >= deadline)
			return -EAGAIN;
		if (signal_pending())
			return -EINTR;        /* another, deliverable signal arrived */
		current->wake_at_ns = uts ? deadline : 0;
		sleep_on_waitset(set);
	}
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

/* ---------------------------------------------------------------- for signalfd */
/* Take a pending signal of mask, as delivery would, but hand it to the caller
 * (fs/signalfd.c; Linux: dequeue_signal).  SIGKILL and SIGSTOP are never taken. */
int dequeue_signal_mask(sigset_t mask, siginfo_t *info)
{
	return dequeue_from(mask & ~SIG_KERNEL_ONLY_MASK, info);
}

/* What is pending for the calling thread: its own and its process's. */
sigset_t current_pending(void)
{
	return current->pending.signal | current->signal->shared_pending.signal;
}

/*
 * Signal every process of process group pgrp from the kernel: a terminal's
 * ^C, ^\ and ^Z, SIGWINCH, SIGTTIN/SIGTTOU, SIGHUP (drivers/tty/).  priv:
 * si_code SI_KERNEL, no permission check; otherwise as kill() from current.
 * -ESRCH if the group has no process, zombies counted as in kill_group (Linux: kill_pgrp).
 */
int kill_pgrp(int pgrp, int sig, int priv)
{
	struct list_head *p;
	int ret = -ESRCH;
	bool success = false;
	if (pgrp <= 0)
		return -ESRCH;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };
		if (!t->pid || !thread_group_leader(t) || t->state == TASK_DEAD || !t->signal ||
		    t->signal->pgrp != pgrp)
			continue;
		ret = priv ? send_signal(t, sig, &info) : kill_task(t, sig, SI_USER);
		success |= !ret;
	}
	return success ? 0 : ret;	/* Linux __kill_pgrp_info: one delivery is success */
}
