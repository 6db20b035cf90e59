/*
 * mprotect of the middle page of a 3-page RW mapping splits it into three
 * VMAs (docs/linux-abi.md §7): writing pages 0 and 2 works, page 1 gives
 * SEGV_ACCERR (it is mapped, but read-only) with err 0x7 because page 1 was
 * already present.  munmap of that middle page then leaves pages 0 and 2
 * working with their data, and page 1 gives SEGV_MAPERR.
 */
#include "ftest.h"

#define PAGES 3
#define OFF 0x100		/* offset inside each page */

static void write_each(const char *when, uintptr_t base)
{
	char label[64];

	for (int i = 0; i < PAGES; i++) {
		snprintf(label, sizeof label, "%s: write page %d", when, i);
		report(label, try_write32(base + i * PAGE_SIZE + OFF, 100 + i), base);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t base = map_anon(PAGES, PROT_READ | PROT_WRITE);
	for (int i = 0; i < PAGES; i++)
		poke32(base + i * PAGE_SIZE + OFF, i);

	printf("mprotect middle PROT_READ: %d\n",
	       mprotect((void *)(base + PAGE_SIZE), PAGE_SIZE, PROT_READ));
	write_each("after mprotect", base);
	printf("page 1 still reads %d\n", peek32(base + PAGE_SIZE + OFF));

	printf("munmap middle: %d\n", munmap((void *)(base + PAGE_SIZE), PAGE_SIZE));
	write_each("after munmap", base);
	printf("page 0 reads %d, page 2 reads %d\n", peek32(base + OFF),
	       peek32(base + 2 * PAGE_SIZE + OFF));
	return 0;
}
