/*
 * arch/x86/lib/clear_page_64.c - zero one 4 KiB page with 16-byte SSE stores.
 *
 * Every demand-zero fault clears a page, so this loop is most of an
 * anonymous write fault's cost.  `rep stosq` (Linux: clear_page_rep) stores
 * 8 bytes a step: 512 steps, and QEMU's -icount counts each step as one
 * instruction.  A 16-byte movdqa halves that; the loop is unrolled 32 times
 * (512 bytes per turn), so a page is 256 stores and 8 turns of add/jnz.
 * Linux once did the same with MMX for the K7 (arch/x86/lib/mmx_32.c,
 * fast_clear_page, inside kernel_fpu_begin/end).
 *
 * Why the kernel may touch %xmm0 here although it is built with
 * -mgeneral-regs-only: FPU state is switched eagerly (arch/x86/kernel/fpu.c),
 * so while we run, the registers hold the current task's user values.  We
 * keep %xmm0's value in a stack slot and put it back, and nothing else in
 * the kernel uses SSE, so an interrupt or a context switch in the middle is
 * harmless: the switch saves and restores the zero we are storing, and
 * interrupt handlers never look at it.  CR4.OSFXSR must be on (fpu_init,
 * called before the first page is allocated).
 */
#include <types.h>
#include <asm/page.h>

#define CLEAR_STRIDE 16				/* bytes per movdqa */
#define CLEAR_UNROLL 32				/* stores per turn of the loop */
#define CLEAR_TURN (CLEAR_STRIDE * CLEAR_UNROLL)

void clear_page(void *page)
{
	u8 saved_xmm0[CLEAR_STRIDE];
	/* Index from -PAGE_SIZE up to 0 off the page's end, so the add that
	 * steps it also sets ZF at the end: no separate compare. */
	u8 *end = (u8 *)page + PAGE_SIZE;
	long i = -(long)PAGE_SIZE;

	_Static_assert(PAGE_SIZE % CLEAR_TURN == 0, "whole turns per page");
	asm volatile(
		"movdqu %%xmm0, %[saved]\n\t"		/* keep the task's xmm0 */
		"pxor %%xmm0, %%xmm0\n\t"		/* 16 zero bytes */
		"1:\n\t"
		".set off, 0\n\t"
		".rept %c[unroll]\n\t"			/* 32 aligned stores, */
		"movdqa %%xmm0, off(%[end], %[i])\n\t"	/* at end + i + off */
		".set off, off + %c[stride]\n\t"
		".endr\n\t"
		"add %[turn], %[i]\n\t"			/* next 512 bytes; ZF at 0 */
		"jnz 1b\n\t"
		"movdqu %[saved], %%xmm0"		/* give the task its xmm0 back */
		: [i] "+r"(i), [saved] "=m"(saved_xmm0)
		: [end] "r"(end), [unroll] "i"(CLEAR_UNROLL),
		  [stride] "i"(CLEAR_STRIDE), [turn] "i"(CLEAR_TURN)
		: "memory", "cc");
}
