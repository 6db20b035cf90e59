/*
 * read() throughput on a cached file: instructions per 4 KiB page read.
 *
 * A 16 MiB file is written and fsync()ed (every page cached and clean).
 * Each round reads the whole file with pread() in 64 KiB pieces into one
 * buffer (already touched, so no fault lands in the copy); the count is
 * the round's instructions divided by the 4096 pages.  It includes the
 * system-call cost, one call per 16 pages, and the copy to user space.
 */
#include "bench.h"

#define NAME "file_read_16m_per_4k"
#define SIZE (16UL << 20)
#define CHUNK (64UL * 1024)
#define ROUNDS 9

int main(void)
{
	static char buf[CHUNK];
	uint64_t d[ROUNDS];
	int fd = bench_file(NAME, "data", SIZE);
	memset(buf, 0, sizeof(buf));
	for (int r = -1; r < ROUNDS; r++) {
		uint64_t t0 = rdtsc();
		for (unsigned long off = 0; off < SIZE; off += CHUNK)
			if (pread(fd, buf, CHUNK, off) != (ssize_t)CHUNK)
				bench_die(NAME, "pread");
		uint64_t t1 = rdtsc();
		if (r >= 0)
			d[r] = t1 - t0;
	}
	if (buf[CHUNK - 1] != 0x5a)
		bench_die(NAME, "reading the file's bytes back");
	bench_report(NAME, SIZE / PAGE, d, ROUNDS);
	return 0;
}
