/*
 * struct task_struct: one thread.  A process is a thread group: threads made
 * by clone(CLONE_THREAD) share one struct signal_struct (tgid, process
 * group, limits, timers, process-directed pending signals), and may share
 * the address space (mm_struct), the descriptor table (files_struct), the
 * working directory and umask (fs_struct) and the signal handlers
 * (sighand_struct), each reference-counted (Linux: include/linux/sched.h,
 * sched/signal.h, fdtable.h, fs_struct.h).  Fields are grouped by what uses
 * them.  Linux names where Linux has the idea.
 */
#ifndef _FAULTLINE_SCHED_H
#define _FAULTLINE_SCHED_H
#include "types.h"
#include "list.h"
#include "signal.h"
#include "uapi/linux/limits.h"
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/fpu.h>

#define TASK_COMM_LEN 16
#define NR_OPEN_DEFAULT 64       /* descriptor slots inside files_struct; more are kmalloc'd (expand_files) (Linux: BITS_PER_LONG) */
#define INIT_UMASK 0022          /* Linux: init_fs.umask, what /sbin/init starts with */
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_SIGPENDING 11
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define INIT_TIMER_SLACK_NS 50000     /* Linux init_task.timer_slack_ns: 50 us */

/* Linux include/linux/task_io_accounting.h, without the block-layer counts:
 * bytes read and written by read(2)/write(2) and their vector and
 * positioned forms, and how many such calls were made. */
struct task_io_accounting {
	u64 rchar, wchar, syscr, syscw;
};

static inline void task_io_accounting_add(struct task_io_accounting *dst, const struct task_io_accounting *src)
{
	dst->rchar += src->rchar;
	dst->wchar += src->wchar;
	dst->syscr += src->syscr;
	dst->syscw += src->syscw;
}

enum task_state { TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_STOPPED, TASK_ZOMBIE, TASK_DEAD };

struct mm_struct;
struct file;
struct inode;
struct cred;
struct rlimit { u64 rlim_cur, rlim_max; };
struct itimer { u64 expires_ns, interval_ns; };

/* The descriptor table, shared by CLONE_FILES (Linux: struct files_struct). */
struct files_struct {
	int count;
	int max_fds;                      /* slots in fd[] and cloexec[] */
	struct file **fd;                 /* fd_array, or a bigger table from expand_files */
	u8 *cloexec;                      /* FD_CLOEXEC per descriptor */
	int fd_end;                       /* no descriptor at or above this is open: loops stop here */
	struct file *fd_array[NR_OPEN_DEFAULT];	/* the first table (Linux: fdtab, fd_array) */
	u8 cloexec_array[NR_OPEN_DEFAULT];
};

/* fs/file.c: a new, empty table; room for descriptor nr; a table's arrays freed. */
struct files_struct *alloc_files(int max_fds);
int expand_files(struct files_struct *files, int nr);
void free_fdtable(struct files_struct *files);

/* Working directory and umask, shared by CLONE_FS (Linux: struct fs_struct). */
struct fs_struct {
	int users;
	struct inode *pwd;
	char pwd_path[PATH_MAX];          /* absolute, tidy: relative paths are joined to it */
	u32 umask;                        /* mode bits a new file does not get */
};

/* Signal actions, shared by CLONE_SIGHAND (Linux: struct sighand_struct). */
struct sighand_struct {
	int count;
	struct k_sigaction action[_NSIG];
};

/* signal_struct->flags (Linux: SIGNAL_GROUP_EXIT, SIGNAL_STOP_STOPPED) */
#define SIGNAL_GROUP_EXIT 0x1             /* exit_group or a fatal signal: every thread dies */
#define SIGNAL_STOP_STOPPED 0x2           /* job control stopped the group */
#define SIGNAL_UNKILLABLE 0x4             /* init: signals without a handler are ignored */

