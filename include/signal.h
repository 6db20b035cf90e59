/* Signals as Linux x86-64 numbers and structures them (uapi/asm/signal.h, siginfo.h). */
#ifndef _FAULTLINE_SIGNAL_H
#define _FAULTLINE_SIGNAL_H
#include "types.h"

#define _NSIG 64
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

#define SIG_DFL ((u64)0)
#define SIG_IGN ((u64)1)

#define SA_NOCLDSTOP 0x00000001UL
#define SA_NOCLDWAIT 0x00000002UL
#define SA_SIGINFO 0x00000004UL
#define SA_RESTORER 0x04000000UL
#define SA_ONSTACK 0x08000000UL
#define SA_RESTART 0x10000000UL
#define SA_NODEFER 0x40000000UL
#define SA_RESETHAND 0x80000000UL

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define SIGRTMIN 32
#define RT_QUEUE_MAX 256               /* per task (Linux: RLIMIT_SIGPENDING) */

typedef u64 sigset_t;
static inline u64 sigmask(int sig) { return 1UL << (sig - 1); }
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

/* What rt_sigaction reads and writes (Linux x86-64's struct sigaction, 32 bytes). */
struct sigaction {
	u64 sa_handler;
	u64 sa_flags;
	u64 sa_restorer;
	sigset_t sa_mask;
};

struct k_sigaction {            /* the kernel's struct sigaction for x86-64 */
	u64 handler;
	u64 flags;
	u64 restorer;
	sigset_t mask;
};

typedef struct {                /* 128 bytes, Linux layout */
	int si_signo;
	int si_errno;
	int si_code;
	int _pad0;
	union {
		struct { int pid; u32 uid; } kill;          /* offset 16, 20 */
		struct { u64 addr; } fault;                 /* si_addr at 16 */
		struct { int pid; u32 uid; int status; int _p; s64 utime, stime; } chld;
		struct { int tid; int overrun; u64 value; } timer;     /* SI_TIMER */
		u8 _pad[112];
	};
} siginfo_t;

typedef struct {
	u64 ss_sp;
	int ss_flags;
	int _pad;
	u64 ss_size;
} stack_t;

#endif
