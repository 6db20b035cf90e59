/*
 * arch/x86/include/asm/sections.h - symbols the linker script (linker.ld)
 * and the boot code (arch/x86/boot/head.asm) define: where each part of the
 * kernel image starts and ends (Linux: include/asm-generic/sections.h).
 * Declared as arrays so that &x is never needed and x is the address.
 */
#ifndef _ASM_X86_SECTIONS_H
#define _ASM_X86_SECTIONS_H
#include <types.h>

extern char _text[], _etext[];                          /* code: RX */
extern char __start_rodata[], __end_rodata[];           /* read-only data: R, NX */
extern char __start_ro_after_init[], __end_ro_after_init[];  /* RW until mark_rodata_ro() */
extern char _sdata[], _end[];                           /* data and bss: RW, NX */

/* head.asm: the boot stack, with an unmapped guard page below it. */
extern char init_stack_guard[], init_stack[], init_stack_top[];

#endif
