/*
 * Holes punched with munmap (docs/linux-abi.md §7): a 4-page RW mapping has its
 * page 1 unmapped.  mprotect over all 4 pages -> ENOMEM, and so does one
 * that starts in the hole; one covering only page 0 -> 0.  Linux applies
 * the change to the part before the hole even though it returns ENOMEM, so
 * page 0 is then read-only (a write faults SEGV_ACCERR) while pages 2-3,
 * after the hole, stay writable.  Page 1 faults SEGV_MAPERR.  munmap over
 * the hole and beyond -> 0, and then page 3 is gone too.
 */
#include "ftest.h"

static void show(const char *label, int r)
{
	printf("%s: %d %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t a = map_anon(4, PROT_READ | PROT_WRITE);

	show("munmap page 1", munmap((void *)(a + PAGE_SIZE), PAGE_SIZE));
	show("mprotect all 4 pages R", mprotect((void *)a, 4 * PAGE_SIZE, PROT_READ));
	show("mprotect from the hole R", mprotect((void *)(a + PAGE_SIZE),
						  3 * PAGE_SIZE, PROT_READ));
	report("write page 0", try_write32(a, 1), a);
	report("write page 1", try_write32(a + PAGE_SIZE, 1), a);
	report("write page 2", try_write32(a + 2 * PAGE_SIZE, 1), a);
	report("write page 3", try_write32(a + 3 * PAGE_SIZE, 1), a);
	show("mprotect page 0 RW", mprotect((void *)a, PAGE_SIZE,
					    PROT_READ | PROT_WRITE));
	report("write page 0", try_write32(a, 1), a);
	show("munmap pages 1-3", munmap((void *)(a + PAGE_SIZE), 3 * PAGE_SIZE));
	report("read page 3", try_read32(a + 3 * PAGE_SIZE, NULL), a);
	report("read page 0", try_read32(a, NULL), a);
	return 0;
}
