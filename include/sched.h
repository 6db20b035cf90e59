/*
 * struct task_struct: one process (faultline has no threads).  Fields are
 * grouped by what uses them.  Linux names where Linux has the idea.
 */
#ifndef _FAULTLINE_SCHED_H
#define _FAULTLINE_SCHED_H
#include "types.h"
#include "list.h"
#include "signal.h"
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/fpu.h>

#define TASK_COMM_LEN 16
#define NR_OPEN 1024             /* Linux's default RLIMIT_NOFILE soft limit */
#define INIT_UMASK 0022          /* Linux: init_fs.umask, what /sbin/init starts with */
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIMIT_AS 9

enum task_state { TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_STOPPED, TASK_ZOMBIE, TASK_DEAD };

struct mm_struct;
struct file;
struct inode;
struct cred;
struct rlimit { u64 rlim_cur, rlim_max; };

struct task_struct {
	/* identity */
	int pid;
	int pgrp, session;                /* process group and session ids */
	int nice;                         /* kept and inherited; the scheduler ignores it */
	char comm[TASK_COMM_LEN];
	struct task_struct *parent;
	struct list_head children, sibling;
	struct list_head tasks;           /* all tasks */

	/* scheduling */
	enum task_state state;
	struct list_head run_list;
	void *wait_chan;                  /* what an INTERRUPTIBLE task sleeps on */
	u64 wake_at_ns;                   /* nanosleep deadline, 0 if none */
	struct itimer { u64 expires_ns, interval_ns; } itimer[3];  /* REAL, VIRTUAL, PROF */
	struct posix_timer *posix_timers[32];                      /* timer_create ids 0..31 */
	int exit_code;                    /* wait status for the parent */
	struct task_struct *vfork_parent; /* a vfork child: whom to release at exec/exit */
	bool vfork_waiting;               /* a vfork parent: its child still uses our memory */
	int stop_sig;                     /* job control: the signal that stopped us */
	bool stop_reported, cont_to_report;   /* what wait4/waitid still owe the parent */

	/* CPU state */
	u64 sp;                           /* saved kernel rsp while switched out */
	void *stack;                      /* lowest address of the kernel stack */
	u64 fs_base;
	struct fpu_state fpu;
	struct thread_struct thread;      /* last fault, for sigcontext */

	/* memory */
	struct mm_struct *mm;
	u64 min_flt, maj_flt;             /* getrusage */
	u64 utime_ns, stime_ns;         /* tick-sampled split, for times() and getrusage */
	u64 sum_exec_ns, exec_start;    /* CPU time measured at each switch (Linux: sum_exec_runtime) */
	u64 cmin_flt, cmaj_flt, cutime_ns, cstime_ns;   /* reaped children's totals */
	u64 maxrss_kb, cmaxrss_kb;        /* peak resident set (before exec/exit), children's peak */

	/* signals */
	sigset_t pending, blocked;
	siginfo_t siginfo[_NSIG];         /* info of each pending standard signal (one each) */
	struct list_head rt_queue;        /* queued real-time signals (32..64), in order */
	sigset_t waiting_set;             /* rt_sigtimedwait: these wake us even if blocked */
	int rt_queued;
	struct k_sigaction sighand[_NSIG];
	stack_t sas;                      /* sigaltstack */
	sigset_t saved_sigmask;           /* rt_sigsuspend */
	bool restore_sigmask;

	/* files */
	struct file *files[NR_OPEN];
	u8 fd_cloexec[NR_OPEN];           /* FD_CLOEXEC per descriptor */
	int fd_end;                       /* no descriptor at or above this is open: loops stop here */
	struct inode *cwd;
	char cwd_path[256];
	u32 umask;                        /* mode bits a new file does not get (Linux: fs_struct->umask) */

	struct rlimit rlim[RLIM_NLIMITS];
	int __user *clear_child_tid;

	/* credentials (include/cred.h): shared, copy-on-write, counted */
	const struct cred *cred;
};

extern struct task_struct *current;
extern struct list_head task_list;

void sched_init(void);
void schedule(void);
void scheduler_tick(bool user);
void wake_up_process(struct task_struct *t);
void wake_up_process_preempt(struct task_struct *t);
void wake_up(void *chan);
int sleep_on(void *chan);              /* 0, or -EINTR if a signal is pending */
void sleep_on_uninterruptible(void *chan);
void sleep_on_waitset(sigset_t set);
void flush_signal_queue(struct task_struct *t);
void run_itimers(void);
void release_task_later(struct task_struct *t);
void exit_posix_timers(struct task_struct *t);
void run_posix_timers(struct task_struct *t);
void mm_release(struct task_struct *t);
void init_rlimits(struct task_struct *t);                /* kernel/sys.c */
int do_execve(const char *filename, u64 uargv, u64 uenvp, const char *const *kargv,   /* fs/exec.c */
	      struct pt_regs *regs);
struct task_struct *find_task(int pid);
__noreturn void do_exit(int code);
static inline struct pt_regs *task_pt_regs(struct task_struct *t);

#include "mm.h"
static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((u8 *)t->stack + THREAD_SIZE) - 1;
}

/* The user registers saved at this system call's entry (Linux: current_pt_regs). */
#define current_pt_regs() task_pt_regs(current)

u64 task_sched_runtime(struct task_struct *t);	/* CLOCK_{PROCESS,THREAD}_CPUTIME_ID */

/* A signal that would be delivered now: pending and not blocked (SIGKILL always). */
static inline bool signal_pending_task(struct task_struct *t)
{
	return (t->pending & ~t->blocked) || (t->pending & sigmask(SIGKILL));
}
bool should_resched(void);
struct task_struct *kernel_thread(int (*fn)(void *), void *arg);
void free_task(struct task_struct *t);
__noreturn void cpu_idle(void);
extern struct task_struct init_task;

#endif
