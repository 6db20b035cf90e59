/*
 * kernel/signal.c - signals: sending, the rt_sigframe, delivery on the way
 * back to user mode, and rt_sigreturn (Linux: kernel/signal.c,
 * arch/x86/kernel/signal.c, signal_64.c).  linux-abi.md §4-§6 is the spec.
 *
 * The frame, byte-compatible with Linux x86-64 (offsets from the handler's rsp):
 *   0    pretcode = sa_restorer (the handler's return address)
 *   8    struct ucontext: uc_flags, uc_link, uc_stack, uc_mcontext (sigcontext,
 *        256 bytes: gregs, err, trapno, oldmask, cr2, fpstate pointer), uc_sigmask
 *   312  siginfo (128 bytes)
 *   440  end; the 512-byte fxsave image sits above, 64-byte aligned.
 * Placement: below the red zone (rsp - 128), or at the top of the altstack
 * with SA_ONSTACK; fpstate = round_down(sp - 512, 64);
 * frame = round_down(fpstate - 440, 16) - 8, so rsp = 8 mod 16 at entry.
 *
 * Faults use force_sig_fault(): a fault signal that is blocked or ignored
 * cannot be deferred (the instruction would fault again), so it is unblocked
 * and reset to SIG_DFL, which kills (Linux: force_sig_info_to_task).
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <asm/traps.h>
#include <uaccess.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <asm/processor.h>
#include <asm/sighandling.h>
#include <time.h>
#include <mm.h>

#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define RED_ZONE 128
#define FPSTATE_SIZE 512              /* fxsave image: this kernel does not enable XSAVE */
#define FPSTATE_ALIGN 64
#define FRAME_SIZE 440
#define FXSAVE_MXCSR 24
#define FXSAVE_MXCSR_MASK 28
/* Signals raised by the faulting instruction itself go first (Linux: SYNCHRONOUS_MASK). */
#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
			  sigmask(SIGFPE) | sigmask(SIGSYS))

struct sigcontext {
	u64 r8, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2, fpstate;
	u64 reserved1[8];
};
struct ucontext {
	u64 uc_flags, uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};
struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	siginfo_t info;
};
_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(sizeof(struct rt_sigframe) == FRAME_SIZE, "rt_sigframe is 440 bytes");

static u32 mxcsr_mask = 0xffbf;

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
	u64 h = t->sighand[sig - 1].handler;
	if (sig == SIGKILL || sig == SIGSTOP)
		return false;
	return h == SIG_IGN || (h == SIG_DFL && default_action(sig) == SIG_DFL_IGN);
}

bool signal_pending(void) { return signal_pending_task(current); }

struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

/* Real-time signals queue, one entry per send (POSIX; Linux: __send_signal). */
static int queue_rt_signal(struct task_struct *t, const siginfo_t *info)
{
	struct sigqueue *q;
	if (t->rt_queued >= RT_QUEUE_MAX || !(q = kmalloc(sizeof(*q), 0)))
		return -EAGAIN;
	q->info = *info;
	list_add_tail(&q->list, &t->rt_queue);
	t->rt_queued++;
	return 0;
}

/* Take the oldest queued instance of sig; false if none is left. */
static bool dequeue_rt(struct task_struct *t, int sig, siginfo_t *info)
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
		t->pending &= ~sigmask(sig);
	return found;
}

void flush_signal_queue(struct task_struct *t)
{
	while (!list_empty(&t->rt_queue)) {
		struct sigqueue *q = list_first_entry(&t->rt_queue, struct sigqueue, list);
		list_del(&q->list);
		kfree(q);
	}
	t->rt_queued = 0;
}

#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

