/*
 * Instructions per major fault: a read fault on a file page that is not in
 * the page cache, so the kernel reads it from the block device (on both
 * kernels an ext2 file system on a RAM disk: see tools/bench.py).
 *
 * A file of (ROUNDS + 1) * PAGES pages is written and fsync()ed.  Each round
 * (untimed) syncs and drops the caches (bench_drop_caches: echo 3 >
 * /proc/sys/vm/drop_caches), then maps its own PAGES pages of the file,
 * which no earlier round has mapped, and gives MADV_RANDOM; the timed part
 * reads one byte of every page, and the count is per page read.
 *
 * MADV_RANDOM: without it Linux reads ahead around a mapped-file fault
 * (read-around: 32 pages with the default 128 KiB read_ahead_kb) and the
 * following reads would be minor faults; with it Linux reads just the
 * faulting page, which is what faultline always does (it has no readahead;
 * it accepts the advice and ignores it).  Fault-around finds nothing cached,
 * so every read is one fault that reads one 4 KiB page from the device.
 * (Linux also drops the file system's cached metadata, so one fault in
 * 1024 re-reads an indirect block; faultline's drop_caches likewise.)
 */
#include "bench.h"

#define NAME "file_fault_major"
#define PAGES 64
#define ROUNDS 15

int main(void)
{
	uint64_t d[ROUNDS];
	unsigned long sum = 0;
	int fd = bench_file(NAME, "data", (ROUNDS + 1) * PAGES * PAGE);
	for (int r = -1; r < ROUNDS; r++) {
		bench_drop_caches(NAME);
		volatile char *p = bench_map_file(NAME, fd, (r + 1) * PAGES, PAGES,
						  PROT_READ, MAP_SHARED);
		if (madvise((void *)p, PAGES * PAGE, MADV_RANDOM))
			bench_die(NAME, "madvise(MADV_RANDOM)");
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < PAGES; i++)
			sum += p[i * PAGE];
		uint64_t t1 = rdtsc();
		munmap((void *)p, PAGES * PAGE);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	if (sum != 0x5aUL * PAGES * (ROUNDS + 1))
		bench_die(NAME, "reading the file's bytes back");
	bench_report(NAME, PAGES, d, ROUNDS);
	return 0;
}
