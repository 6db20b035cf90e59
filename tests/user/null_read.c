/*
 * Read *(int *)0 and *(int *)0x10 with a SIGSEGV handler installed: each
 * gives SIGSEGV with si_code SEGV_MAPERR, si_addr exactly 0 / 0x10 (never
 * page-aligned, docs/linux-abi.md §0.3), REG_ERR 0x4 (user read of a not-present
 * page: X86_PF_USER only, §12), REG_TRAPNO 14 (#PF) and REG_CR2 == si_addr
 * (§5).  si_addr is printed raw here because it is the constant we chose.
 */
#include "ftest.h"

#define NULL_PLUS_0x10 0x10

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	report("read NULL", try_read32(0, NULL), 0);
	report("read NULL+0x10", try_read32(NULL_PLUS_0x10, NULL), 0);
	return 0;
}
