/*
 * arch/x86/mm/fault.c - the x86-64 page fault handler (Linux
 * arch/x86/mm/fault.c; docs/tour.md walks one fault through it).
 *
 * A word on page faults.  The CPU reports the faulting address in CR2 and
 * why in the error code (its bits: asm/trap_pf.h).  The handler is
 * do_page_fault (Linux >= 5.8 calls the entry exc_page_fault; older kernels
 * and docs/scenarios/find-vma-and-stack-growth.md use the older name, kept here).
 *
 * Kinds of fault, and where each is decided:
 *
 *   kind                            decided by             result
 *   user access to a kernel address do_page_fault          SIGSEGV SEGV_MAPERR
 *   no VMA at or above the address  find_vma -> bad_area   SIGSEGV SEGV_MAPERR
 *   below a VM_GROWSDOWN VMA        expand_stack (mm/vma.c) grows, or SEGV_MAPERR
 *   VMA forbids the access          access_error           SIGSEGV SEGV_ACCERR
 *   anonymous zero-fill             do_anonymous_page      page mapped
 *   write to a COW / zero page      do_wp_page             page copied
 *   file-backed                     filemap_fault          page-cache page mapped
 *   file page beyond end of file    filemap_fault          SIGBUS BUS_ADRERR
 *   kernel fault, ex_table entry    fixup_exception        uaccess returns -EFAULT
 *   any other kernel fault          page_fault_oops        oops; the task dies
 *
 * handle_mm_fault() returns a vm_fault_t; this file alone turns it into a
 * signal (mm_fault_error), as Linux does.
 */
#include <mmap_lock.h>
#include <vmstat.h>
#include <asm/traps.h>
#include <asm/trap_pf.h>
#include <pftrace.h>
#include <oom.h>
#include <mm_types.h>
#include <sched.h>
#include <printk.h>
#include <signal.h>

#include <asm/processor.h>

/* The fault line of "pftrace": the error code decoded into words. */
static void trace_begin(struct pt_regs *regs, u64 address, u64 err)
{
	if (!pftrace_wanted())
		return;
	pftrace_begin(current ? current->pid : 0, address, regs->rip, err,
		      err & X86_PF_USER ? "user" : "kernel",
		      err & X86_PF_INSTR ? "fetch" : err & X86_PF_WRITE ? "write" : "read",
		      err & X86_PF_PROT ? "protection" : "not-present");
}

/* ---------------------------------------------------------------- oops */
static void dump_pagetable(u64 address)
{
	static const char *const names[] = { [PT_PGD] = "PGD", [PT_PUD] = "PUD", [PT_PMD] = "PMD", [PT_PTE] = "PTE" };
	char line[160];
	int n = 0;
	pteval_t *table = __va(read_cr3() & PTE_PFN_MASK);

	for (int level = PT_PGD; level >= PT_PTE; level--) {
		pteval_t e = table[pt_index(address, level)];
		/* every level keeps a trailing space except the PTE (Linux dump_pagetable) */
		n += snprintf(line + n, sizeof(line) - n, level == PT_PTE ? "%s %lx" : "%s %lx ",
			      names[level], e);
		if (level == PT_PGD)       /* 4-level paging: the P4D is folded into the PGD */
			n += snprintf(line + n, sizeof(line) - n, "P4D %lx ", e);
		if (!pte_present(e) || pte_huge(e))   /* stop at the first absent or large entry */
			break;
		table = pt_table(e);
	}
	pr_emerg("%s\n", line);
}

static bool pte_is_nx(u64 address)
{
	pteval_t *table = __va(read_cr3() & PTE_PFN_MASK);
	for (int level = PT_PGD; level >= PT_PTE; level--) {
		pteval_t e = table[pt_index(address, level)];
		if (!pte_present(e))
			return false;
		if (level == PT_PTE || pte_huge(e))
			return e & _PAGE_NX;
		table = pt_table(e);
	}
	return false;
}

static void show_fault_oops(struct pt_regs *regs, u64 err, u64 address)
{
	if (err & X86_PF_INSTR) {
		if (address < TASK_SIZE_MAX)
			pr_crit("unable to execute userspace code (SMEP?) (uid: 0)\n");
		else if (pte_is_nx(address))
			pr_crit("kernel tried to execute NX-protected page - exploit attempt? (uid: 0)\n");
	}
	if (address < PAGE_SIZE && !user_mode(regs))
		pr_alert("BUG: kernel NULL pointer dereference, address: %016lx\n", address);
	else
		pr_alert("BUG: unable to handle page fault for address: %016lx\n", address);
	pr_alert("#PF: %s %s in %s mode\n", err & X86_PF_USER ? "user" : "supervisor",
		 err & X86_PF_INSTR ? "instruction fetch" : err & X86_PF_WRITE ? "write access" : "read access",
		 user_mode(regs) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", err,
		 !(err & X86_PF_PROT) ? "not-present page" :
		 err & X86_PF_RSVD ? "reserved bit violation" :
		 err & X86_PF_PK ? "protection keys violation" : "permissions violation");
	dump_pagetable(address);
}

