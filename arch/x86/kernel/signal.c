/*
 * arch/x86/kernel/signal.c - the x86-64 signal frame: building it on the
 * user stack before a handler runs, and taking it down in rt_sigreturn
 * (Linux: arch/x86/kernel/signal.c, signal_64.c).  Which signal to deliver,
 * and the masks, are decided in kernel/signal.c.  docs/linux-abi.md §4-§6
 * describes the ABI.
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
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <asm/processor.h>
#include <asm/sighandling.h>
#include <asm/fpu.h>

#define SYSCALL_INSN_LEN 2            /* "syscall" is 0f 05: back up over it to restart */
#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define RED_ZONE 128
#define FPSTATE_SIZE 512              /* fxsave image: this kernel does not enable XSAVE */
#define FPSTATE_ALIGN 64
#define FRAME_SIZE 440
#define FXSAVE_MXCSR 24
#define FXSAVE_MXCSR_MASK 28

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

/* Where the frame goes: below the red zone, or atop the altstack (Linux: get_sigframe). */
static u64 frame_sp(struct pt_regs *regs, struct k_sigaction *ka)
{
	u64 sp = regs->rsp - RED_ZONE;
	if ((ka->flags & SA_ONSTACK) && sas_ss_flags(regs->rsp) == 0)
		sp = current->sas.ss_sp + current->sas.ss_size;
	return sp;
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
		return -EFAULT;                      /* docs/linux-abi.md §0.9: no restorer, no delivery */
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
static void handle_restart(struct pt_regs *regs, struct k_sigaction *ka, bool has_handler)
{
	long r = (long)regs->rax;

	if (r != -ERESTARTSYS && r != -ERESTARTNOHAND)
		return;
	if (has_handler && (r == -ERESTARTNOHAND || !(ka->flags & SA_RESTART))) {
		regs->rax = -EINTR;
		return;
	}
	regs->rax = regs->orig_rax;               /* re-issue the syscall instruction */
	regs->rip -= SYSCALL_INSN_LEN;
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	sigset_t oldmask = sigmask_to_save();

	current->rseq_event = true;		/* Linux rseq_signal_deliver: the handler must not return into a section */
	rseq_handle_notify_resume(regs);
	if (setup_rt_frame(ksig->sig, ksig->ka, &ksig->info, oldmask, regs)) {
		/* The frame cannot be written: the task dies of SIGSEGV (Linux: signal_setup_done). */
		do_exit(SIGSEGV);
	}
	signal_delivered(ksig, oldmask);
}

/*
 * Deliver what get_signal() picks, each on its own frame, and restart or
 * fail an interrupted system call as its handlers' SA_RESTART says (Linux:
 * arch_do_signal_or_restart).
 */
void arch_do_signal_or_restart(struct pt_regs *regs, bool in_syscall)
{
	struct ksignal ksig;
	/*
	 * After almost every syscall nothing is pending: get_signal() would
	 * find nothing to do (no unblocked signal, no stop, no group exit), so
	 * skip it; only a restart and sigsuspend's mask are left to handle.
	 * This is half of a null syscall's instructions.
	 */
	if (!signal_pending() && !(current->signal->flags & SIGNAL_GROUP_EXIT)) {
		if (in_syscall)
			handle_restart(regs, NULL, false);
		restore_saved_sigmask();
		return;
	}
	while (get_signal(&ksig)) {
		if (in_syscall)
			handle_restart(regs, ksig.ka, true);
		in_syscall = false;
		handle_signal(&ksig, regs);
	}
	if (in_syscall)
		handle_restart(regs, NULL, false);
	restore_saved_sigmask();
}

/* ---------------------------------------------------------------- rt_sigreturn */
static bool canonical(u64 a) { return (u64)((s64)(a << 16) >> 16) == a; }

/*
 * The FPU image the frame points at (Linux fpu__restore_sig).  NULL means
 * "start afresh".  A misaligned or unreadable image, or an MXCSR with
 * reserved bits set (FXRSTOR would #GP), fails: the FPU is reset and the
 * caller sends SIGSEGV.
 */
static int restore_fpu(u64 ufp)
{
	struct fpu_state fpu;
	int err = 0;
	if (!ufp)
		fpu_init_state(&fpu);
	else if ((ufp & 15) || copy_from_user(&fpu, (void *)ufp, FPSTATE_SIZE))
		err = -EFAULT;
	else if (*(u32 *)(fpu.fxsave + FXSAVE_MXCSR) & ~mxcsr_mask)
		err = -EINVAL;
	if (err)
		fpu_init_state(&fpu);
	fpu_restore(&fpu);
	return err;
}

/*
 * CS and SS from the frame.  Ring 0 cannot be forged: Linux ORs RPL 3 in,
 * and a selector that is not a user segment makes the IRET fault, which
 * Linux reports as #GP with that selector as error code (CS is checked
 * first).  Frames the kernel builds carry UC_STRICT_RESTORE_SS; without it
 * a bad SS is quietly replaced by __USER_DS (Linux force_valid_ss), as
 * old programs that build frames by hand expect.  Returns false after
 * queueing that SIGSEGV.
 */
static bool restore_segments(struct sigcontext *sc, u64 uc_flags)
{
	u16 cs = sc->cs | 3, ss = sc->ss | 3;
	if (cs != __USER_CS && cs != __USER32_CS) {
		sigreturn_gp(&current->thread, sc->cs & ~3);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return false;
	}
	if (ss != __USER_DS && (uc_flags & UC_STRICT_RESTORE_SS)) {
		sigreturn_gp(&current->thread, sc->ss & ~3);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return false;
	}
	return true;
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
	if (restore_fpu(sc->fpstate)) {
		/* Linux's badframe: SIGSEGV SI_KERNEL; trapno and err stay as they were. */
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return sc->rax;
	}
	/* Re-apply the saved altstack (it may have been auto-disarmed); errors are
	 * ignored, as Linux's restore_altstack() does. */
	do_sigaltstack(&f.uc.uc_stack, NULL, regs->rsp);
	if (restore_segments(sc, f.uc.uc_flags) && !canonical(regs->rip)) {
		/* IRET to a non-canonical RIP raises #GP; the signal frame keeps the
		 * forged RIP, as Linux's does.  The SIGSEGV is delivered before any
		 * return to user mode, so that RIP is never loaded. */
		sigreturn_gp(&current->thread, 0);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
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
