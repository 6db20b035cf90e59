/*
 * arch/x86/kernel/traps.c - what each exception means, from kernel mode and from
 * user mode (Linux: arch/x86/kernel/traps.c).
 *
 *   vector            kernel mode                 user mode
 *   #PF 14            arch/x86/mm/fault.c do_page_fault    arch/x86/mm/fault.c do_page_fault
 *   #DE 0             die "divide error"          SIGFPE  FPE_INTDIV, si_addr = RIP
 *   #BP 3             die "int3"                  SIGTRAP SI_KERNEL
 *   #UD 6             die "invalid opcode"        SIGILL  ILL_ILLOPN, si_addr = RIP
 *   #GP 13            fixup, else die             SIGSEGV SI_KERNEL, si_addr 0
 *   #DF 8             report and panic (IST)      -
 *   others            die with their name         the signal in trap_table
 *
 * Every return to user mode goes through exit_to_user_mode(), which delivers
 * pending signals: the one place where faults become handlers.
 */
#include <asm/traps.h>
#include <printk.h>
#include <nmi.h>
#include <sched.h>
#include <signal.h>
#include <entry-common.h>
#include <asm/processor.h>
#include <asm/sections.h>

struct trap_info {
	const char *name;           /* the string Linux passes to die()/do_trap() */
	int signo, si_code;
	bool addr_is_ip;            /* si_addr = faulting RIP (else 0) */
};

static const struct trap_info trap_table[NR_EXCEPTIONS] = {
	[X86_TRAP_DE] = { "divide error", SIGFPE, FPE_INTDIV, true },
	[X86_TRAP_DB] = { "debug", SIGTRAP, TRAP_TRACE, true },     /* single step: si_addr = next rip */
	[X86_TRAP_NMI] = { "NMI", 0, 0, false },
	[X86_TRAP_BP] = { "int3", SIGTRAP, SI_KERNEL, false },
	[X86_TRAP_OF] = { "overflow", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_BR] = { "bounds", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_UD] = { "invalid opcode", SIGILL, ILL_ILLOPN, true },
	[X86_TRAP_NM] = { "device not available", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_DF] = { "double fault", 0, 0, false },
	[X86_TRAP_OLD_MF] = { "coprocessor segment overrun", SIGFPE, SI_KERNEL, false },
	[X86_TRAP_TS] = { "invalid TSS", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_NP] = { "segment not present", SIGBUS, SI_KERNEL, false },
	[X86_TRAP_SS] = { "stack segment", SIGBUS, SI_KERNEL, false },
	[X86_TRAP_GP] = { "general protection fault", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_PF] = { "page fault", SIGSEGV, SEGV_MAPERR, false },
	[X86_TRAP_SPURIOUS] = { "spurious interrupt", 0, 0, false },
	[X86_TRAP_MF] = { "fpu exception", SIGFPE, SI_KERNEL, true },
	[X86_TRAP_AC] = { "alignment check", SIGBUS, BUS_ADRALN, false },
	[X86_TRAP_MC] = { "machine check", SIGBUS, SI_KERNEL, false },
	[X86_TRAP_XF] = { "simd exception", SIGFPE, SI_KERNEL, true },
	[X86_TRAP_VE] = { "virtualization exception", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_CP] = { "control protection fault", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_VC] = { "VMM communication", SIGSEGV, SI_KERNEL, false },
	[X86_TRAP_SX] = { "security exception", SIGSEGV, SI_KERNEL, false },
};

const char *trap_name(u64 vector)
{
	if (vector < NR_EXCEPTIONS && trap_table[vector].name)
		return trap_table[vector].name;
	return "reserved exception";
}

void die(const char *str, struct pt_regs *regs, u64 err)
{
	oops_begin();
	__die_header(str, regs, err);
	__die_body(regs);
	oops_end(regs, SIGSEGV, 0, false);
}

/* Record the trap for sigcontext (REG_ERR, REG_TRAPNO), as Linux's
 * do_trap() sets tsk->thread.error_code and trap_nr. */
static void record_trap(u64 vector, u64 err)
{
	current->thread.trap_nr = vector;
	current->thread.error_code = err;
}

/* Exception flag bits shared by the x87 status word and MXCSR (SDM vol. 1 §8.1.3, §10.2.3). */
#define FP_EXC_INVALID 0x01
#define FP_EXC_DENORMAL 0x02
#define FP_EXC_ZERODIV 0x04
#define FP_EXC_OVERFLOW 0x08
#define FP_EXC_UNDERFLOW 0x10
#define FP_EXC_PRECISION 0x20
#define FP_EXC_ALL 0x3f
#define MXCSR_MASK_SHIFT 7           /* MXCSR bits 7..12 mask the flags in bits 0..5 */

