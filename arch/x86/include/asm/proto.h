/*
 * Entry points in arch/x86/entry/entry_64.asm that C code installs
 * (Linux: arch/x86/include/asm/proto.h).
 */
#ifndef _ASM_PROTO_H
#define _ASM_PROTO_H
#include <types.h>

void entry_SYSCALL_64(void);            /* the syscall instruction's target (MSR_LSTAR) */
extern const u64 trap_stubs[];          /* one stub per IDT vector, IRQ_BASE + NR_IRQS of them */

#endif
