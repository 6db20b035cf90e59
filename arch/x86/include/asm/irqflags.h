/*
 * Interrupt-flag helpers for the idle loop (Linux: arch/x86/include/asm/irqflags.h).
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

/* Enable interrupts and halt until the next one.  sti's one-instruction
 * shadow covers hlt, so a wakeup interrupt cannot slip in between and be
 * lost (Linux: native_safe_halt). */
static inline void safe_halt(void) { asm volatile("sti; hlt" ::: "memory"); }

#endif
