/*
 * Access a page after munmap: there is no VMA any more, so a read and a
 * write give SIGSEGV SEGV_MAPERR (not ACCERR) with si_addr exact and
 * REG_ERR 0x4 / 0x6; the data written before munmap is gone
 * (docs/linux-abi.md §5, §7).
 */
#include "ftest.h"

#define OFF 0x48
#define VALUE 1234

int main(void)
{
	int v = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t base = map_anon(1, PROT_READ | PROT_WRITE);

	report("write before munmap", try_write32(base + OFF, VALUE), base);
	report("read before munmap", try_read32(base + OFF, &v), base);
	printf("value %d\n", v);

	printf("munmap: %d\n", munmap((void *)base, PAGE_SIZE));
	report("read after munmap", try_read32(base + OFF, NULL), base);
	report("write after munmap", try_write32(base + OFF, VALUE), base);
	return 0;
}
