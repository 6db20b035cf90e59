/*
 * The context switch and where a new task first runs (Linux:
 * arch/x86/include/asm/switch_to.h).  Both live in arch/x86/entry/entry_64.asm.
 */
#ifndef _ASM_SWITCH_TO_H
#define _ASM_SWITCH_TO_H
#include <types.h>

/* Push the callee-saved registers, save rsp in *prev_sp, load next_sp, pop. */
void __switch_to_asm(u64 *prev_sp, u64 next_sp);

/*
 * What __switch_to_asm leaves at a switched-out task's saved rsp (task->sp):
 * its callee-saved registers, then the return address into the scheduler.
 * kernel/fork.c builds one for a new task; the stack walker reads it.
 */
struct switch_frame { u64 r15, r14, r13, r12, rbx, rbp, ret; };

/* Return addresses of a new task's switch frame (kernel/fork.c). */
extern char ret_from_fork[], ret_from_kernel_thread[];

#endif
