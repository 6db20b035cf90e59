/*
 * Copying one file into another through MAP_SHARED mappings: instructions
 * per 4 KiB page copied.
 *
 * Two 4 MiB files are written and fsync()ed (cached, clean).  Each round
 * syncs (untimed: the destination's pages are clean again), maps both files
 * afresh (source PROT_READ, destination PROT_READ | PROT_WRITE, both
 * MAP_SHARED) and memcpy()s the source mapping into the destination mapping
 * (timed; the munmap after it is not).  What one page costs: the copy (musl's
 * memcpy, the same code on both kernels), a write fault on the destination
 * page (the page-cache page itself is mapped writable and dirtied; Linux
 * also calls ext4's page_mkwrite, filemap_page_mkwrite), and one
 * sixteenth of a read fault on the source (fault-around maps 16 pages).
 */
#include "bench.h"

#define NAME "file_shared_copy_per_4k"
#define PAGES 1024
#define ROUNDS 9

int main(void)
{
	uint64_t d[ROUNDS];
	int src = bench_file(NAME, "src", PAGES * PAGE);
	int dst = bench_file(NAME, "dst", PAGES * PAGE);
	for (int r = -1; r < ROUNDS; r++) {
		sync();
		char *s = bench_map_file(NAME, src, 0, PAGES, PROT_READ, MAP_SHARED);
		char *t = bench_map_file(NAME, dst, 0, PAGES, PROT_READ | PROT_WRITE, MAP_SHARED);
		uint64_t t0 = rdtsc();
		memcpy(t, s, PAGES * PAGE);
		uint64_t t1 = rdtsc();
		munmap(s, PAGES * PAGE);
		munmap(t, PAGES * PAGE);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report(NAME, PAGES, d, ROUNDS);
	return 0;
}