/* What the threads of one process share (Linux: struct signal_struct). */
struct signal_struct {
	int count;                        /* threads that still point here */
	int live;                         /* threads that have not exited */
	struct list_head thread_head;     /* every thread, through task->thread_node */
	struct sigpending shared_pending; /* kill(): any thread may take it */
	int flags;
	int group_exit_code;
	struct task_struct *group_exec_task;  /* execve waits for the others to die */
	int pgrp, session;                /* process group and session ids */
	struct autogroup *autogroup;      /* the session's scheduling group (kernel/sched_autogroup.c) */
	int stop_sig;                     /* job control: the signal that stopped us */
	bool stop_reported, cont_to_report;   /* what wait4/waitid still owe the parent */
	struct rlimit rlim[RLIM_NLIMITS];
	struct itimer itimer[3];          /* REAL, VIRTUAL, PROF */
	struct posix_timer *posix_timers[32];  /* timer_create ids 0..31 */
	u64 cmin_flt, cmaj_flt, cutime_ns, cstime_ns;   /* reaped children's totals */
	u64 cmaxrss_kb;                   /* children's peak resident set */
	u64 min_flt, maj_flt, utime_ns, stime_ns;   /* exited threads' totals (getrusage) */
	u64 sum_exec_ns;                  /* exited threads' measured CPU time (CLOCK_PROCESS_CPUTIME_ID) */
	struct task_io_accounting ioac;   /* exited threads' and reaped children's I/O (/proc/PID/io) */
	int wait_chldexit;                /* wait4 sleeps on &this */
	int oom_score_adj;                /* /proc/PID/oom_score_adj: -1000..1000, inherited by fork */
	bool is_child_subreaper;          /* PR_SET_CHILD_SUBREAPER: adopts orphaned descendants */
};

struct task_struct {
	/* identity */
	int pid;                          /* the thread id (gettid) */
	int tgid;                         /* the group leader's pid (getpid) */
	struct task_struct *group_leader;
	struct list_head thread_node;     /* in signal->thread_head */
	int exit_signal;                  /* sent to the parent at exit; -1 for a thread */
	bool exiting;                     /* in do_exit: takes no more signals (Linux: PF_EXITING) */
	bool did_exec;                    /* has run execve since fork (Linux: !PF_FORKNOEXEC); 0 in a new task */
	unsigned int personality;         /* personality(2); kept, inherited, not acted on */
	bool randomize;                   /* Linux PF_RANDOMIZE: exec'd without ADDR_NO_RANDOMIZE (shown, not acted on) */
	int nice;                         /* kept and inherited; the scheduler ignores it */
	int policy;                       /* SCHED_OTHER, FIFO, ...: kept and checked, not acted on (kernel/sched_policy.c) */
	u32 rt_priority;                  /* 1..99 under FIFO and RR */
	bool sched_reset_on_fork;         /* SCHED_RESET_ON_FORK: a child starts as SCHED_OTHER */
	bool pftrace;                     /* trace this task's page faults (/proc/PID/pftrace); inherited */
	int pdeath_signal;                /* PR_SET_PDEATHSIG: sent when the parent thread exits; 0 in a child */
	bool no_new_privs;                /* PR_SET_NO_NEW_PRIVS: exec grants nothing; inherited, never cleared */
	u64 timer_slack_ns;               /* PR_SET_TIMERSLACK; kept, not used: no timer here has a range */
	u64 default_timer_slack_ns;       /* what 0 restores: the creator's slack at fork */
	char comm[TASK_COMM_LEN];
	struct task_struct *parent;
	struct list_head children, sibling;
	struct list_head tasks;           /* all tasks */

