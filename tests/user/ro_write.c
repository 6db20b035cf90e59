/*
 * Write to a PROT_READ anonymous mapping: SIGSEGV SEGV_ACCERR, si_addr exact
 * (printed as an offset from the mapping's base), REG_CR2 == si_addr.
 * The error code tells whether the page was present (docs/linux-abi.md §5):
 *   page 0 was read first (so the zero page is mapped): err 0x7 (P|W|U)
 *   page 1 was never touched:                           err 0x6 (W|U)
 * Reading either page works and returns 0.
 */
#include "ftest.h"

#define PAGES 2
#define OFF_TOUCHED 0x10			/* in page 0 */
#define OFF_UNTOUCHED (PAGE_SIZE + 0x20)	/* in page 1 */

int main(void)
{
	int v = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t base = map_anon(PAGES, PROT_READ);

	report("read page 0", try_read32(base + OFF_TOUCHED, &v), base);
	printf("page 0 reads %d\n", v);
	report("write touched page 0",
	       try_write32(base + OFF_TOUCHED, 1), base);
	report("write untouched page 1",
	       try_write32(base + OFF_UNTOUCHED, 1), base);
	report("read page 1", try_read32(base + OFF_UNTOUCHED, &v), base);
	printf("page 1 reads %d\n", v);
	return 0;
}
