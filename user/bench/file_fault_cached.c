/*
 * Instructions per page-cache-hit read fault on a MAP_SHARED file mapping.
 *
 * A 4 MiB file is written and fsync()ed, so all its pages are in the page
 * cache and clean.  Each round maps the whole file afresh (PROT_READ,
 * MAP_SHARED: no PTE exists yet) and reads one byte of every 16th page; only
 * the reads are timed, and the count is per page read.
 *
 * Why every 16th page: on a read fault both kernels also map the cached
 * pages around the faulting one (fault-around: the aligned 64 KiB window,
 * 16 pages, Linux's default fault_around_bytes; faultline copies it), so
 * reading every page would cost one fault per 16 pages and 15 free reads.
 * With one read per window, every timed read is exactly one fault, and every
 * fault does the same work on both kernels: look the page up in the page
 * cache and map it and the rest of its window (16 PTEs; fewer in the first
 * and last window when the mapping is not 64 KiB aligned, which is the same
 * for both).  MADV_RANDOM would not turn fault-around off: Linux 6.1's
 * do_read_fault faults around whatever the advice (the advice only stops
 * readahead), and faultline ignores it, so it is not given.
 */
#include "bench.h"

#define NAME "file_fault_cached"
#define FILE_PAGES 1024
#define STRIDE 16
#define ROUNDS 15

int main(void)
{
	uint64_t d[ROUNDS];
	unsigned long sum = 0;
	int fd = bench_file(NAME, "data", FILE_PAGES * PAGE);
	for (int r = -1; r < ROUNDS; r++) {
		volatile char *p = bench_map_file(NAME, fd, 0, FILE_PAGES, PROT_READ, MAP_SHARED);
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < FILE_PAGES; i += STRIDE)
			sum += p[i * PAGE];
		uint64_t t1 = rdtsc();
		munmap((void *)p, FILE_PAGES * PAGE);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	if (sum != 0x5aUL * (FILE_PAGES / STRIDE) * (ROUNDS + 1))
		bench_die(NAME, "reading the file's bytes back");
	bench_report(NAME, FILE_PAGES / STRIDE, d, ROUNDS);
	return 0;
}