	/* scheduling */
	enum task_state state;
	struct list_head run_list;
	void *wait_chan;                  /* what an INTERRUPTIBLE task sleeps on */
	u64 wake_at_ns;                   /* nanosleep deadline, 0 if none */
	int exit_code;                    /* wait status for the parent */
	struct task_struct *vfork_parent; /* a vfork child: whom to release at exec/exit */
	bool vfork_waiting;               /* a vfork parent: its child still uses our memory */

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
	u64 maxrss_kb;                    /* peak resident set (before exec/exit) */
	u64 start_time;                   /* ns since boot of its first run (/proc/PID/stat starttime) */
	u64 nvcsw, nivcsw;                /* switches away while sleeping / while runnable (/proc/PID/status) */
	struct task_io_accounting ioac;   /* read/write counts (/proc/PID/io) */
	int ioprio;                       /* ioprio_set(2): kept and inherited; no queue to order (block/ioprio.c) */

	/* signals */
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	struct sigpending pending;        /* sent to this thread (faults, tgkill) */
	sigset_t blocked;
	sigset_t waiting_set;             /* rt_sigtimedwait: these wake us even if blocked */
	stack_t sas;                      /* sigaltstack */
	sigset_t saved_sigmask;           /* rt_sigsuspend */
	bool restore_sigmask;

	/* files */
	struct files_struct *files;
	struct fs_struct *fs;
	struct file *syscall_files[8];    /* fget()'s references, dropped when the syscall ends */
	u8 nr_syscall_files;
	bool in_syscall;

	/* threads */
	int __user *set_child_tid;        /* CLONE_CHILD_SETTID: written on the first run */
	int __user *clear_child_tid;      /* set_tid_address: zeroed and futex-woken at exit */
	u64 robust_list;                  /* set_robust_list head (kernel/futex.c) */
	u64 rseq;                         /* the registered struct rseq (kernel/rseq.c), 0: none */
	u32 rseq_len, rseq_sig;
	bool rseq_event;                  /* preempted or registered since the fields were written */

	/* credentials (include/cred.h): shared, copy-on-write, counted */
	const struct cred *cred;
};

/* Every thread of t's group (Linux: for_each_thread). */
#define for_each_thread(t, pos) \
	list_for_each_entry(pos, &(t)->signal->thread_head, thread_node)

static inline bool thread_group_leader(const struct task_struct *t) { return t->group_leader == t; }

extern struct task_struct *current;
extern struct list_head task_list;

void sched_init(void);
/* Linux: the scheduler's functions, which stack traces of a sleeping task leave out (kernel/stacktrace.c) */
#define __sched __section(".sched.text")
void schedule(void);
void scheduler_tick(bool user);
void wake_up_process(struct task_struct *t);
void wake_up_process_preempt(struct task_struct *t);
void wake_up(void *chan);
int sleep_on(void *chan);              /* 0, or -EINTR if a signal is pending */
void sleep_on_uninterruptible(void *chan);
void sleep_on_waitset(sigset_t set);
void run_cpu_itimers(struct task_struct *t);		/* kernel/itimer.c: from the tick, the running process */
void run_real_itimer(struct task_struct *t, u64 now);	/* and from the tick's walk of wall-clock deadlines */
void timer_deadline(u64 ns);				/* kernel/sched.c: the tick's walk must come by then */
void clock_was_set(void);				/* the wall clock jumped: look at every timer again */
void release_task_later(struct task_struct *t);
struct seq_file;
void exit_posix_timers(struct task_struct *t);
void run_posix_cpu_timers(struct task_struct *t);
void run_posix_wall_timers(struct task_struct *t);
void proc_timers_show(struct seq_file *m, struct task_struct *task);	/* /proc/PID/timers */
void posixtimer_dequeued(siginfo_t *info);
bool timer_signal_queued(struct sigpending *q, int sig, int id, bool remove);
void mm_release(struct task_struct *t);
void init_rlimits(struct task_struct *t);                /* kernel/sys.c */
int do_execve(const char *filename, u64 uargv, u64 uenvp, const char *const *kargv,   /* fs/exec.c */
	      struct pt_regs *regs);
