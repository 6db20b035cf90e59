/*
 * A handler that edits the saved registers (docs/linux-abi.md §6 "rt_sigreturn":
 * every greg is restored, rax included; a changed REG_RIP is honoured; only
 * FIX_EFLAGS = AC|OF|DF|TF|SF|ZF|AF|PF|CF|RF come from the frame; CS/SS are
 * ORed with 3 and a bad selector or a non-canonical RIP ends in SIGSEGV
 * SI_KERNEL; §5: ud2 -> SIGILL ILL_ILLOPN at the ud2, int3 -> SIGTRAP with
 * RIP past it).  Cases:
 *   ud2 (2 bytes): the SIGILL handler sets RIP += 2, RAX := 42, RBX :=
 *     RBX + 1, R15 := 0x1515 and returns; the code after the ud2 sees them;
 *   int3: RIP already points past it; the handler sets RDX := 7;
 *   EFLAGS: the handler sets CF and clears ZF in REG_EFL; after return
 *     setc/setz read 1/0;  it also sets IOPL (bits 12-13) and NT, which
 *     are not taken: pushf shows them clear;
 *   a handler that skips a ud2 1000 times in a loop: count 1000;
 *   in children: REG_RIP := 0x8000000000000000 (non-canonical) -> killed by
 *     SIGSEGV; REG_CSGSFS with CS 0x10 -> killed by SIGSEGV; the same with a
 *     SIGSEGV handler that reports si_code and REG_TRAPNO through its exit
 *     status (SI_KERNEL 0x80 -> 128 + trapno 13 ... see output);
 *   REG_CSGSFS with CS 0x30 (RPL 0, ORed to 0x33): works.
 */
#include "ftest.h"

static volatile int edits;
static volatile int skip_mode;

static void on_ill(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;

	(void)sig;
	edits++;
	if (skip_mode == 1) {
		g[REG_RIP] += 2;
		return;
	}
	fault.code = si->si_code;
	fault.addr = (uintptr_t)si->si_addr;
	fault.rip = g[REG_RIP];
	g[REG_RIP] += 2;
	g[REG_RAX] = 42;
	g[REG_RBX] += 1;
	g[REG_R15] = 0x1515;
}

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig; (void)si;
	uc->uc_mcontext.gregs[REG_RDX] = 7;
}

static void on_usr1_flags(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;

	(void)sig; (void)si;
	g[REG_EFL] |= 0x1;		/* CF */
	g[REG_EFL] &= ~0x40L;		/* ZF */
	g[REG_EFL] |= 0x3000 | 0x4000;	/* IOPL 3, NT: never taken */
}

static volatile long bad_value;
static volatile int bad_which;

static void on_usr1_bad(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;

	(void)sig; (void)si;
	if (bad_which == 0)
		g[REG_RIP] = bad_value;
	else
		g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffL) | bad_value;
}

static void on_segv_exit(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	/* exit status: 1 if SI_KERNEL, + 2 * trapno (13 -> 27) */
	_exit((si->si_code == SI_KERNEL) + 2 * (int)uc->uc_mcontext.gregs[REG_TRAPNO]);
}

static void setsig(int sig, void (*h)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static void bad_return(const char *label, int which, long value, int with_handler)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		bad_which = which;
		bad_value = value;
		setsig(SIGUSR1, on_usr1_bad);
		if (with_handler)
			setsig(SIGSEGV, on_segv_exit);
		raise(SIGUSR1);
		printf("%s: survived\n", label);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

int main(void)
{
	long rax, rbx = 100, r15, rdx;
	uintptr_t ud2_addr;

	setvbuf(stdout, NULL, _IONBF, 0);
	setsig(SIGILL, on_ill);
	setsig(SIGTRAP, on_trap);

	asm volatile("lea 1f(%%rip), %[addr]\n\t"
		     "mov $1, %%rax\n\t"
		     "xor %%r15d, %%r15d\n\t"
		     "1: ud2\n\t"
		     "mov %%rax, %[rax]\n\t"
		     "mov %%r15, %[r15]\n\t"
		     : [addr] "=&r"(ud2_addr), [rax] "=r"(rax), [r15] "=r"(r15), "+b"(rbx)
		     : : "rax", "r15", "memory");
	printf("ud2: %s %s si_addr==ud2 %d rip==ud2 %d\n", sig_name(SIGILL),
	       code_name(SIGILL, fault.code), fault.addr == ud2_addr, (uintptr_t)fault.rip == ud2_addr);
	printf("ud2: after return rax %ld rbx %ld r15 0x%lx\n", rax, rbx, r15);

	asm volatile("xor %%edx, %%edx\n\t"
		     "int3\n\t"
		     "mov %%rdx, %[rdx]\n\t"
		     : [rdx] "=r"(rdx) : : "rdx", "memory");
	printf("int3: rdx after return %ld\n", rdx);

	{
		unsigned char cf, zf;
		unsigned long fl;

		setsig(SIGUSR1, on_usr1_flags);
		long pid = getpid();
		/* kill(getpid(), SIGUSR1) as a raw syscall, then read the flags
		 * before anything else can change them.  cmp sets ZF=1, CF=0. */
		asm volatile("mov $62, %%eax\n\t"
			     "mov %[pid], %%rdi\n\t"
			     "mov $10, %%esi\n\t"
			     "cmp %%rax, %%rax\n\t"
			     "syscall\n\t"
			     "setc %[cf]\n\t"
			     "setz %[zf]\n\t"
			     "pushf\n\t"
			     "pop %[fl]\n\t"
			     : [cf] "=r"(cf), [zf] "=r"(zf), [fl] "=r"(fl)
			     : [pid] "r"(pid)
			     : "rax", "rdi", "rsi", "rcx", "r11", "memory", "cc");
		printf("eflags: CF %d ZF %d IOPL %lu NT %lu IF %lu\n", cf, zf, (fl >> 12) & 3,
		       (fl >> 14) & 1, (fl >> 9) & 1);
	}

	skip_mode = 1;
	edits = 0;
	for (int i = 0; i < 1000; i++)
		asm volatile("ud2" ::: "memory");
	printf("ud2 skipped in a loop: %d\n", edits);

	bad_return("RIP non-canonical", 0, (long)0x8000000000000000UL, 0);
	bad_return("RIP non-canonical, SIGSEGV handler", 0, (long)0x8000000000000000UL, 1);
	bad_return("CS 0x10", 1, 0x10, 0);
	bad_return("CS 0x10, SIGSEGV handler", 1, 0x10, 1);
	bad_return("CS 0x30 (RPL forced to 3)", 1, 0x30, 0);
	return 0;
}
