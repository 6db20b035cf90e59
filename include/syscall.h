#ifndef _FAULTLINE_SYSCALL_H
#define _FAULTLINE_SYSCALL_H
#include <asm/ptrace.h>
#include "signal.h"

/* kernel/signal.c */
void force_sig_fault(int sig, int code, u64 addr);
int send_signal(struct task_struct *t, int sig, const siginfo_t *info);
void exit_to_user_mode(struct pt_regs *regs);
void syscall_exit_to_user_mode(struct pt_regs *regs);
bool signal_pending(void);
void signal_init(void);                 /* boot: learn the CPU's MXCSR mask */

/* arch/x86/entry/syscall_64.c */
void syscall_init(void);
int do_syscall_64(struct pt_regs *regs);

#endif
