/*
 * The x86 parts of signal delivery and rt_sigreturn (Linux:
 * arch/x86/include/asm/sighandling.h, arch/x86/kernel/signal.c).
 */
#ifndef _ASM_SIGHANDLING_H
#define _ASM_SIGHANDLING_H
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

/* rt_sigreturn takes only these flags from the frame (Linux: FIX_EFLAGS). */
#define FIX_EFLAGS (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_SF | \
		    X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | X86_EFLAGS_CF | X86_EFLAGS_RF)

/* The user's flags after rt_sigreturn: ours, with the frame's FIX_EFLAGS bits. */
static inline u64 sigreturn_eflags(u64 cur, u64 frame) { return (cur & ~FIX_EFLAGS) | (frame & FIX_EFLAGS); }

/* A handler starts with DF, TF and RF clear (Linux: handle_signal). */
static inline void signal_clear_eflags(struct pt_regs *regs)
{
	regs->eflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_RF);
}

/* A frame IRET would refuse is reported as the #GP it would raise, with
 * this error code, in the sigcontext of the SIGSEGV that follows. */
static inline void sigreturn_gp(struct thread_struct *thread, u64 error_code)
{
	thread->trap_nr = X86_TRAP_GP;
	thread->error_code = error_code;
}

#endif