static void notify_parent_cldstop(struct task_struct *t, int why, int status)
{
	struct task_struct *p = t->parent;
	siginfo_t info = { .si_signo = SIGCHLD, .si_code = why };
	info.chld.pid = t->pid;
	info.chld.status = status;
	if (!(p->sighand[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_signal(p, SIGCHLD, &info);
	wake_up_process(p);                 /* a wait4(WUNTRACED/WCONTINUED) */
}

/* SIGCONT resumes a stopped task whatever its handler, and cancels pending
 * stops; a stop signal cancels a pending SIGCONT (POSIX; Linux: prepare_signal). */
static void prepare_signal(struct task_struct *t, int sig)
{
	if (sigmask(sig) & STOP_SIGNALS)
		t->pending &= ~sigmask(SIGCONT);
	if (sig != SIGCONT)
		return;
	t->pending &= ~STOP_SIGNALS;
	if (t->state == TASK_STOPPED) {
		t->stop_sig = 0;
		t->cont_to_report = true;
		t->state = TASK_INTERRUPTIBLE;
		wake_up_process(t);
		notify_parent_cldstop(t, CLD_CONTINUED, SIGCONT);
	}
}

int send_signal(struct task_struct *t, int sig, const siginfo_t *info)
{
	siginfo_t si = { .si_signo = sig, .si_code = SI_KERNEL };
	if (!t || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return -ESRCH;
	prepare_signal(t, sig);
	if (sig == SIGKILL && t->state == TASK_STOPPED) {
		t->state = TASK_INTERRUPTIBLE;     /* SIGKILL ends a stop: wake it to die */
		wake_up_process(t);
	}
	/* An ignored signal is dropped at once, unless blocked (it may be unignored later). */
	if (sig_ignored(t, sig) && !(t->blocked & sigmask(sig)))
		return 0;
	if (sig >= SIGRTMIN) {
		if (queue_rt_signal(t, info ? info : &si))
			return -EAGAIN;
	} else if (!(t->pending & sigmask(sig))) {  /* standard signals do not queue */
		t->siginfo[sig - 1] = info ? *info : si;
	}
	t->pending |= sigmask(sig);
	if (signal_pending_task(t))
		wake_up_process_preempt(t);
	else if (t->waiting_set & sigmask(sig))
		wake_up_process(t);
	return 0;
}

void force_sig_fault(int sig, int code, u64 addr)
{
	struct k_sigaction *ka = &current->sighand[sig - 1];
	siginfo_t info = { .si_signo = sig, .si_code = code };
	info.fault.addr = addr;
	if (ka->handler == SIG_IGN || (current->blocked & sigmask(sig))) {
		ka->handler = SIG_DFL;
		current->blocked &= ~sigmask(sig);
	}
	current->pending &= ~sigmask(sig);         /* this fault's info wins */
	send_signal(current, sig, &info);
}

/* ---------------------------------------------------------------- frames */
static bool on_sig_stack(u64 sp)
{
	stack_t *ss = &current->sas;
	if (ss->ss_flags & SS_AUTODISARM)
		return false;
	return ss->ss_size && sp > ss->ss_sp && sp - ss->ss_sp <= ss->ss_size;
}

/* SS_DISABLE if there is no altstack, SS_ONSTACK if we run on it (Linux: sas_ss_flags). */
static int sas_ss_flags(u64 sp)
{
	if (!current->sas.ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

static void sas_ss_reset(void)
{
	current->sas.ss_sp = 0;
	current->sas.ss_size = 0;
	current->sas.ss_flags = SS_DISABLE;
}

static u64 frame_sp(struct pt_regs *regs, struct k_sigaction *ka)
{
	u64 sp = regs->rsp - RED_ZONE;
	if ((ka->flags & SA_ONSTACK) && sas_ss_flags(regs->rsp) == 0)
		sp = current->sas.ss_sp + current->sas.ss_size;
	return sp;
}

/*
 * sigaltstack's rules (Linux: do_sigaltstack), also used by rt_sigreturn to
 * re-apply the frame's uc_stack.  The registered flags are kept as given,
 * and reported back with SS_ONSTACK / SS_DISABLE worked out from sp.
 */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp)
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

static void fill_sigcontext(struct sigcontext *sc, struct pt_regs *regs, sigset_t oldmask, u64 fp)
{
	*sc = (struct sigcontext){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.rdi = regs->rdi, .rsi = regs->rsi, .rbp = regs->rbp, .rbx = regs->rbx,
		.rdx = regs->rdx, .rax = regs->rax, .rcx = regs->rcx, .rsp = regs->rsp,
		.rip = regs->rip, .eflags = regs->eflags,
		.cs = regs->cs, .ss = regs->ss,
		.err = current->thread.error_code, .trapno = current->thread.trap_nr,
		.oldmask = oldmask, .cr2 = current->thread.cr2, .fpstate = fp,
	};
}

static int setup_rt_frame(int sig, struct k_sigaction *ka, siginfo_t *info, sigset_t oldmask,
			  struct pt_regs *regs)
{
	u64 sp = frame_sp(regs, ka);
	u64 fp = ALIGN_DOWN(sp - FPSTATE_SIZE, FPSTATE_ALIGN);
	u64 fa = ALIGN_DOWN(fp - FRAME_SIZE, 16) - 8;
	struct rt_sigframe f;
	struct fpu_state fpu;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;                      /* linux-abi §0.9: no restorer, no delivery */
	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack = current->sas;          /* as registered (Linux: __save_altstack) */
	fill_sigcontext(&f.uc.uc_mcontext, regs, oldmask, fp);
	f.uc.uc_sigmask = oldmask;
	f.info = *info;
	fpu_save(&fpu);
	if (copy_to_user((void *)fp, &fpu, FPSTATE_SIZE) || copy_to_user((void *)fa, &f, sizeof(f)))
		return -EFAULT;
	/* The handler starts with a clean FPU: default control word and MXCSR,
	 * no pending exceptions (Linux: fpu__clear_user_states). */
	fpu_init_state(&fpu);
	fpu_restore(&fpu);
	if (current->sas.ss_flags & SS_AUTODISARM)
		sas_ss_reset();                     /* disarmed; sigreturn re-arms it from uc_stack */
	regs->rsp = fa;
	regs->rip = ka->handler;
	regs->rdi = sig;
	regs->rsi = fa + offsetof(struct rt_sigframe, info);
	regs->rdx = fa + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	signal_clear_eflags(regs);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	return 0;
}

/* ---------------------------------------------------------------- delivery */
/* Take the lowest pending signal in mask (fault signals first). */
static int dequeue_from(sigset_t mask, siginfo_t *info)
{
	sigset_t ready = current->pending & mask;
	sigset_t sync = ready & SYNCHRONOUS_MASK;
	int sig;
	if (current->pending & sigmask(SIGKILL))
		ready = sigmask(SIGKILL);
	else if (sync)
		ready = sync;
	if (!ready)
		return 0;
	sig = __builtin_ctzl(ready) + 1;
	if (sig >= SIGRTMIN) {
		dequeue_rt(current, sig, info);
		return sig;
	}
	current->pending &= ~sigmask(sig);
	*info = current->siginfo[sig - 1];
	return sig;
}

static int dequeue_signal(siginfo_t *info) { return dequeue_from(~current->blocked, info); }

static void handle_restart(struct pt_regs *regs, struct k_sigaction *ka, bool has_handler)
{
	if ((long)regs->rax != -ERESTARTSYS)
		return;
	if (has_handler && !(ka->flags & SA_RESTART)) {
		regs->rax = -EINTR;
		return;
	}
	regs->rax = regs->orig_rax;               /* re-issue the syscall instruction */
	regs->rip -= 2;
}

static void handle_signal(int sig, siginfo_t *info, struct pt_regs *regs)
{
	struct k_sigaction *ka = &current->sighand[sig - 1];
	sigset_t oldmask = current->restore_sigmask ? current->saved_sigmask : current->blocked;
	if (setup_rt_frame(sig, ka, info, oldmask, regs)) {
		/* The frame cannot be written: the task dies of SIGSEGV (Linux: signal_setup_done). */
		do_exit(SIGSEGV);
	}
	current->restore_sigmask = false;
	current->blocked = oldmask | ka->mask;
	if (!(ka->flags & SA_NODEFER))
		current->blocked |= sigmask(sig);
	current->blocked &= ~SIG_KERNEL_ONLY_MASK;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
}

/* Stop until SIGCONT (or SIGKILL); the parent learns through SIGCHLD
 * CLD_STOPPED and wait4(WUNTRACED) (Linux: do_signal_stop). */
static void do_signal_stop(int sig)
{
	u64 flags = local_irq_save();
	current->stop_sig = sig;
	current->stop_reported = false;
	current->state = TASK_STOPPED;
	notify_parent_cldstop(current, CLD_STOPPED, sig);
	while (current->state == TASK_STOPPED)
		schedule();
	local_irq_restore(flags);
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
	default:
		do_exit(sig);       /* wait status = signal; never a core flag (linux-abi §0.1) */
	}
}

static void do_signal(struct pt_regs *regs, bool in_syscall)
{
	siginfo_t info;
	int sig;
	while ((sig = dequeue_signal(&info))) {
		struct k_sigaction *ka = &current->sighand[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			do_default_action(sig);
			continue;
		}
		if (in_syscall)
			handle_restart(regs, ka, true);
		in_syscall = false;
		handle_signal(sig, &info, regs);
	}
	if (in_syscall)
		handle_restart(regs, NULL, false);
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		current->blocked = current->saved_sigmask;
	}
}

static void exit_to_user_mode_loop(struct pt_regs *regs, bool in_syscall)
{
	local_irq_disable();
	while (should_resched() || signal_pending()) {
		local_irq_enable();
		if (should_resched())
			schedule();
		if (signal_pending()) {
			do_signal(regs, in_syscall);
			in_syscall = false;
		}
		local_irq_disable();
	}
	/* Interrupted, but the signal went away (ignored meanwhile): restart. */
	if (in_syscall)
		handle_restart(regs, NULL, false);
}

void exit_to_user_mode(struct pt_regs *regs) { exit_to_user_mode_loop(regs, false); }
void syscall_exit_to_user_mode(struct pt_regs *regs) { exit_to_user_mode_loop(regs, true); }

/* ---------------------------------------------------------------- rt_sigreturn */
static bool canonical(u64 a) { return (u64)((s64)(a << 16) >> 16) == a; }

static void restore_fpu(u64 ufp)
{
	struct fpu_state fpu;
	if (!ufp) {
		fpu_init_state(&fpu);
	} else if ((ufp & 15) || copy_from_user(&fpu, (void *)ufp, FPSTATE_SIZE)) {
		do_exit(SIGSEGV);
	}
	*(u32 *)(fpu.fxsave + FXSAVE_MXCSR) &= mxcsr_mask;   /* reserved bits would #GP */
	fpu_restore(&fpu);
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	u64 fa = regs->rsp - 8;          /* the handler's ret popped pretcode */
	struct rt_sigframe f;
	struct sigcontext *sc = &f.uc.uc_mcontext;

	if (copy_from_user(&f, (void *)fa, sizeof(f))) {
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return regs->rax;
	}
	current->blocked = f.uc.uc_sigmask & ~SIG_KERNEL_ONLY_MASK;
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rcx = sc->rcx; regs->rsp = sc->rsp; regs->rip = sc->rip;
	regs->eflags = sigreturn_eflags(regs->eflags, sc->eflags);
	regs->orig_rax = -1;             /* never restart the interrupted syscall */
	restore_fpu(sc->fpstate);
	/* Re-apply the saved altstack (it may have been auto-disarmed); errors are
	 * ignored, as Linux's restore_altstack() does. */
	do_sigaltstack(&f.uc.uc_stack, NULL, regs->rsp);
	/* Ring 0 cannot be forged: CS and SS get RPL 3 (Linux ORs 3 in).  A
	 * selector that is not a user segment would fault on IRET; Linux reports
	 * that as #GP with the selector as error code, and so do we. */
	if (((sc->cs | 3) != __USER_CS && (sc->cs | 3) != __USER32_CS) || (sc->ss | 3) != __USER_DS) {
		sigreturn_gp(&current->thread, sc->cs & ~3);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	} else if (!canonical(regs->rip)) {
		sigreturn_gp(&current->thread, 0);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		regs->rip = 0;
	}
	return sc->rax;
}

void signal_init(void)
{
	struct fpu_state f;
	u32 mask;
	fpu_save(&f);
	mask = *(u32 *)(f.fxsave + FXSAVE_MXCSR_MASK);
	if (mask)
		mxcsr_mask = mask;
}

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
	ka = current->sighand[sig - 1];
	sa = (struct sigaction){ ka.handler, ka.flags, ka.restorer, ka.mask };
	if (oact && copy_to_user(oact, &sa, sizeof(sa)))
		return -EFAULT;
	if (!act)
		return 0;
	if (copy_from_user(&sa, act, sizeof(sa)))
		return -EFAULT;
	ka = (struct k_sigaction){ sa.sa_handler, sa.sa_flags, sa.sa_restorer, sa.sa_mask };
	ka.mask &= ~SIG_KERNEL_ONLY_MASK;
	current->sighand[sig - 1] = ka;
	if (sig_ignored(current, sig)) {    /* POSIX: setting SIG_IGN discards a pending one */
		siginfo_t drop;
		if (sig >= SIGRTMIN)
			while (current->pending & sigmask(sig))
				dequeue_rt(current, sig, &drop);
		current->pending &= ~sigmask(sig);
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
	sigset_t p = current->pending & current->blocked;
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
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = set & ~SIG_KERNEL_ONLY_MASK;
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

static long kill_task(struct task_struct *t, int sig, int code)
{
	siginfo_t info = { .si_signo = sig, .si_code = code };
	if (!t)
		return -ESRCH;
	if (!sig)
		return 0;
	info.kill.pid = current->pid;
	info.kill.uid = 0;
	return send_signal(t, sig, &info);
}

/* Signal every live task in pgrp (or, for pgrp -1, every task but init and
 * the caller: Linux's kill(-1, sig)).  -ESRCH if there was none. */
static long kill_group(int pgrp, int sig)
{
	struct list_head *p;
	long ret = -ESRCH;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		bool match = pgrp == -1 ? (t->pid > 1 && t != current) : t->pgrp == pgrp;
		if (!t->pid || !match || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		ret = kill_task(t, sig, SI_USER);
	}
	return ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (pid > 0)
		return kill_task(find_task(pid), sig, SI_USER);
	if (pid == 0)
		return kill_group(current->pgrp, sig);
	if (pid == -1)
		return kill_group(-1, sig);
	return kill_group(-pid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0 || !valid_signal(sig))
		return -EINVAL;
	if (tgid != pid)
		return -ESRCH;
	return kill_task(find_task(pid), sig, SI_TKILL);
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
	struct task_struct *t = find_task(pid);
	if (!valid_sig(sig))
		return -EINVAL;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if (info.si_code >= 0 && t != current)
		return -EPERM;
	if (!t)
		return -ESRCH;
	info.si_signo = sig;
	return send_signal(t, sig, &info);
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
	while (!(sig = dequeue_from(set, &info))) {
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