struct task_struct *find_task(int pid);              /* a thread, by tid */
int last_allocated_pid(void);
void sched_fork_policy(struct task_struct *child, const struct task_struct *parent);	/* kernel/sched_policy.c */
u64 task_load_weight(const struct task_struct *t);	/* the CFS weight of its nice (/proc/PID/sched) */
int task_sched_prio(const struct task_struct *t);	/* Linux p->prio: 0..99 real time, 100..139 normal */
bool can_nice(const struct task_struct *t, int nice);	/* Linux can_nice */
struct seq_file;
void proc_sched_show_task(struct task_struct *p, int nr_threads, struct seq_file *m);	/* kernel/sched_debug.c */
/* kernel/sched_autogroup.c: one group per session, made by setsid */
struct autogroup *autogroup_get(struct autogroup *ag);
void autogroup_put(struct autogroup *ag);
void sched_autogroup_create_attach(struct task_struct *p);
void proc_sched_autogroup_show_task(struct task_struct *p, struct seq_file *m);
int proc_sched_autogroup_set_nice(struct task_struct *p, int nice);
struct task_struct *find_task_by_tgid(int tgid);     /* a process: its group leader */
struct task_struct *find_process_of_tid(int pid);    /* any thread's id -> its group leader */
__noreturn void do_exit(int code);
__noreturn void do_group_exit(int code);
void wake_up_parent(struct task_struct *p);          /* wait4 sleepers of p's process */
void release_task(struct task_struct *t);            /* kernel/exit.c: unlink and free a dead task */
struct files_struct *dup_fd(struct files_struct *old);   /* kernel/fork.c */
int unshare_files(void);
int unshare_sighand(void);
void put_files_struct(struct files_struct *files);
void put_fs_struct(struct fs_struct *fs);
void put_sighand(struct sighand_struct *sh);
void put_signal_struct(struct signal_struct *sig);
int futex_wake(u32 __user *uaddr, bool shared, int nr, u32 bitset);   /* kernel/futex.c */
void exit_robust_list(struct task_struct *t);
/* kernel/rseq.c: restartable sequences */
struct pt_regs;
void rseq_handle_notify_resume(struct pt_regs *regs);	/* on the way to user mode, and before a signal frame */
void rseq_fork(struct task_struct *t, bool shares_mm);	/* CLONE_VM */
void rseq_execve(struct task_struct *t);
static inline struct pt_regs *task_pt_regs(struct task_struct *t);

#include "mm.h"
static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((u8 *)t->stack + THREAD_SIZE) - 1;
}

/* The user registers saved at this system call's entry (Linux: current_pt_regs). */
#define current_pt_regs() task_pt_regs(current)

u64 task_sched_runtime(struct task_struct *t);
extern u64 nr_context_switches, total_forks;	/* kernel/sched.c, for /proc/stat */
enum cpu_usage_stat { CPUTIME_USER, CPUTIME_SYSTEM, CPUTIME_IDLE, NR_CPUSTATS };	/* Linux's, fewer */
extern u64 kcpustat[NR_CPUSTATS];		/* nanoseconds, by timer tick */	/* CLOCK_{PROCESS,THREAD}_CPUTIME_ID */

/* A signal that would be delivered now: pending and not blocked (SIGKILL
 * always), or a job-control stop the thread has yet to join. */
static inline bool signal_pending_task(struct task_struct *t)
{
	sigset_t p = t->pending.signal | (t->signal ? t->signal->shared_pending.signal : 0);
	return (p & ~t->blocked) || (t->pending.signal & sigmask(SIGKILL)) ||
	       (t->signal && (t->signal->flags & SIGNAL_STOP_STOPPED) && t->state != TASK_STOPPED);
}
bool should_resched(void);
extern bool need_resched;		/* kernel/sched.c; should_resched() also asks for a task to run */
struct task_struct *kernel_thread(int (*fn)(void *), void *arg);
void free_task(struct task_struct *t);
__noreturn void cpu_idle(void);
extern struct task_struct init_task;

#endif
