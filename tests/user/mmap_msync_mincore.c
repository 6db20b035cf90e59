/*
 * mincore and msync on anonymous memory (docs/linux-abi.md §7):
 *   mincore of a fresh 4-page mapping: no page resident (0 0 0 0); after
 *   writing pages 0 and 2: 1 0 1 0; mincore over a hole -> ENOMEM, at an
 *   unaligned address -> EINVAL;
 *   msync of anonymous memory with MS_SYNC / MS_ASYNC / flags 0 -> 0;
 *   unaligned -> EINVAL; flag 8 -> EINVAL; MS_SYNC|MS_ASYNC -> EINVAL;
 *   over a hole -> ENOMEM.
 */
#include "ftest.h"

static void show(const char *label, int r)
{
	printf("%s: %d %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

static void residency(const char *label, uintptr_t a)
{
	unsigned char vec[4];

	int r = mincore((void *)a, 4 * PAGE_SIZE, vec);
	printf("%s: %d resident", label, r);
	for (int i = 0; i < 4 && r == 0; i++)
		printf(" %d", vec[i] & 1);
	printf("\n");
}

int main(void)
{
	unsigned char vec[4];

	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t a = map_anon(4, PROT_READ | PROT_WRITE);
	residency("mincore fresh", a);
	poke32(a, 1);
	poke32(a + 2 * PAGE_SIZE, 1);
	residency("mincore after writing pages 0 and 2", a);
	show("mincore unaligned", mincore((void *)(a + 1), PAGE_SIZE, vec));

	show("msync MS_SYNC", msync((void *)a, 4 * PAGE_SIZE, MS_SYNC));
	show("msync MS_ASYNC", msync((void *)a, 4 * PAGE_SIZE, MS_ASYNC));
	show("msync flags 0", msync((void *)a, 4 * PAGE_SIZE, 0));
	show("msync unaligned", msync((void *)(a + 1), PAGE_SIZE, MS_SYNC));
	show("msync flag 8", msync((void *)a, PAGE_SIZE, 8));
	show("msync MS_SYNC|MS_ASYNC", msync((void *)a, PAGE_SIZE, MS_SYNC | MS_ASYNC));

	munmap((void *)(a + PAGE_SIZE), PAGE_SIZE);
	show("mincore over a hole", mincore((void *)a, 4 * PAGE_SIZE, vec));
	show("msync over a hole", msync((void *)a, 4 * PAGE_SIZE, MS_SYNC));
	return 0;
}
