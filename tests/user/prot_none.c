/*
 * Read and write a PROT_NONE mapping: the VMA exists but forbids access, so
 * both give SIGSEGV SEGV_ACCERR (not MAPERR), si_addr exact, REG_ERR 0x4 for
 * the read and 0x6 for the write (page not present), trapno 14
 * (docs/linux-abi.md §5).  After mprotect(PROT_READ|PROT_WRITE) both work.
 */
#include "ftest.h"

#define OFF_READ 0x20
#define OFF_WRITE 0x30
#define VALUE 77

int main(void)
{
	int v = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t base = map_anon(1, PROT_NONE);

	report("read PROT_NONE", try_read32(base + OFF_READ, NULL), base);
	report("write PROT_NONE", try_write32(base + OFF_WRITE, VALUE), base);

	mprotect((void *)base, PAGE_SIZE, PROT_READ | PROT_WRITE);
	report("write after mprotect RW", try_write32(base + OFF_WRITE, VALUE), base);
	report("read after mprotect RW", try_read32(base + OFF_WRITE, &v), base);
	printf("value %d\n", v);
	return 0;
}
