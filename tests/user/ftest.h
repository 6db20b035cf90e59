/*
 * ftest.h - helpers shared by faultline's user-level tests (tests/user/ *.c).
 *
 * Every test is one static musl binary that runs unchanged on Linux and on
 * faultline; the harness compares its stdout byte for byte with
 * tests/user/expected/NAME.out, which tools/linux-expect records on Linux.
 * So a test prints only facts that do not depend on where things were
 * placed: signal numbers, si_code names, offsets from a mapping's base,
 * errno names and booleans - never a raw address or a pid.
 *
 * Faults become data the way Linux's selftests/mm/guard-regions.c does it:
 * fault_handler (SA_SIGINFO) records what the kernel delivered - the
 * siginfo and the saved registers, docs/linux-abi.md §5 and §6 - and
 * siglongjmps back, so "did it fault?" is a return value main() can print.
 * Handlers never print (printf is not async-signal-safe).
 */
#ifndef FTEST_H
#define FTEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define FT_UNUSED __attribute__((unused))
#define PAGE_SIZE 4096UL

/* What the last caught signal delivered (docs/linux-abi.md §5). */
struct fault {
	int signo;		/* si_signo */
	int code;		/* si_code */
	uintptr_t addr;		/* si_addr: exact, never page-aligned (§0.3) */
	long err;		/* REG_ERR: the #PF error code (§12) */
	long trapno;		/* REG_TRAPNO: the exception vector */
	long cr2;		/* REG_CR2: equals si_addr for a #PF */
	long rip;		/* REG_RIP: the faulting instruction */
};

FT_UNUSED static volatile struct fault fault;
FT_UNUSED static sigjmp_buf fault_jmp;

/* Copy siginfo and the saved registers into `fault`. */
FT_UNUSED static void fault_record(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	fault.signo = sig;
	fault.code = si->si_code;
	fault.addr = (uintptr_t)si->si_addr;
	fault.err = uc->uc_mcontext.gregs[REG_ERR];
	fault.trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	fault.cr2 = uc->uc_mcontext.gregs[REG_CR2];
	fault.rip = uc->uc_mcontext.gregs[REG_RIP];
}

FT_UNUSED static void fault_handler(int sig, siginfo_t *si, void *ctx)
{
	fault_record(sig, si, ctx);
	siglongjmp(fault_jmp, 1);	/* restores the mask saved by sigsetjmp */
}

