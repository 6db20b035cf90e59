/*
 * reclaim_bigmap - page reclaim (mm/vmscan.c). A 96 MiB file, sparse but
 * with a marker written at the start of every MiB, is mapped MAP_SHARED and
 * read through twice in an 80 MiB guest: the page cache cannot hold it, so
 * reclaim must drop (unmapping them from this process) the pages read
 * first. Every marker must read back right on both passes, and the second
 * pass must fault pages in again from the file (major faults), since the
 * first pass's pages were reclaimed. faultline only, because of the guest
 * size; the expected output is written from those rules.
 *
 * qrun-args: --mem 80M --disk-size 2M --tmp-on-disk
 * (the file must be on the disk: reclaim drops file pages it can read back)
 */
#include "fsutil.h"
#include <sys/resource.h>

#define SIZE (96L << 20)
#define STEP (1L << 20)
#define MARK_AT (3 * PAGE_SIZE)		/* the marker's offset inside each MiB */

static long majflt(void)
{
	struct rusage r;

	getrusage(RUSAGE_SELF, &r);
	return r.ru_majflt;
}

int main(void)
{
	char dir[64], file[96];
	int fd;
	volatile char *m;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof(dir), "reclaim");
	fd = open(path_in(file, sizeof(file), dir, "big"), O_RDWR | O_CREAT | O_EXCL, 0600);
	SHOW("ftruncate to 96 MiB", ftruncate(fd, SIZE));
	for (long off = 0; off < SIZE; off += STEP)
		pwrite(fd, &off, sizeof(off), off + MARK_AT);
	m = show_map("map it shared", mmap(NULL, SIZE, PROT_READ, MAP_SHARED, fd, 0));
	for (int pass = 1; pass <= 2; pass++) {
		long before = majflt(), bad = 0, zero = 0;

		for (long off = 0; off < SIZE; off += PAGE_SIZE)
			zero += m[off] == 0;
		for (long off = 0; off < SIZE; off += STEP) {
			long v;
			memcpy(&v, (const void *)(m + off + MARK_AT), sizeof(v));
			bad += v != off;
		}
		printf("pass %d: markers wrong %ld, page starts not zero %ld, major faults %s\n", pass, bad,
		       SIZE / PAGE_SIZE - zero, majflt() - before > 0 ? "yes" : "no");
	}
	SHOW("munmap", munmap((void *)m, SIZE));
	close(fd);
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
