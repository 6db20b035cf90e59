/*
 * sigreturn_forged_frames - rt_sigreturn with a forged frame (issue 13 §4).
 *
 * One case per forked child, so one death does not end the test.  The child
 * sends itself SIGUSR1 with a bare "syscall" (kill) in fsr_kill_self below;
 * the SA_SIGINFO handler edits the saved ucontext for that case and returns
 * through the restorer, so rt_sigreturn takes the forged frame down.  Then
 * either execution resumes right after the syscall - the child prints the
 * RFLAGS it sees (pushfq) and its MXCSR, which was set to 0x7f80 (round
 * toward zero) before the signal - or the child's own SIGSEGV/SIGBUS/SIGILL/
 * SIGTRAP handler (fault_handler, on an altstack) catches what rt_sigreturn
 * or the return to user mode raised, and the child prints si_code, REG_TRAPNO,
 * REG_ERR, si_addr (only when it is 0 or the forged value) and where REG_RIP
 * points.  The parent prints how each child ended.
 *
 * What Linux (arch/x86/kernel/signal_64.c restore_sigcontext, and
 * arch/x86/kernel/fpu/signal.c fpu__restore_sig) does, recorded on the host:
 *  - CS and SS get RPL 3 ORed in; a kernel or null selector makes the IRET
 *    fault: SIGSEGV SI_KERNEL, trapno 13, err = the selector.  The frames
 *    the kernel builds carry UC_STRICT_RESTORE_SS; without it a bad SS is
 *    replaced by __USER_DS (force_valid_ss) and the return succeeds.
 *  - A non-canonical RIP makes the IRET #GP (SIGSEGV SI_KERNEL trapno 13);
 *    a kernel RIP is an instruction fetch page fault in user mode
 *    (SEGV_MAPERR, err 0x15: Linux reports kernel addresses as protection
 *    faults).
 *  - RFLAGS: only FIX_EFLAGS (CF PF AF ZF SF TF DF OF AC RF) come from the
 *    frame; IOPL, IF, NT, VM, VIF, VIP, ID and the reserved bits do not.
 *  - fpstate NULL: the FPU is reset (MXCSR 0x1f80), no signal.  Unmapped,
 *    kernel or misaligned (8 mod 16) fpstate, and MXCSR with reserved bits:
 *    the restore fails and the task gets SIGSEGV SI_KERNEL (force_sig);
 *    REG_TRAPNO/REG_ERR are then the task's stale thread.trap_nr/error_code,
 *    0 in a child that never faulted.  A bad sw_reserved magic1/magic2 or
 *    xstate_size only makes Linux restore the legacy FXSAVE part: no signal.
 *  - uc_sigmask with every bit set: SIGKILL and SIGSTOP stay unblocked.
 *
 * Left out because Linux's answer depends on the CPU in a way QEMU's default
 * CPU (no XSAVE) and -cpu max would not agree on:
 *  - the XSAVE header (xstate_bv with an unknown bit, xcomp_bv nonzero) with
 *    valid magics: XRSTOR raises #GP (SIGSEGV) on an XSAVE CPU, but without
 *    XSAVE Linux uses FXRSTOR, which never reads the header (returns);
 *  - an fpstate aligned to 16 but not 64: only XRSTOR needs 64;
 *  - a non-canonical RSP: the next push raises #SS (SIGBUS) on hardware,
 *    QEMU's TCG raises #GP.
 * (The header cases with magic1 cleared are kept: the header is then never
 * used, on any CPU.)
 */
#include "ftest.h"
#include <stdlib.h>

#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U
#define UC_STRICT_RESTORE_SS 0x4UL
#define SW_BYTES_OFF 464		/* struct _fpx_sw_bytes in fxsave's sw_reserved */

struct fpx_sw_bytes {
	uint32_t magic1, extended_size;
	uint64_t xfeatures;
	uint32_t xstate_size, padding[7];
};

/* kill(pid, SIGUSR1) by one syscall; returns the RFLAGS pushfq saw right
 * after it.  Then AC, DF and TF are cleared before anything else runs. */
unsigned long fsr_kill_self(long pid, long sig);
extern char fsr_after_syscall[], fsr_after_pushf[];
asm(".text\n"
    ".globl fsr_kill_self\n"
    ".type fsr_kill_self, @function\n"
    "fsr_kill_self:\n"
    "	mov $62, %eax\n"
    "	syscall\n"
    ".globl fsr_after_syscall\n"
    "fsr_after_syscall:\n"
    "	pushfq\n"
    ".globl fsr_after_pushf\n"
    "fsr_after_pushf:\n"
    "	popq %rax\n"
    "	pushfq\n"
    "	andq $~0x40500, (%rsp)\n"
    "	popfq\n"
    "	ret\n"
    ".size fsr_kill_self, .-fsr_kill_self\n");

