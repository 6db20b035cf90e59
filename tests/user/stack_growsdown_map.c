/*
 * A user MAP_GROWSDOWN mapping grows like the stack (docs/linux-abi.md §7, §9):
 * an 8 MiB region is reserved and released, and a 4-page RW MAP_GROWSDOWN
 * mapping is placed (MAP_FIXED) 6 MiB into it, so at least 6 MiB below it
 * is free.  Before any growth, mprotect of the page just below its start
 * -> ENOMEM (nothing there).  A write 8 bytes below the start works (the
 * VMA grows down by a page), reads back, and the rest of the new page reads
 * 0; mprotect of that page now succeeds.  A write 1 MiB below the start
 * also works.  MAP_GROWSDOWN with MAP_SHARED -> EINVAL.
 */
#include "ftest.h"

#define MiB (1024UL * 1024)
#define RESERVE (8 * MiB)
#define PLACE (6 * MiB)
#define PAGES 4

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

int main(void)
{
	int v = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t res = map_anon(RESERVE / PAGE_SIZE, PROT_NONE);
	munmap((void *)res, RESERVE);
	uintptr_t base = res + PLACE;
	void *p = mmap((void *)base, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED,
		       -1, 0);
	printf("mmap MAP_GROWSDOWN at the fixed address %d\n", p == (void *)base);

	show("mprotect page below, before growth",
	     mprotect((void *)(base - PAGE_SIZE), PAGE_SIZE, PROT_READ | PROT_WRITE));
	report("write start-8", try_write32(base - 8, 77), base);
	report("read start-8", try_read32(base - 8, &v), base);
	printf("  reads back %d\n", v);
	report("read start-4096", try_read32(base - PAGE_SIZE, &v), base);
	printf("  reads back %d\n", v);
	show("mprotect page below, after growth",
	     mprotect((void *)(base - PAGE_SIZE), PAGE_SIZE, PROT_READ | PROT_WRITE));
	report("write start-1MiB", try_write32(base - MiB, 88), base);
	report("read start-1MiB", try_read32(base - MiB, &v), base);
	printf("  reads back %d\n", v);
	report("read start-1MiB+4096 (inside the grown VMA)",
	       try_read32(base - MiB + PAGE_SIZE, &v), base);
	printf("  reads back %d\n", v);

	errno = 0;
	p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
	printf("MAP_GROWSDOWN|MAP_SHARED: %s\n",
	       p == MAP_FAILED ? errno_name(errno) : "ok");
	return 0;
}
