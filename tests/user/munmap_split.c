/*
 * munmap of pages 1..3 of a 5-page mapping leaves two VMAs, pages 0 and 4
 * (docs/linux-abi.md §7): they keep their data and stay writable, while reads of
 * pages 1, 2 and 3 give SEGV_MAPERR, err 0x4, si_addr exact.  Mapping page
 * 2 again with MAP_FIXED makes only that page usable, zero-filled.
 */
#include "ftest.h"

#define PAGES 5
#define OFF 0x80

static void read_each(const char *when, uintptr_t base)
{
	char label[64];
	int v;

	for (int i = 0; i < PAGES; i++) {
		snprintf(label, sizeof label, "%s: read page %d", when, i);
		v = -1;
		int sig = try_read32(base + i * PAGE_SIZE + OFF, &v);
		report(label, sig, base);
		if (!sig)
			printf("  value %d\n", v);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t base = map_anon(PAGES, PROT_READ | PROT_WRITE);
	for (int i = 0; i < PAGES; i++)
		poke32(base + i * PAGE_SIZE + OFF, 10 + i);

	printf("munmap pages 1..3: %d\n",
	       munmap((void *)(base + PAGE_SIZE), 3 * PAGE_SIZE));
	read_each("after munmap", base);
	report("write page 4", try_write32(base + 4 * PAGE_SIZE, 1), base);

	void *p = mmap((void *)(base + 2 * PAGE_SIZE), PAGE_SIZE,
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED page 2 at its old place: %d\n",
	       p == (void *)(base + 2 * PAGE_SIZE));
	read_each("after remap", base);
	return 0;
}
