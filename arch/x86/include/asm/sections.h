/*
 * Symbols the linker script and the boot code define (Linux:
 * asm-generic/sections.h, and init_stack in linux/sched/task.h).
 */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

extern char _text[], _etext[];                  /* linker.ld: kernel text */
/* arch/x86/boot/head.asm: the boot CPU's stack (pid 0's), with a guard page below. */
extern char init_stack_guard[], init_stack[], init_stack_top[];

#endif