/* Send the synchronous fault signals to fault_handler. */
FT_UNUSED static void catch_faults(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO;
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* A small file's text (a /proc file), NUL-terminated; "" if it cannot be read. */
static inline void ft_read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n = -1;

	if (fd >= 0) {
		n = read(fd, buf, size - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = 0;
}

/*
 * One 4-byte access done by exactly one instruction (inline asm, so the
 * compiler can neither drop, merge nor move it).  try_*() return 0 if the
 * access worked, else the signal number; the details are in `fault`.
 * catch_faults() must have been called.
 */
static inline int peek32(uintptr_t addr)
{
	int v;

	asm volatile("movl (%1), %0" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void poke32(uintptr_t addr, int v)
{
	asm volatile("movl %1, (%0)" : : "r"(addr), "r"(v) : "memory");
}

FT_UNUSED static int try_read32(uintptr_t addr, int *out)
{
	fault.signo = 0;
	if (sigsetjmp(fault_jmp, 1))
		return fault.signo;
	int v = peek32(addr);
	if (out)
		*out = v;
	return 0;
}

FT_UNUSED static int try_write32(uintptr_t addr, int v)
{
	fault.signo = 0;
	if (sigsetjmp(fault_jmp, 1))
		return fault.signo;
	poke32(addr, v);
	return 0;
}

/* Names, so expected outputs read like docs/linux-abi.md. */
FT_UNUSED static const char *sig_name(int sig)
{
	static const char *const names[] = {
		"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
		"SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV",
		"SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
		"SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
		"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
		"SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
	};
	return sig >= 0 && sig < 32 ? names[sig] : "SIG?";
}

/* si_code values from docs/linux-abi.md §5. */
FT_UNUSED static const char *code_name(int sig, int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TKILL: return "SI_TKILL";
	}
	if (sig == SIGSEGV && code == SEGV_MAPERR) return "SEGV_MAPERR";
	if (sig == SIGSEGV && code == SEGV_ACCERR) return "SEGV_ACCERR";
	if (sig == SIGBUS && code == BUS_ADRALN) return "BUS_ADRALN";
	if (sig == SIGBUS && code == BUS_ADRERR) return "BUS_ADRERR";
	if (sig == SIGILL && code == ILL_ILLOPC) return "ILL_ILLOPC";
	if (sig == SIGILL && code == ILL_ILLOPN) return "ILL_ILLOPN";
	if (sig == SIGFPE && code == FPE_INTDIV) return "FPE_INTDIV";
	if (sig == SIGFPE && code == FPE_INTOVF) return "FPE_INTOVF";
	if (sig == SIGTRAP && code == TRAP_BRKPT) return "TRAP_BRKPT";
	if (sig == SIGTRAP && code == TRAP_TRACE) return "TRAP_TRACE";
	return "CODE?";
}

/* errno names ("OK" for 0), from the kernel's include/uapi/asm-generic
 * headers through the table tests/user/build.sh generates. */
static const char *const errno_names[] = {
	[0] = "OK",
#include "errno_names.h"
};

FT_UNUSED static const char *errno_name(int e)
{
	if (e >= 0 && e < (int)(sizeof(errno_names) / sizeof(errno_names[0])) && errno_names[e])
		return errno_names[e];
	return "E?";
}

/*
 * Print the outcome of a try_*():
 *   "LABEL: ok"  or
 *   "LABEL: SIGSEGV SEGV_ACCERR err 0x7 trapno 14 addr base+0x10 cr2_is_addr 1"
 * The address is printed as an offset from `base`, never raw.  base 0
 * prints it raw ("addr 0x10"): use that only when si_addr is a constant the
 * test chose (NULL+0x10, a kernel address), never for a placed mapping.
 */
FT_UNUSED static void report(const char *label, int sig, uintptr_t base)
{
	if (!sig) {
		printf("%s: ok\n", label);
		return;
	}
	long off = (long)(fault.addr - base);
	printf("%s: %s %s err 0x%lx trapno %ld ", label, sig_name(sig),
	       code_name(sig, fault.code), fault.err, fault.trapno);
	if (base == 0)
		printf("addr 0x%lx", (unsigned long)fault.addr);
	else
		printf("addr base%c0x%lx", off < 0 ? '-' : '+',
		       (unsigned long)(off < 0 ? -off : off));
	/* CR2 is only meaningful for a #PF (vector 14); otherwise stale (§5). */
	if (fault.trapno == 14)
		printf(" cr2_is_addr %d", (uintptr_t)fault.cr2 == fault.addr);
	printf("\n");
}

/* Print how a waited-for child ended; never the raw status (§0.1, §4). */
FT_UNUSED static void print_wait_status(const char *label, int status)
{
	if (WIFEXITED(status))
		printf("%s: WIFEXITED 1 WEXITSTATUS %d\n", label,
		       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: WIFSIGNALED 1 WTERMSIG %d (%s)\n", label,
		       WTERMSIG(status), sig_name(WTERMSIG(status)));
	else
		printf("%s: other status\n", label);
}

/* An anonymous private mapping; exits (status 2) if mmap fails. */
FT_UNUSED static uintptr_t map_anon(size_t pages, int prot)
{
	void *p = mmap(NULL, pages * PAGE_SIZE, prot,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap failed: %s\n", errno_name(errno));
		_exit(2);
	}
	return (uintptr_t)p;
}

#endif /* FTEST_H */
