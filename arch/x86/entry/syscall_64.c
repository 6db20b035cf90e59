/*
 * arch/x86/entry/syscall_64.c - the system call table and its dispatcher.
 *
 * Linux x86-64 convention (docs/linux-abi.md §2): number in rax, arguments in rdi,
 * rsi, rdx, r10, r8, r9; the result (or -errno in [-4095, -1]) in rax; the
 * syscall instruction leaves the return rip in rcx and rflags in r11.
 * Unknown numbers return -ENOSYS and are logged once each, by name.
 */
#include <sched.h>
#include <asm/syscall.h>
#include <entry-common.h>
#include <signal.h>
#include <syscalls.h>
#include <printk.h>
#include <errno.h>
#include <asm/processor.h>
#include <asm/proto.h>
#include <mm_types.h>
#include <fs.h>

#define SYSCALL_RFLAGS_MASK 0x257fd5UL   /* Linux's MSR_SYSCALL_MASK: IF, TF, DF, AC ... off */

typedef long (*sys_call_ptr_t)(const struct pt_regs *regs);

/* The table and the names, both from the one list. */
#define __SYSCALL(nr, name) [nr] = __x64_sys_##name,
#define __SYSCALL_NI(nr, name)
static const sys_call_ptr_t sys_call_table[] = {
#include "syscalls/syscall_64.h"
};
#undef __SYSCALL
#undef __SYSCALL_NI

#define __SYSCALL(nr, name) [nr] = #name,
#define __SYSCALL_NI(nr, name) [nr] = #name,
static const char *const sys_call_names[] = {
#include "syscalls/syscall_64.h"
};
#undef __SYSCALL
#undef __SYSCALL_NI

#define NR_syscalls ARRAY_SIZE(sys_call_names)

/* A missing call is logged once per program and number (the bitmap lives in
 * the mm, which exec replaces); every number past the table shares one bit. */
static bool first_time(u64 *bits, u64 slot)
{
	u64 bit = 1UL << (slot % 64);
	if (!bits || slot / 64 >= 8)
		return true;
	if (bits[slot / 64] & bit)
		return false;
	bits[slot / 64] |= bit;
	return true;
}

static long enosys(u64 nr)
{
	u64 slot = nr < NR_syscalls ? nr : NR_syscalls;
	if (!first_time(current->mm ? current->mm->enosys_logged : NULL, slot))
		return -ENOSYS;
	if (nr < NR_syscalls && sys_call_names[nr])
		pr_warn("%s[%d]: syscall %s (%lu) not implemented: -ENOSYS\n", current->comm,
			current->pid, sys_call_names[nr], nr);
	else
		pr_warn("%s[%d]: unknown syscall %lu: -ENOSYS\n", current->comm, current->pid, nr);
	return -ENOSYS;
}

/*
 * A call refused a flag or mode Linux has and faultline does not: say which,
 * once per program and call, so a program that fails can be explained.
 * Returns err, the errno Linux would give if it lacked the feature too.
 */
long syscall_unsupported(const char *what, u64 bits, long err)
{
	u64 nr = (u32)current_pt_regs()->orig_rax;
	if (nr >= NR_syscalls || !first_time(current->mm ? current->mm->unsupported_logged : NULL, nr))
		return err;
	pr_warn("%s[%d]: %s: %s 0x%lx not supported by faultline: %ld\n", current->comm, current->pid,
		sys_call_names[nr] ? sys_call_names[nr] : "?", what, bits, err);
	return err;
}

static long dispatch(struct pt_regs *regs, u64 nr)
{
	if (nr < ARRAY_SIZE(sys_call_table) && sys_call_table[nr])
		return sys_call_table[nr](regs);
	return enosys(nr);
}

/* SYSRET is only safe back to the exact state the syscall left (Linux's
 * checks in entry_SYSCALL_64): same rip/rflags in rcx/r11, user selectors,
 * a canonical rip below the top guard page, and no TF/RF to honour. */
static bool sysret_ok(struct pt_regs *regs)
{
	return regs->rcx == regs->rip && regs->r11 == regs->eflags && regs->cs == __USER_CS &&
	       regs->ss == __USER_DS && regs->rip < TASK_SIZE_MAX &&
	       !(regs->eflags & (X86_EFLAGS_TF | X86_EFLAGS_RF));
}

int do_syscall_64(struct pt_regs *regs)
{
	local_irq_enable();
	/* Only the low 32 bits name the call (Linux >= 5.x treats it as an int). */
	current->in_syscall = true;
	regs->rax = dispatch(regs, (u32)regs->orig_rax);
	current->in_syscall = false;
	if (current->nr_syscall_files)
		fput_syscall_files();      /* the files fget() kept alive for this call */
	syscall_exit_to_user_mode(regs);
	return sysret_ok(regs);
}

void syscall_init(void)
{
	/* STAR[47:32]: syscall CS = 0x10 (SS 0x18); STAR[63:48]: sysret CS = 0x23+16 = 0x33, SS = 0x2b. */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
