/*
 * arch/x86/kernel/dumpstack.c - the oops report, in Linux's format (docs/linux-abi.md §13; Linux
 * arch/x86/kernel/dumpstack.c __die_header/__die_body/oops_end/show_opcodes,
 * process_64.c __show_regs).  Scripts grep these prefixes, so the wording
 * is an interface:
 *
 *   Oops: 0003 [#1] NOPTI
 *   CPU: 0 PID: 1 Comm: swapper/0 Not tainted 0.1.0-faultline #1
 *   RIP: 0010:func+0x1cd/0x1f0
 *   Code: <42 bytes> <byte at RIP> <21 bytes>
 *   RSP: 0018:... EFLAGS: ...  (then all registers, FS/GS, CR0, CR2/CR3/CR4)
 *   Call Trace:  <TASK> frames </TASK>
 *   ---[ end trace 0000000000000000 ]---
 */
#include <asm/traps.h>
#include <printk.h>
#include <sched.h>
#include <kallsyms.h>
#include <uaccess.h>
#include <signal.h>
#include <asm/processor.h>
#include <asm/sections.h>

#define UTS_RELEASE "0.1.0-faultline"
#define PROLOGUE_SIZE 42          /* Code: bytes before RIP (Linux show_opcodes) */
#define EPILOGUE_SIZE 21
#define OPCODE_BUFSIZE (PROLOGUE_SIZE + 1 + EPILOGUE_SIZE)
#define MAX_TRACE_DEPTH 32

unsigned long die_counter;

static bool kernel_text_address(u64 a) { return a >= (u64)_text && a < (u64)_etext; }

void oops_begin(void)
{
	local_irq_disable();
}

void __die_header(const char *str, struct pt_regs *regs, u64 err)
{
	printk(KERN_EMERG "%s: %04lx [#%lu] NOPTI\n", str, err & 0xffff, ++die_counter);
}

static void show_opcodes(struct pt_regs *regs)
{
	u8 code[OPCODE_BUFSIZE];
	u64 start = regs->rip - PROLOGUE_SIZE;
	char line[OPCODE_BUFSIZE * 3 + 16];
	int n = 0;

	if (copy_from_kernel_nofault(code, (void *)start, sizeof(code))) {
		pr_emerg("Code: Unable to access opcode bytes at 0x%lx.\n", start);
		return;
	}
	for (int i = 0; i < OPCODE_BUFSIZE; i++)
		n += snprintf(line + n, sizeof(line) - n, i == PROLOGUE_SIZE ? "%s<%02x>" : "%s%02x",
			      i ? " " : "", code[i]);
	pr_emerg("Code: %s\n", line);
}

static void show_ip(struct pt_regs *regs)
{
	pr_emerg("RIP: %04lx:%pS\n", regs->cs & 0xffff, (void *)regs->rip);
	show_opcodes(regs);
}

static void show_regs_body(struct pt_regs *regs)
{
	pr_emerg("RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss & 0xffff, regs->rsp, regs->eflags);
	pr_emerg("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx, regs->rcx);
	pr_emerg("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
	pr_emerg("RBP: %016lx R08: %016lx R09: %016lx\n", regs->rbp, regs->r8, regs->r9);
	pr_emerg("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	pr_emerg("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	pr_emerg("FS:  %016lx(%04x) GS:%016lx(%04x) knlGS:%016lx\n",
		 rdmsr(MSR_FS_BASE), 0, rdmsr(MSR_GS_BASE), 0, rdmsr(MSR_KERNEL_GS_BASE));
	pr_emerg("CS:  %04lx DS: %04x ES: %04x CR0: %016lx\n", regs->cs & 0xffff, 0, 0, read_cr0());
	pr_emerg("CR2: %016lx CR3: %016lx CR4: %016lx\n", read_cr2(), read_cr3(), read_cr4());
}

/*
 * Walk saved frame pointers: [rbp] = caller's rbp, [rbp+8] = return address.
 * The word at the faulting rsp is printed first, marked "?" (unreliable), as
 * Linux does: a leaf function that set up no frame leaves its return
 * address only there.
 */
static void show_trace(u64 rsp, u64 rbp)
{
	u64 ret;
	pr_emerg("Call Trace:\n");
	pr_emerg(" <TASK>\n");
	if (rsp && !copy_from_kernel_nofault(&ret, (void *)rsp, sizeof(ret)) && kernel_text_address(ret))
		pr_emerg(" ? %pB\n", (void *)ret);
	for (int depth = 0; depth < MAX_TRACE_DEPTH && rbp; depth++) {
		u64 frame[2];
		if (copy_from_kernel_nofault(frame, (void *)rbp, sizeof(frame)))
			break;
		if (!kernel_text_address(frame[1]))
			break;
		pr_emerg(" %pB\n", (void *)frame[1]);
		if (frame[0] <= rbp)         /* frames only move up the stack */
			break;
		rbp = frame[0];
	}
	pr_emerg(" </TASK>\n");
}

void show_regs(struct pt_regs *regs)
{
	show_ip(regs);
	show_regs_body(regs);
}

void __die_body(struct pt_regs *regs)
{
	struct task_struct *t = current;
	pr_emerg("CPU: 0 PID: %d Comm: %.20s Not tainted %s #1\n", t ? t->pid : 0,
		 t ? t->comm : "swapper/0", UTS_RELEASE);
	show_regs(regs);
	if (!user_mode(regs))
		show_trace(regs->rsp, regs->rbp);
}

/* In the kernel's own context (boot, idle, interrupts) there is no task to
 * kill, so an oops there is fatal (Linux: "Fatal exception"). */
void oops_end(struct pt_regs *regs, int signr, u64 cr2, bool show_cr2)
{
	pr_emerg("Modules linked in:\n");
	if (show_cr2)
		pr_emerg("CR2: %016lx\n", cr2);
	pr_emerg("---[ end trace 0000000000000000 ]---\n");
	show_regs(regs);
	if (!current || current->pid <= 1)
		panic("Fatal exception");
	pr_emerg("note: %s[%d] exited with irqs disabled\n", current->comm, current->pid);
	local_irq_enable();
	do_exit(signr);
}

/* Linux dump_stack: who is running, then the call trace. */
void dump_stack(void)
{
	struct task_struct *t = current;
	pr_emerg("CPU: 0 PID: %d Comm: %.20s Not tainted %s #1\n", t ? t->pid : 0,
		 t ? t->comm : "swapper/0", UTS_RELEASE);
	show_trace(0, (u64)__builtin_frame_address(0));
}