/* A kernel-mode fault nothing can fix: print the oops and kill the task. */
static void page_fault_oops(struct pt_regs *regs, u64 err, u64 address)
{
	oops_begin();
	show_fault_oops(regs, err, address);
	__die_header("Oops", regs, err);
	__die_body(regs);
	oops_end(regs, SIGKILL, address, true);
}

/*
 * Kernel mode, and the fault was not resolved: fix up a uaccess, or oops.
 * (Linux >= 5.16: kernelmode_fixup_or_oops; before that no_context;
 * docs/scenarios/segv-codes-and-exception-table.md.)
 */
static void kernelmode_fixup_or_oops(struct pt_regs *regs, u64 err, u64 address)
{
	if (fixup_exception(regs)) {
		trace_fault_step("fixup_exception -> -EFAULT");
		return;
	}
	pftrace_end();
	page_fault_oops(regs, err, address);
}

/* ---------------------------------------------------------------- signals */
/* Will this SIGSEGV kill the task (no handler may catch it)? */
static bool unhandled_segv(void)
{
	u64 h = current->sighand->action[SIGSEGV - 1].handler;
	return h == SIG_DFL || h == SIG_IGN || (current->blocked & sigmask(SIGSEGV));
}

/*
 * The kernel-log line Linux prints for a fatal user segfault
 * (show_signal_msg, debug.exception-trace=1), in 6.1's form:
 *   prog[42]: segfault at 0 ip 0000000000401136 sp 00007ffc... error 6 in prog[401000+1000]
 */
static void show_signal_msg(struct pt_regs *regs, u64 err, u64 address)
{
	struct vm_area_struct *v = current->mm ? find_vma(current->mm, regs->rip) : NULL;
	if (!unhandled_segv())
		return;
	if (v && v->vm_start <= regs->rip)
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx in %s[%lx+%lx] likely on CPU 0 (core 0, socket 0)\n",
			current->comm, current->pid, address, regs->rip, regs->rsp, err, current->comm, v->vm_start,
			v->vm_end - v->vm_start);
	else
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx likely on CPU 0 (core 0, socket 0)\n",
			current->comm, current->pid, address, regs->rip, regs->rsp, err);
}

static void __bad_area_nosemaphore(struct pt_regs *regs, u64 err, u64 address, int si_code)
{
	if (!user_mode(regs)) {
		kernelmode_fixup_or_oops(regs, err, address);
		return;
	}
	/* A user access to a kernel address is reported with PROT set, as if the
	 * kernel's pages were present but forbidden (Linux does the same). */
	if (address >= TASK_SIZE_MAX)
		err |= X86_PF_PROT;
	current->thread.cr2 = address;
	current->thread.error_code = err;
	current->thread.trap_nr = X86_TRAP_PF;
	trace_fault_step(si_code == SEGV_MAPERR ? "SIGSEGV SEGV_MAPERR" : "SIGSEGV SEGV_ACCERR");
	show_signal_msg(regs, err, address);
	/* LAB ufault: BEGIN siginfo */
	force_sig_fault(SIGSEGV, si_code, address);
	/* LAB ufault: END siginfo */
}

static void bad_area(struct pt_regs *regs, u64 err, u64 address)
{
	trace_fault_step("bad_area");
	__bad_area_nosemaphore(regs, err, address, SEGV_MAPERR);
}

static void bad_area_access_error(struct pt_regs *regs, u64 err, u64 address)
{
	trace_fault_step("access_error");
	__bad_area_nosemaphore(regs, err, address, SEGV_ACCERR);
}

/* File page beyond EOF (docs/scenarios/sigbus-beyond-eof.md): SIGBUS BUS_ADRERR with the exact address. */
static noinline_for_gdb void do_sigbus(struct pt_regs *regs, u64 err, u64 address)
{
	if (!user_mode(regs)) {
		kernelmode_fixup_or_oops(regs, err, address);
		return;
	}
	current->thread.cr2 = address;
	current->thread.error_code = err;
	current->thread.trap_nr = X86_TRAP_PF;
	trace_fault_step("VM_FAULT_SIGBUS -> do_sigbus -> SIGBUS BUS_ADRERR");
	/* LAB mmap-eof: BEGIN sigbus */
	force_sig_fault(SIGBUS, BUS_ADRERR, address);
	/* LAB mmap-eof: END sigbus */
}

static void mm_fault_error(struct pt_regs *regs, u64 err, u64 address, vm_fault_t fault)
{
	if (fault & VM_FAULT_OOM) {
		if (!user_mode(regs)) {
			kernelmode_fixup_or_oops(regs, err, address);
			return;
		}
		trace_fault_step("VM_FAULT_OOM -> pagefault_out_of_memory");
		pagefault_out_of_memory();	/* then the access is simply tried again */
	} else if (fault & VM_FAULT_SIGBUS) {
		do_sigbus(regs, err, address);
	} else {
		bad_area(regs, err, address);
	}
}

/* ---------------------------------------------------------------- policy */
/*
 * May this access touch this VMA?  One early return per case, as Linux's
 * access_error().  An instruction fetch is not checked against VM_EXEC here:
 * the page is mapped first (with NX), and the retried fetch then faults with
 * PROT|INSTR and lands in the "read, present" case (docs/linux-abi.md §0.4: 0x15).
 */
