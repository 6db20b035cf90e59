/*
 * mmap placement and MAP_FIXED (docs/linux-abi.md §7):
 *   a hint naming a free, aligned range is honoured exactly; an unaligned
 *   free hint is rounded down to its page; a hint overlapping an existing
 *   mapping is placed elsewhere (the old mapping keeps its data);
 *   MAP_FIXED over the middle page of a 3-page mapping replaces just that
 *   page (it reads 0, its neighbours keep their data) and can change its
 *   protection (the new read-only page faults SEGV_ACCERR on a write);
 *   MAP_FIXED_NOREPLACE over an existing page, or overlapping one -> EEXIST,
 *   on a free range -> exactly that address.
 */
#include "ftest.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static uintptr_t do_mmap(uintptr_t hint, size_t pages, int prot, int flags)
{
	return (uintptr_t)mmap((void *)hint, pages * PAGE_SIZE, prot, flags, -1, 0);
}

int main(void)
{
	int v;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	/* A free range: map 8 pages, unmap them, ask for the middle. */
	uintptr_t hole = map_anon(8, RW);
	munmap((void *)hole, 8 * PAGE_SIZE);
	uintptr_t r = do_mmap(hole + 2 * PAGE_SIZE, 2, RW, ANON);
	printf("free aligned hint honoured %d\n", r == hole + 2 * PAGE_SIZE);
	munmap((void *)r, 2 * PAGE_SIZE);
	r = do_mmap(hole + 2 * PAGE_SIZE + 100, 2, RW, ANON);
	printf("unaligned hint rounded down to its page %d\n",
	       r == hole + 2 * PAGE_SIZE);
	munmap((void *)r, 2 * PAGE_SIZE);

	uintptr_t a = map_anon(3, RW);
	for (int i = 0; i < 3; i++)
		poke32(a + i * PAGE_SIZE, 100 + i);
	r = do_mmap(a + PAGE_SIZE, 1, RW, ANON);
	printf("hint over a mapping: ok %d moved %d\n", r != (uintptr_t)MAP_FAILED,
	       r != a + PAGE_SIZE);
	munmap((void *)r, PAGE_SIZE);
	printf("  old data kept %d\n", peek32(a + PAGE_SIZE) == 101);

	r = do_mmap(a + PAGE_SIZE, 1, PROT_READ, ANON | MAP_FIXED);
	printf("MAP_FIXED over the middle page at that address %d\n",
	       r == a + PAGE_SIZE);
	report("  read page 0", try_read32(a, &v), a);
	printf("  page 0 reads %d\n", v);
	report("  read page 1", try_read32(a + PAGE_SIZE, &v), a);
	printf("  page 1 reads %d\n", v);
	report("  read page 2", try_read32(a + 2 * PAGE_SIZE, &v), a);
	printf("  page 2 reads %d\n", v);
	report("  write page 1 (now PROT_READ)", try_write32(a + PAGE_SIZE, 1), a);
	report("  write page 2", try_write32(a + 2 * PAGE_SIZE, 1), a);

	errno = 0;
	r = do_mmap(a + PAGE_SIZE, 1, RW, ANON | MAP_FIXED_NOREPLACE);
	printf("MAP_FIXED_NOREPLACE over a page: %s\n",
	       r == (uintptr_t)MAP_FAILED ? errno_name(errno) : "mapped");
	errno = 0;
	r = do_mmap(a + 2 * PAGE_SIZE, 4, RW, ANON | MAP_FIXED_NOREPLACE);
	printf("MAP_FIXED_NOREPLACE overlapping the end: %s\n",
	       r == (uintptr_t)MAP_FAILED ? errno_name(errno) : "mapped");
	munmap((void *)a, 3 * PAGE_SIZE);
	r = do_mmap(a + PAGE_SIZE, 1, RW, ANON | MAP_FIXED_NOREPLACE);
	printf("MAP_FIXED_NOREPLACE on a free range at that address %d\n",
	       r == a + PAGE_SIZE);
	return 0;
}
