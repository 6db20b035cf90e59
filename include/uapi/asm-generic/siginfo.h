/*
 * include/uapi/asm-generic/siginfo.h - what a handler learns about a
 * signal: siginfo_t (128 bytes) and the si_code values (Linux: the same
 * path).  docs/ explains which fault gives which code.
 */
#ifndef _UAPI_ASM_GENERIC_SIGINFO_H
#define _UAPI_ASM_GENERIC_SIGINFO_H
#include "../../types.h"

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
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
#define POLL_IN 1			/* SIGIO of F_SETSIG: input ready */
#define POLL_OUT 2			/* output possible */
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

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
		struct { s64 band; int fd; } poll;          /* SIGIO: si_band at 16, si_fd at 24 */
		u8 _pad[112];
	};
} siginfo_t;

#endif
