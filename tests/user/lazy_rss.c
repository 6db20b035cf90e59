/*
 * Anonymous memory costs nothing until it is touched (demand-zero faults,
 * Linux mm/memory.c do_anonymous_page; docs/labs/lazy.md):
 *   brk(break + 16 MiB):                       RSS grows by ~0 pages
 *   mmap(16 MiB), one write per MiB:           RSS grows by ~16 pages
 *   a read of every page of a fresh 16 MiB:    all zero, RSS grows by ~0
 *     (each read maps the shared zero page)
 *   then a write to one of those pages:        it reads back, its
 *     neighbours still read 0
 * RSS is /proc/self/statm's second field, in pages.  Each "~" allows SLACK
 * pages for the stack, stdio and page tables; eager allocation would add
 * 4096 pages, far past SLACK.  MADV_NOHUGEPAGE keeps a Linux host with
 * transparent huge pages "always" from mapping 512 pages at one touch.
 *
 * The zero-page line follows upstream Linux (do_anonymous_page maps the
 * zero page for a read and counts nothing in RSS).  A Linux host booted
 * with pvm_no_zero_page=1, as some sandboxes are, allocates a page for
 * each read and prints 0 there: its recording was corrected by hand.
 */
#include "ftest.h"
#include <fcntl.h>

#define MIB (1024 * 1024UL)
#define REGION (16 * MIB)
#define PAGES (REGION / PAGE_SIZE)
#define SLACK 64

static long rss_pages(void)
{
	char buf[128];
	long size = 0, rss = -1;
	int fd = open("/proc/self/statm", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	sscanf(buf, "%ld %ld", &size, &rss);
	return rss;
}

static int about(long grew, long want)
{
	return grew >= want && grew <= want + SLACK;
}

/* brk(2) itself: musl's sbrk() refuses any increment but 0. */
static void heap_growth(void)
{
	uintptr_t old = syscall(SYS_brk, 0);
	long before = rss_pages();

	if ((uintptr_t)syscall(SYS_brk, old + REGION) != old + REGION) {
		printf("brk +16 MiB failed\n");
		return;
	}
	printf("brk +16 MiB: RSS ~+0: %d\n", about(rss_pages() - before, 0));
	syscall(SYS_brk, old);
}

static uintptr_t fresh_region(void)
{
	uintptr_t m = map_anon(PAGES, PROT_READ | PROT_WRITE);

	madvise((void *)m, REGION, MADV_NOHUGEPAGE);	/* may fail (no THP): harmless */
	return m;
}

static void sparse_writes(void)
{
	long before = rss_pages();
	uintptr_t m = fresh_region();

	for (uintptr_t off = 0; off < REGION; off += MIB)
		poke32(m + off, 1);
	printf("mmap 16 MiB, 16 writes: RSS ~+16: %d\n", about(rss_pages() - before, REGION / MIB));
	munmap((void *)m, REGION);
}

static void zero_reads(void)
{
	long before = rss_pages();
	uintptr_t m = fresh_region();
	int nonzero = 0;

	for (uintptr_t off = 0; off < REGION; off += PAGE_SIZE)
		nonzero += peek32(m + off) != 0;
	printf("read 4096 fresh pages: all zero: %d, RSS ~+0: %d\n", nonzero == 0,
	       about(rss_pages() - before, 0));
	poke32(m + 7 * PAGE_SIZE, 77);
	printf("then a write: reads back: %d, neighbours zero: %d\n", peek32(m + 7 * PAGE_SIZE) == 77,
	       peek32(m + 6 * PAGE_SIZE) == 0 && peek32(m + 8 * PAGE_SIZE) == 0);
	munmap((void *)m, REGION);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	heap_growth();
	sparse_writes();
	zero_reads();
	return 0;
}
