/*
 * A task's x87/SSE state and its save/restore (Linux:
 * arch/x86/include/asm/fpu/api.h); arch/x86/kernel/fpu.c.
 */
#ifndef _ASM_FPU_H
#define _ASM_FPU_H
#include <types.h>

struct fpu_state { u8 fxsave[512]; } __aligned(16);

void fpu_save(struct fpu_state *f);
void fpu_restore(const struct fpu_state *f);
void fpu_init_state(struct fpu_state *f);
void fpu_init(void);

#endif
