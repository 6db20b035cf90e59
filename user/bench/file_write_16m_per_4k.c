/*
 * write() throughput on a cached file: instructions per 4 KiB page written.
 *
 * A 16 MiB file is written and fsync()ed (every page cached, clean, its
 * blocks allocated).  Each round first syncs (untimed: the pages the last
 * round dirtied are written back, so every round starts from the same clean
 * cache), then overwrites the whole file in place with pwrite() in 64 KiB
 * pieces (timed): no block is allocated and no page is read, each page is
 * copied into and marked dirty.  The count is per page (4096 per round).
 * Write-back is not timed: faultline writes back only at sync, fsync and
 * last close, and Linux's /init raises the dirty-page thresholds so that
 * its flusher does not start inside a round (with Debian's 10% background
 * threshold, 16 MiB of dirty pages in a 256 MiB guest would wake it, and
 * part of the write-back would count: see linux_init.c).
 */
#include "bench.h"

#define NAME "file_write_16m_per_4k"
#define SIZE (16UL << 20)
#define CHUNK (64UL * 1024)
#define ROUNDS 9

int main(void)
{
	static char buf[CHUNK];
	uint64_t d[ROUNDS];
	int fd = bench_file(NAME, "data", SIZE);
	memset(buf, 0x33, sizeof(buf));
	for (int r = -1; r < ROUNDS; r++) {
		sync();
		uint64_t t0 = rdtsc();
		for (unsigned long off = 0; off < SIZE; off += CHUNK)
			if (pwrite(fd, buf, CHUNK, off) != (ssize_t)CHUNK)
				bench_die(NAME, "pwrite");
		uint64_t t1 = rdtsc();
		if (r >= 0)
			d[r] = t1 - t0;
	}
	char c;
	if (pread(fd, &c, 1, SIZE - 1) != 1 || c != 0x33)
		bench_die(NAME, "reading the written bytes back");
	bench_report(NAME, SIZE / PAGE, d, ROUNDS);
	return 0;
}
