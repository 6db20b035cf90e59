/*
 * include/signal.h - signals inside the kernel: the numbers and structures
 * user space sees come from include/uapi/asm-generic/; here are the
 * kernel's own action struct, the signal being delivered, and the calls
 * between kernel/signal.c and the arch's frame code (Linux:
 * include/linux/signal.h, include/linux/sched/signal.h).
 */
#ifndef _FAULTLINE_SIGNAL_H
#define _FAULTLINE_SIGNAL_H
#include "types.h"

#include "uapi/asm-generic/signal.h"
#include "uapi/asm-generic/siginfo.h"

#define WCOREFLAG 0x80                 /* wait status: the process dumped core (fs/coredump.c) */
#define RT_QUEUE_MAX 256               /* per task (Linux: RLIMIT_SIGPENDING) */

static inline u64 sigmask(int sig) { return 1UL << (sig - 1); }
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

#include "list.h"

/* Signals waiting for delivery: a standard signal is one bit and one info,
 * a real-time one queues every instance (Linux: struct sigpending). */
struct sigpending {
	sigset_t signal;
	siginfo_t info[_NSIG];            /* info of each pending standard signal */
	struct list_head rt_queue;        /* queued real-time signals (32..64), in order */
	int rt_queued;
};

struct k_sigaction {            /* the kernel's struct sigaction for x86-64 */
	u64 handler;
	u64 flags;
	u64 restorer;
	sigset_t mask;
};

/* A signal chosen for delivery to a handler (Linux: struct ksignal). */
struct ksignal {
	int sig;
	siginfo_t info;
	struct k_sigaction *ka;
};

struct task_struct;
struct pt_regs;

/* kernel/signal.c: sending */
int send_signal(struct task_struct *t, int sig, const siginfo_t *info);        /* to t's process */
int send_signal_thread(struct task_struct *t, int sig, const siginfo_t *info); /* to thread t */
int send_sig(int sig, struct task_struct *t);	/* SI_USER from current, to thread t (Linux send_sig) */
void zap_other_threads(struct task_struct *p);
int kill_pgrp(int pgrp, int sig, int priv);                                   /* every process of a group (tty) */
void flush_sigqueue(struct sigpending *q);
void force_sig_fault(int sig, int code, u64 addr);
bool signal_pending(void);

/* kernel/signal.c: delivery, for arch/x86/kernel/signal.c */
bool get_signal(struct ksignal *ksig);
sigset_t sigmask_to_save(void);
void signal_delivered(struct ksignal *ksig, sigset_t oldmask);
void restore_saved_sigmask(void);
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize);
long restore_sigmask_unless_eintr(long ret);

/* kernel/signal.c: for fs/signalfd.c */
int dequeue_signal_mask(sigset_t mask, siginfo_t *info);
sigset_t current_pending(void);

/* kernel/signal.c: the alternate signal stack */
bool on_sig_stack(u64 sp);
int sas_ss_flags(u64 sp);
void sas_ss_reset(void);
int do_sigaltstack(const stack_t *ss, stack_t *oss, u64 sp);

/* arch/x86/kernel/signal.c */
void arch_do_signal_or_restart(struct pt_regs *regs, bool in_syscall);
void signal_init(void);                 /* boot: learn the CPU's MXCSR mask */

#endif
