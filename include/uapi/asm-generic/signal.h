/*
 * include/uapi/asm-generic/signal.h - signal numbers, sigaction flags and
 * the structures rt_sigaction and sigaltstack exchange with user space, as
 * Linux x86-64 has them (Linux: arch/x86/include/uapi/asm/signal.h).
 */
#ifndef _UAPI_ASM_GENERIC_SIGNAL_H
#define _UAPI_ASM_GENERIC_SIGNAL_H
#include "../../types.h"

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

#define SIGRTMIN 32

typedef u64 sigset_t;

/* What rt_sigaction reads and writes (Linux x86-64's struct sigaction, 32 bytes). */
struct sigaction {
	u64 sa_handler;
	u64 sa_flags;
	u64 sa_restorer;
	sigset_t sa_mask;
};

typedef struct {
	u64 ss_sp;
	int ss_flags;
	int _pad;
	u64 ss_size;
} stack_t;

#endif
