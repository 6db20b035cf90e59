/*
 * arch/x86/include/asm/syscall.h - the system call entry
 * (arch/x86/entry/syscall_64.c; Linux: the same header).
 */
#ifndef _ASM_X86_SYSCALL_H
#define _ASM_X86_SYSCALL_H

struct pt_regs;

void syscall_init(void);                /* the SYSCALL MSRs: STAR, LSTAR, FMASK */
int do_syscall_64(struct pt_regs *regs);    /* nonzero: SYSRET may return */

#endif
