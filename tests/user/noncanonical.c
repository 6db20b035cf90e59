/*
 * Read a non-canonical address (bits 63..47 not all equal, docs/linux-abi.md §12):
 * the CPU cannot translate it and raises #GP(0) without touching CR2, so
 * user code sees SIGSEGV with si_code SI_KERNEL (0x80), si_addr 0,
 * REG_ERR 0 and REG_TRAPNO 13 (§0.2, §5).  Both ends of the hole are tried.
 */
#include "ftest.h"

#define HOLE_LOW	0x0000800000000000UL	/* first non-canonical address */
#define HOLE_HIGH	0x8000000000000000UL

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	int sig = try_read32(HOLE_LOW, NULL);
	report("read 0x0000800000000000", sig, 0);
	if (sig)
		printf("  si_code %d\n", fault.code);

	report("read 0x8000000000000000", try_read32(HOLE_HIGH, NULL), 0);
	return 0;
}