enum kind { NONE, CS, SS, SS_LOOSE, RIP, RSP, FLAGS, FP_PTR, FP_MISALIGN, FP_MXCSR,
	    FP_MAGIC1, FP_MAGIC2, FP_XSIZE, FP_HDR_NOMAGIC, SIGMASK };

struct tcase {
	const char *label;
	enum kind kind;
	unsigned long value;
};

#define UNMAPPED 1UL		/* stands for "an address that was just munmapped" */

static const struct tcase cases[] = {
	{ "control: frame unchanged", NONE, 0 },
	{ "CS = 0x10 (kernel CS)", CS, 0x10 },
	{ "CS = 0", CS, 0 },
	{ "SS = 0x18 (kernel DS)", SS, 0x18 },
	{ "SS = 0", SS, 0 },
	{ "SS = 0x18 with UC_STRICT_RESTORE_SS cleared", SS_LOOSE, 0x18 },
	{ "SS = 0 with UC_STRICT_RESTORE_SS cleared", SS_LOOSE, 0 },
	{ "RIP = 0x0000800000000000 (non-canonical)", RIP, 0x0000800000000000UL },
	{ "RIP = 0xdead000000000000 (non-canonical)", RIP, 0xdead000000000000UL },
	{ "RIP = 0xffffffff81000000 (kernel text)", RIP, 0xffffffff81000000UL },
	{ "RSP = 0x1000 (unmapped page)", RSP, 0x1000 },
	{ "RFLAGS = 0x202 (IF)", FLAGS, 0x202 },
	{ "RFLAGS = 0x3202 (IOPL 3)", FLAGS, 0x3202 },
	{ "RFLAGS = 0x2 (IF cleared)", FLAGS, 0x2 },
	{ "RFLAGS = 0x0 (reserved bit 1 cleared too)", FLAGS, 0x0 },
	{ "RFLAGS = 0x20202 (VM)", FLAGS, 0x20202 },
	{ "RFLAGS = 0x4202 (NT)", FLAGS, 0x4202 },
	{ "RFLAGS = 0x380202 (VIF VIP ID)", FLAGS, 0x380202 },
	{ "RFLAGS = 0x40202 (AC)", FLAGS, 0x40202 },
	{ "RFLAGS = 0x10202 (RF)", FLAGS, 0x10202 },
	{ "RFLAGS = 0xed7 (CF PF AF ZF SF DF OF)", FLAGS, 0xed7 },
	{ "RFLAGS = 0x302 (TF)", FLAGS, 0x302 },
	{ "RFLAGS = all 64 bits but TF", FLAGS, ~0x100UL },
	{ "fpstate = NULL", FP_PTR, 0 },
	{ "fpstate = an unmapped address", FP_PTR, UNMAPPED },
	{ "fpstate = 0xffffffff81000000 (kernel)", FP_PTR, 0xffffffff81000000UL },
	{ "fpstate = 0xffff800000000000 (start of the kernel half)", FP_PTR, 0xffff800000000000UL },
	{ "fpstate = 0x0000800000000000 (non-canonical)", FP_PTR, 0x0000800000000000UL },
	{ "fpstate = a copy at 8 mod 64 (misaligned)", FP_MISALIGN, 8 },
	{ "fpstate = a copy at 1 mod 64 (misaligned)", FP_MISALIGN, 1 },
	{ "MXCSR = 0xffffffff (reserved bits)", FP_MXCSR, 0xffffffff },
	{ "MXCSR = 0x17f80 (bit 16 is reserved)", FP_MXCSR, 0x17f80 },
	{ "sw_reserved magic1 = 0", FP_MAGIC1, 0 },
	{ "sw_reserved magic1 = 0 with an unknown xstate_bv bit and xcomp_bv set", FP_HDR_NOMAGIC, 0 },
	{ "magic2 (at fpstate + xstate_size) = 0", FP_MAGIC2, 0 },
	{ "sw_reserved xstate_size = 0x7fffffff", FP_XSIZE, 0x7fffffff },
	{ "uc_sigmask = all ones", SIGMASK, ~0UL },
};

static const struct tcase *cur;
static volatile int traps, trap_code, trap_rip_ok;
static unsigned long unmapped_page;
static unsigned char fp_copy[8192] __attribute__((aligned(64)));

