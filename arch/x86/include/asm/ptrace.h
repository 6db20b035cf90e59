/*
 * struct pt_regs: the registers saved on kernel entry, in Linux's order
 * (arch/x86/include/asm/ptrace.h), so gdb and oops output read the same.
 * The last five words are what the CPU pushes for an interrupt; orig_rax holds
 * the hardware error code for exceptions and the syscall number for syscalls.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H
#include <types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx;
	u64 r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi;
	u64 orig_rax;
	u64 rip, cs, eflags, rsp, ss;
};

/* GDT selectors, Linux's values (arch/x86/include/asm/segment.h). */
#define GDT_ENTRY_KERNEL_CS 2
#define GDT_ENTRY_KERNEL_DS 3
#define GDT_ENTRY_USER32_CS 4
#define GDT_ENTRY_USER_DS 5
#define GDT_ENTRY_USER_CS 6
#define GDT_ENTRY_TSS 8
#define __KERNEL_CS 0x10
#define __KERNEL_DS 0x18
#define __USER32_CS 0x23
#define __USER_DS 0x2b
#define __USER_CS 0x33
#define SEGMENT_RPL_MASK 3
#define USER_RPL 3

/* A trap came from ring 3 if the saved CS has RPL 3 (Linux: user_mode()). */
static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & SEGMENT_RPL_MASK) == USER_RPL;
}

#endif
