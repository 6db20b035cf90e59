/*
 * Instructions per copy-on-write fault on a file page: the first write to a
 * page of a MAP_PRIVATE file mapping, the page already in the page cache.
 * The kernel finds the page-cache page, copies it into a new anonymous
 * page and maps the copy writable (Linux and faultline: do_cow_fault); the
 * file never changes.  A write fault does no fault-around on either kernel,
 * so every page written is one fault.
 *
 * A 1 MiB file is written and fsync()ed (cached, clean).  Each round maps
 * it afresh (PROT_READ | PROT_WRITE, MAP_PRIVATE) and writes one byte to
 * every page; only the writes are timed, and the count is per page.
 */
#include "bench.h"

#define NAME "file_cow_fault"
#define PAGES 256
#define ROUNDS 15

int main(void)
{
	uint64_t d[ROUNDS];
	int fd = bench_file(NAME, "data", PAGES * PAGE);
	for (int r = -1; r < ROUNDS; r++) {
		volatile char *p = bench_map_file(NAME, fd, 0, PAGES, PROT_READ | PROT_WRITE,
						  MAP_PRIVATE);
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < PAGES; i++)
			p[i * PAGE] = 1;
		uint64_t t1 = rdtsc();
		munmap((void *)p, PAGES * PAGE);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	char c;
	if (pread(fd, &c, 1, 0) != 1 || c != 0x5a)
		bench_die(NAME, "the file changed: a private write reached it");
	bench_report(NAME, PAGES, d, ROUNDS);
	return 0;
}
