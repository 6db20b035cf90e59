/*
 * mremap (docs/linux-abi.md §1 "mallocng: realloc -> mremap(MAYMOVE)", §7):
 *   a 2-page mapping with data, grown to 8 pages with MREMAP_MAYMOVE: the
 *   data is kept and the new pages read 0; shrunk back to 1 page in place:
 *   same address, page 1 is gone (SEGV_MAPERR);
 *   growing without MAYMOVE when the next page is taken -> ENOMEM;
 *   old_len 0 on a private mapping -> EINVAL; unaligned address -> EINVAL;
 *   an address with no mapping -> EFAULT.
 */
#include "ftest.h"

static void show(const char *label, void *r)
{
	if (r == MAP_FAILED)
		printf("%s: %s\n", label, errno_name(errno));
	else
		printf("%s: ok\n", label);
	errno = 0;
}

int main(void)
{
	int v = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t a = map_anon(2, PROT_READ | PROT_WRITE);
	poke32(a, 11);
	poke32(a + PAGE_SIZE, 22);

	void *r = mremap((void *)a, 2 * PAGE_SIZE, 8 * PAGE_SIZE, MREMAP_MAYMOVE);
	show("grow 2 -> 8 pages, MAYMOVE", r);
	if (r == MAP_FAILED)
		return 0;
	uintptr_t b = (uintptr_t)r;
	printf("  data kept %d %d, new page 7 reads %d\n", peek32(b) == 11,
	       peek32(b + PAGE_SIZE) == 22, peek32(b + 7 * PAGE_SIZE));

	r = mremap((void *)b, 8 * PAGE_SIZE, PAGE_SIZE, 0);
	show("shrink 8 -> 1 page", r);
	printf("  same address %d data kept %d\n", r == (void *)b, peek32(b) == 11);
	report("  read page 1", try_read32(b + PAGE_SIZE, &v), b);

	/* Make the page after b taken, then try to grow in place. */
	void *n = mmap((void *)(b + PAGE_SIZE), PAGE_SIZE, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("neighbour mapped %d\n", n == (void *)(b + PAGE_SIZE));
	show("grow in place with a neighbour",
	     mremap((void *)b, PAGE_SIZE, 2 * PAGE_SIZE, 0));
	show("old_len 0, private", mremap((void *)b, 0, PAGE_SIZE, MREMAP_MAYMOVE));
	show("unaligned address",
	     mremap((void *)(b + 1), PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE));
	munmap((void *)b, 2 * PAGE_SIZE);
	show("no mapping there", mremap((void *)b, PAGE_SIZE, 2 * PAGE_SIZE,
					MREMAP_MAYMOVE));
	return 0;
}
