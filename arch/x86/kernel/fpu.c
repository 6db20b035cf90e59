/*
 * arch/x86/kernel/fpu.c - x87/SSE state per task, saved with fxsave on every context
 * switch and restored with fxrstor (eager switching, as Linux since 4.x).
 * The kernel itself is built with -mgeneral-regs-only and never touches it,
 * except clear_page (arch/x86/lib/clear_page_64.c), which saves and restores
 * the one register it uses.
 */
#include <sched.h>
#include <string.h>
#include <asm/processor.h>

#define MXCSR_DEFAULT 0x1f80        /* all SSE exceptions masked (SDM §10.2.3) */
#define FCW_DEFAULT 0x037f          /* x87: all exceptions masked, 64-bit precision */
#define FXSAVE_FCW 0
#define FXSAVE_MXCSR 24

void fpu_init(void)
{
	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE) & ~(X86_CR0_EM | X86_CR0_TS));
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
}

void fpu_save(struct fpu_state *f) { asm volatile("fxsave64 %0" : "=m"(*f)); }
void fpu_restore(const struct fpu_state *f) { asm volatile("fxrstor64 %0" : : "m"(*f)); }

/* The state a new program starts with (Linux: fpstate_init). */
void fpu_init_state(struct fpu_state *f)
{
	memset(f, 0, sizeof(*f));
	*(u16 *)(f->fxsave + FXSAVE_FCW) = FCW_DEFAULT;
	*(u32 *)(f->fxsave + FXSAVE_MXCSR) = MXCSR_DEFAULT;
}