/* Which unmasked exception fired, as an FPE_* code (Linux: fpu__exception_code). */
static int fpe_code(u32 raised)
{
	if (raised & FP_EXC_INVALID)
		return FPE_FLTINV;
	if (raised & FP_EXC_ZERODIV)
		return FPE_FLTDIV;
	if (raised & FP_EXC_OVERFLOW)
		return FPE_FLTOVF;
	if (raised & (FP_EXC_UNDERFLOW | FP_EXC_DENORMAL))
		return FPE_FLTUND;
	if (raised & FP_EXC_PRECISION)
		return FPE_FLTRES;
	return 0;           /* Linux sends si_code 0 when it cannot tell */
}

static int fpu_exception_code(u64 vector)
{
	u32 mxcsr;
	u16 cwd, swd;
	if (vector == X86_TRAP_XF) {
		asm volatile("stmxcsr %0" : "=m"(mxcsr));
		return fpe_code(mxcsr & ~(mxcsr >> MXCSR_MASK_SHIFT) & FP_EXC_ALL);
	}
	asm volatile("fnstcw %0; fnstsw %1" : "=m"(cwd), "=m"(swd));
	return fpe_code(swd & ~cwd & FP_EXC_ALL);
}

static void do_user_trap(struct pt_regs *regs, u64 vector)
{
	const struct trap_info *t = &trap_table[vector];
	int code = t->si_code;
	record_trap(vector, regs->orig_rax);   /* 0 where the CPU pushes no code */
	if (vector == X86_TRAP_XF || vector == X86_TRAP_MF)
		code = fpu_exception_code(vector);
	force_sig_fault(t->signo ? t->signo : SIGSEGV, code, t->addr_is_ip ? regs->rip : 0);
}

static void do_general_protection(struct pt_regs *regs)
{
	if (fixup_exception(regs))
		return;
	if (regs->orig_rax)
		die("segment-related general protection fault", regs, regs->orig_rax);
	else
		die("general protection fault", regs, 0);
}

/* Is addr inside the unmapped guard page below the current kernel stack? */
static bool in_stack_guard_page(u64 addr, u64 *lo, u64 *hi)
{
	u64 base = current && current->stack ? (u64)current->stack : (u64)init_stack_guard + PAGE_SIZE;
	*lo = base;
	*hi = base + (current && current->stack ? THREAD_SIZE : 4 * PAGE_SIZE);
	return addr >= base - PAGE_SIZE && addr < base;
}

/*
 * #DF runs on its own IST stack.  The usual cause is a kernel stack overflow:
 * the #PF on the guard page cannot push its frame on the full stack, which
 * turns it into a double fault (Linux: exc_double_fault, handle_stack_overflow).
 * The task's stack is unusable, so this always ends in a panic.
 */
static void do_double_fault(struct pt_regs *regs)
{
	u64 cr2 = read_cr2(), lo, hi;
	oops_begin();
	if (in_stack_guard_page(cr2, &lo, &hi)) {
		pr_emerg("BUG: TASK stack guard page was hit at %016lx (stack is %016lx..%016lx)\n",
			 cr2, lo, hi);
		__die_header("stack guard page", regs, 0);
	} else {
		pr_emerg("traps: PANIC: double fault, error_code: 0x%lx\n", regs->orig_rax);
		__die_header("double fault", regs, regs->orig_rax);
	}
	__die_body(regs);
	pr_emerg("---[ end trace 0000000000000000 ]---\n");
	panic("Fatal exception in interrupt");
}

static void do_kernel_trap(struct pt_regs *regs, u64 vector)
{
	switch (vector) {
	case X86_TRAP_GP:
		do_general_protection(regs);
		break;
	case X86_TRAP_DF:
		do_double_fault(regs);
		break;
	default:
		if (fixup_exception(regs))
			return;
		die(trap_name(vector), regs, regs->orig_rax);
	}
}

void do_trap(struct pt_regs *regs, u64 vector)
{
	bool from_user = user_mode(regs);

	if (vector == X86_TRAP_NMI) {
		do_nmi(regs);		/* on its own stack, from anywhere: no signals, no schedule */
		return;
	}
	if (vector >= IRQ_BASE)
		do_irq(regs, vector - IRQ_BASE);
	else if (vector == X86_TRAP_PF)
		do_page_fault(regs, regs->orig_rax);
	else if (from_user)
		do_user_trap(regs, vector);
	else
		do_kernel_trap(regs, vector);

	if (from_user)
		exit_to_user_mode(regs);
}