static bool access_error(u64 err, struct vm_area_struct *vma)
{
	if (err & (X86_PF_PK | X86_PF_SGX | X86_PF_SHSTK))
		return true;
	if (err & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (err & X86_PF_PROT)           /* read of a present page: forbidden by the PTE */
		return true;
	return !(vma->vm_flags & VM_ACCESS_FLAGS);   /* PROT_NONE */
}

static unsigned fault_flags(struct pt_regs *regs, u64 err)
{
	unsigned flags = 0;
	/* FAULT_FLAG_USER comes from the saved CS, not from X86_PF_USER (Linux). */
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (err & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (err & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	return flags;
}

/* Linux mm_account_fault: the task's counts (getrusage) and the global events (/proc/vmstat). */
static void account_fault(vm_fault_t fault)
{
	count_vm_event(PGFAULT);
	if (fault & VM_FAULT_MAJOR) {
		current->maj_flt++;
		count_vm_event(PGMAJFAULT);
	} else {
		current->min_flt++;
	}
}

/*
 * SMAP stopped the kernel touching a present user page outside a
 * stac()/clac() window: a kernel bug, never fixed up (Linux: the same check
 * in do_user_addr_fault, "SMAP violation").
 */
static bool smap_violation(struct pt_regs *regs, u64 err)
{
	return cpu_has_smap && !user_mode(regs) && (err & X86_PF_PROT) && !(regs->eflags & X86_EFLAGS_AC);
}

/* What the locked part found, besides handle_mm_fault's own answers
 * (bits no vm_fault_t uses). */
#define FAULT_MAPERR ((vm_fault_t)1 << 30)	/* no VMA: SEGV_MAPERR */
#define FAULT_ACCERR ((vm_fault_t)1 << 31)	/* a VMA that forbids this access: SEGV_ACCERR */

static vm_fault_t __do_user_addr_fault(struct pt_regs *regs, u64 err, u64 address, struct mm_struct *mm);

/*
 * A fault on a user address, from user mode or from the kernel inside a
 * uaccess routine.  (Linux: do_user_addr_fault and lock_mm_and_find_vma.)
 */
static void do_user_addr_fault(struct pt_regs *regs, u64 err, u64 address)
{
	struct mm_struct *mm = current ? current->mm : NULL;
	vm_fault_t fault;

	/* The kernel touching user memory outside copy_*_user is a bug. */
	if (!user_mode(regs) && (!search_exception_tables(regs->rip) || smap_violation(regs, err))) {
		pftrace_end();
		page_fault_oops(regs, err, address);
		return;
	}
	if (!mm) {
		bad_area(regs, err, address);
		return;
	}
	/*
	 * mm->mmap_lock for reading (mmap_sem before Linux 5.8, the name older books
	 * use), so that no munmap or mprotect in another thread changes
	 * the VMAs while this fault uses them; the lock is dropped before a
	 * signal is sent or the OOM killer runs, as Linux's bad_area does.
	 */
	mmap_read_lock(mm);
	fault = __do_user_addr_fault(regs, err, address, mm);
	mmap_read_unlock(mm);
	switch (fault) {
	case FAULT_MAPERR:
		bad_area(regs, err, address);
		break;
	case FAULT_ACCERR:
		bad_area_access_error(regs, err, address);
		break;
	default:
		if (fault & VM_FAULT_ERROR)
			mm_fault_error(regs, err, address, fault);
		else
			account_fault(fault);
	}
}

/* Under mmap_lock: find the VMA, grow a stack, check the access, fault the
 * page in.  => what handle_mm_fault said, or FAULT_MAPERR / FAULT_ACCERR. */
static vm_fault_t __do_user_addr_fault(struct pt_regs *regs, u64 err, u64 address, struct mm_struct *mm)
{
	struct vm_area_struct *vma = find_vma(mm, address);
	pftrace_vma(vma, address);
	if (!vma)
		return FAULT_MAPERR;
	if (vma->vm_start > address) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address))
			return FAULT_MAPERR;
		trace_fault_step("expand_stack");
	}
	if (access_error(err, vma))
		return FAULT_ACCERR;
	return handle_mm_fault(vma, address, fault_flags(regs, err));
}

/* A fault on a kernel address: only a fixup can save it. */
static void do_kern_addr_fault(struct pt_regs *regs, u64 err, u64 address)
{
	if (user_mode(regs))
		bad_area(regs, err, address);
	else
		kernelmode_fixup_or_oops(regs, err, address);
}

void do_page_fault(struct pt_regs *regs, u64 error_code)
{
	/* Read CR2 first: another fault (even in a printk) would overwrite it. */
	u64 address = read_cr2();

	trace_begin(regs, address, error_code);
	if (user_mode(regs))
		local_irq_enable();
	if (address >= TASK_SIZE_MAX)
		do_kern_addr_fault(regs, error_code, address);
	else
		do_user_addr_fault(regs, error_code, address);
	pftrace_end();
}
