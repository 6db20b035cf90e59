/*
 * include/entry-common.h - the last step of every return to user mode,
 * called by the arch entry code (Linux: include/linux/entry-common.h,
 * kernel/entry/common.c).  Both run the scheduler and deliver signals until
 * neither is due; the syscall variant may restart the call.
 */
#ifndef _FAULTLINE_ENTRY_COMMON_H
#define _FAULTLINE_ENTRY_COMMON_H

struct pt_regs;

void exit_to_user_mode(struct pt_regs *regs);           /* after a trap or IRQ */
void syscall_exit_to_user_mode(struct pt_regs *regs);   /* after a system call */

#endif