static void edit_fpstate(ucontext_t *uc)
{
	unsigned char *fp = (unsigned char *)uc->uc_mcontext.fpregs;
	struct fpx_sw_bytes *sw = (struct fpx_sw_bytes *)(fp + SW_BYTES_OFF);
	int xsave = sw->magic1 == FP_XSTATE_MAGIC1;
	size_t size = xsave && sw->extended_size <= sizeof fp_copy - 64 ? sw->extended_size : 512;

	switch (cur->kind) {
	case FP_PTR:
		uc->uc_mcontext.fpregs = (void *)(cur->value == UNMAPPED ? unmapped_page : cur->value);
		break;
	case FP_MISALIGN:
		memcpy(fp_copy + cur->value, fp, size);
		uc->uc_mcontext.fpregs = (void *)(fp_copy + cur->value);
		break;
	case FP_MXCSR:
		uc->uc_mcontext.fpregs->mxcsr = (unsigned)cur->value;
		break;
	case FP_MAGIC1:
		sw->magic1 = 0;
		break;
	case FP_HDR_NOMAGIC:
		sw->magic1 = 0;
		/* The XSAVE header follows the 512-byte legacy area. */
		((uint64_t *)(fp + 512))[0] |= 1UL << 62;	/* xstate_bv: unknown bit */
		((uint64_t *)(fp + 512))[1] = 0x1234;		/* xcomp_bv without bit 63 */
		((uint64_t *)(fp + 512))[2] = ~0UL;		/* reserved */
		break;
	case FP_MAGIC2:
		if (xsave)	/* without XSAVE there is no magic2: nothing to break */
			*(uint32_t *)(fp + sw->xstate_size) = 0;
		break;
	case FP_XSIZE:
		if (xsave)
			sw->xstate_size = (uint32_t)cur->value;
		break;
	default:
		break;
	}
}

static void forge(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	unsigned long csgsfs = (unsigned long)g[REG_CSGSFS];

	(void)sig;
	(void)si;
	switch (cur->kind) {
	case CS:
		g[REG_CSGSFS] = (greg_t)((csgsfs & ~0xffffUL) | cur->value);
		break;
	case SS_LOOSE:
		uc->uc_flags &= ~UC_STRICT_RESTORE_SS;
		/* fall through */
	case SS:
		g[REG_CSGSFS] = (greg_t)((csgsfs & 0x0000ffffffffffffUL) | (cur->value << 48));
		break;
	case RIP:
		g[REG_RIP] = (greg_t)cur->value;
		break;
	case RSP:
		g[REG_RSP] = (greg_t)cur->value;
		break;
	case FLAGS:
		g[REG_EFL] = (greg_t)cur->value;
		break;
	case SIGMASK:
		memset(&uc->uc_sigmask, 0xff, 8);	/* the kernel's sigset is 64 bits */
		break;
	case NONE:
		break;
	default:
		edit_fpstate(uc);
		break;
	}
}

/* SIGTRAP after a return with TF set: count it, note where, clear TF. */
static void on_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	traps++;
	trap_code = si->si_code;
	trap_rip_ok = uc->uc_mcontext.gregs[REG_RIP] == (greg_t)fsr_after_pushf;
	uc->uc_mcontext.gregs[REG_EFL] &= ~0x100L;
}

static const char *rip_where(unsigned long rip)
{
	if (rip == (unsigned long)fsr_after_syscall)
		return "after the syscall";
	if (cur->kind == RIP && rip == cur->value)
		return "the forged value";
	return "elsewhere";
}

static void child(void)
{
	static char altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
	struct sigaction sa;
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
	unsigned mxcsr = 0x7f80;

	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_sigaction = on_trap;
	sigaction(SIGTRAP, &sa, NULL);
	sa.sa_sigaction = forge;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	if (cur->kind == FP_PTR && cur->value == UNMAPPED) {
		unmapped_page = map_anon(1, PROT_READ | PROT_WRITE);
		munmap((void *)unmapped_page, PAGE_SIZE);
	}

	if (sigsetjmp(fault_jmp, 1) == 0) {
		asm volatile("ldmxcsr %0" : : "m"(mxcsr));
		unsigned long fl = fsr_kill_self(getpid(), SIGUSR1);
		asm volatile("stmxcsr %0" : "=m"(mxcsr));
		printf("  returned: rflags 0x%lx mxcsr 0x%x", fl, mxcsr);
		if (traps)
			printf(" SIGTRAP x%d %s rip after pushfq %d", traps,
			       code_name(SIGTRAP, trap_code), trap_rip_ok);
		if (cur->kind == SIGMASK) {
			unsigned long now = 0;	/* raw: musl hides its signals 32-34 */

			syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &now, 8);
			printf(" blocked 0x%lx", now);
		}
		printf("\n");
	} else {
		unsigned long addr = fault.addr;

		printf("  %s %s trapno %ld err 0x%lx addr ", sig_name(fault.signo),
		       code_name(fault.signo, fault.code), fault.trapno, fault.err);
		if (addr == 0 || (cur->kind == RIP && addr == cur->value) ||
		    (cur->kind == RSP && addr >= cur->value - 64 && addr < cur->value))
			printf("0x%lx", addr);
		else
			printf("(other)");
		printf(" rip %s\n", rip_where(fault.rip));
	}
	exit(0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int status;

		cur = &cases[i];
		printf("%s:\n", cur->label);
		pid_t pid = fork();
		if (pid == 0)
			child();
		if (pid < 0) {
			printf("  fork: %s\n", errno_name(errno));
			return 1;
		}
		waitpid(pid, &status, 0);
		print_wait_status("  status", status);
	}
	return 0;
}
