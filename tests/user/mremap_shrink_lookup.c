/*
 * mremap looks up the VMA at the old address before anything else (Linux
 * 6.18 mm/mremap.c: vma_lookup, EFAULT when there is none), even when the
 * call only shrinks.  Once there is a VMA, a shrink is an munmap of the
 * tail and may reach into the next VMAs.
 *   shrink 8 pages to 2 across two VMAs (an mprotect split): ok, and the
 *     pages of the second VMA are gone (msync: ENOMEM);
 *   shrink starting in a hole (the first 2 pages unmapped): EFAULT, and the
 *     pages after the hole stay mapped;
 *   a range at 0xfffffffffffff000 whose end wraps past the top: EFAULT,
 *     and the program goes on (its own text, low in memory, is untouched);
 *   a range at the last user page running past the end: EFAULT.
 */
#include "ftest.h"

static void show(const char *what, void *p)
{
	printf("%s: %s\n", what, p == MAP_FAILED ? errno_name(errno) : "ok");
}

static void mapped(const char *what, void *p)
{
	errno = 0;
	printf("%s: %s\n", what, msync(p, PAGE_SIZE, MS_ASYNC) == 0 ? "mapped" : errno_name(errno));
}

int main(void)
{
	char *a = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	setvbuf(stdout, NULL, _IONBF, 0);
	mprotect(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ);
	errno = 0;
	show("shrink across two VMAs", mremap(a, 8 * PAGE_SIZE, 2 * PAGE_SIZE, 0));
	mapped("  page 1", a + PAGE_SIZE);
	mapped("  page 5 (second VMA)", a + 5 * PAGE_SIZE);

	munmap(b, 2 * PAGE_SIZE);
	errno = 0;
	show("shrink starting in a hole", mremap(b, 8 * PAGE_SIZE, PAGE_SIZE, 0));
	mapped("  page 4 after the hole", b + 4 * PAGE_SIZE);

	errno = 0;
	show("shrink of a range wrapping past the top",
	     mremap((void *)0xfffffffffffff000UL, 0x1000000, 0x3000, MREMAP_MAYMOVE));
	errno = 0;
	show("shrink from the last user page past the end",
	     mremap((void *)0x7ffffffff000UL, 0x1000000, 0x3000, 0));
	printf("still running\n");
	return 0;
}
