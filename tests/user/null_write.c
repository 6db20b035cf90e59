/*
 * Write to *(int *)0 and *(int *)0x10 with a SIGSEGV handler installed:
 * SIGSEGV, si_code SEGV_MAPERR, si_addr exactly 0 / 0x10, REG_ERR 0x6
 * (X86_PF_USER | X86_PF_WRITE, page not present), REG_TRAPNO 14,
 * REG_CR2 == si_addr (docs/linux-abi.md §5, §12).
 */
#include "ftest.h"

#define NULL_PLUS_0x10 0x10

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	report("write NULL", try_write32(0, 1), 0);
	report("write NULL+0x10", try_write32(NULL_PLUS_0x10, 1), 0);
	return 0;
}
