/*
 * madvise(MADV_DONTNEED) (docs/linux-abi.md §7): on private anonymous memory it
 * drops the pages, so they read back as zeros (and can be written again);
 * applied to the middle page of three, only that page is cleared.  On a
 * MAP_SHARED anonymous mapping the data survives (it lives in shmem).
 * Errors: unaligned start -> EINVAL; a range over a hole -> ENOMEM;
 * an unknown advice (12345) -> EINVAL.  MADV_NORMAL / MADV_WILLNEED -> 0.
 */
#include "ftest.h"

#define PAGES 3

static void fill(uintptr_t a, int base)
{
	for (int i = 0; i < PAGES; i++)
		for (unsigned o = 0; o < PAGE_SIZE; o += 512)
			poke32(a + i * PAGE_SIZE + o, base + i);
}

/* What each page holds: the common value of its probes, or -1. */
static void show(const char *label, uintptr_t a)
{
	printf("%s:", label);
	for (int i = 0; i < PAGES; i++) {
		int v = peek32(a + i * PAGE_SIZE);
		for (unsigned o = 0; o < PAGE_SIZE; o += 512)
			if (peek32(a + i * PAGE_SIZE + o) != v)
				v = -1;
		printf(" %d", v);
	}
	printf("\n");
}

static void err(const char *label, int r)
{
	printf("%s: %d %s\n", label, r, errno_name(r < 0 ? errno : 0));
	errno = 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t a = map_anon(PAGES, PROT_READ | PROT_WRITE);

	fill(a, 10);
	show("private, filled", a);
	err("MADV_DONTNEED all", madvise((void *)a, PAGES * PAGE_SIZE, MADV_DONTNEED));
	show("private, after DONTNEED", a);
	fill(a, 20);
	show("private, refilled", a);
	err("MADV_DONTNEED middle", madvise((void *)(a + PAGE_SIZE), PAGE_SIZE,
					    MADV_DONTNEED));
	show("private, after DONTNEED of the middle", a);

	uintptr_t s = (uintptr_t)mmap(NULL, PAGES * PAGE_SIZE,
				      PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == (uintptr_t)MAP_FAILED) {
		printf("shared anonymous mmap failed %s\n", errno_name(errno));
	} else {
		fill(s, 30);
		err("MADV_DONTNEED shared", madvise((void *)s, PAGES * PAGE_SIZE,
						    MADV_DONTNEED));
		show("shared, after DONTNEED", s);
	}

	err("unaligned", madvise((void *)(a + 1), PAGE_SIZE, MADV_DONTNEED));
	munmap((void *)(a + PAGE_SIZE), PAGE_SIZE);
	err("over a hole", madvise((void *)a, PAGES * PAGE_SIZE, MADV_DONTNEED));
	err("unknown advice", madvise((void *)a, PAGE_SIZE, 12345));
	err("MADV_NORMAL", madvise((void *)a, PAGE_SIZE, MADV_NORMAL));
	err("MADV_WILLNEED", madvise((void *)a, PAGE_SIZE, MADV_WILLNEED));
	return 0;
}
