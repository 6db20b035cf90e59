/*
 * user/bench/bench.h - shared helpers for the faultline benchmarks.
 *
 * Every benchmark is one static musl program that prints exactly one line
 *
 *     bench NAME OPS_PER_RUN INSTRUCTIONS_PER_OP
 *
 * OPS_PER_RUN is the number of operations in one timed round; the program
 * times several rounds (plus an untimed warm-up round), divides each round's
 * rdtsc delta by OPS_PER_RUN and prints the median over the rounds.
 *
 * Under QEMU TCG with "-icount shift=0" the guest TSC advances by exactly
 * one per executed guest instruction (user and kernel alike), so a delta is
 * an instruction count.  On real hardware (or QEMU without icount) the same
 * numbers are TSC ticks instead.  Timer interrupts land in a few rounds
 * only; the median drops them.
 *
 * The file benchmarks (file_*, exec_1m) keep their data files in
 * bench_dir(): $BENCH_DIR when it is set, else /tmp.  On faultline /tmp is
 * on the root file system, the ext2 RAM disk tools/bench.py builds; Linux's
 * /init mounts that same image at /mnt and sets BENCH_DIR=/mnt/tmp, so both
 * kernels run the same binary on the same ext2 file system.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>

#define PAGE 4096UL
#define MAX_ROUNDS 64

#ifndef MADV_NOHUGEPAGE
#define MADV_NOHUGEPAGE 15
/* ---------------------------------------------------------------- files */

static inline const char *bench_dir(void)
{
	const char *d = getenv("BENCH_DIR");
	return d && *d ? d : "/tmp";
}

/*
 * A new file of `bytes` bytes in bench_dir(), every byte nonzero, written
 * with write() in 64 KiB pieces and then fsync()ed: its pages are in the page
 * cache and clean, so a later fault or read finds them there and nothing is
 * left to write back.  The name is unlinked at once (the tmpfile idiom): the
 * open descriptor keeps the inode, and its blocks are freed when the
 * program exits, whichever way it exits.  Returns the O_RDWR descriptor.
 */
static inline int bench_file(const char *name, const char *tag, unsigned long bytes)
{
	static char buf[64 * 1024];
	char path[256];
	int fd;
	snprintf(path, sizeof(path), "%s/%s.%s", bench_dir(), name, tag);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		bench_die(name, "open of the data file (is $BENCH_DIR writable?)");
	unlink(path);
	memset(buf, 0x5a, sizeof(buf));
	for (unsigned long done = 0; done < bytes; done += sizeof(buf))
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			bench_die(name, "write of the data file (is the disk full?)");
	if (fsync(fd))
		bench_die(name, "fsync of the data file");
	return fd;
}

/*
 * sync, then "3" into /proc/sys/vm/drop_caches: every clean page-cache page
 * no process maps goes (and the unused inodes), on Linux as on faultline,
 * so the next access to such a page reads it from the block device.
 * (posix_fadvise(POSIX_FADV_DONTNEED) would be narrower, but faultline has
 * no fadvise64: ENOSYS.)
 */
static inline void bench_drop_caches(const char *name)
{
	int fd;
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd < 0 || write(fd, "3", 1) != 1)
		bench_die(name, "writing 3 to /proc/sys/vm/drop_caches");
	close(fd);
}

/* A fresh mapping of `pages` pages of fd from page `first` on. */
static inline char *bench_map_file(const char *name, int fd, unsigned long first,
				   unsigned long pages, int prot, int flags)
{
	void *p = mmap(NULL, pages * PAGE, prot, flags, fd, first * PAGE);
	if (p == MAP_FAILED)
		bench_die(name, "mmap of the data file");
	return p;
}

#endif

/* lfence on both sides: rdtsc is not reordered around the measured code. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Print the result line: the median of the rounds' deltas, per operation. */
static inline void bench_report(const char *name, unsigned long ops,
				uint64_t *deltas, int rounds)
{
	qsort(deltas, rounds, sizeof(deltas[0]), bench_cmp_u64);
	uint64_t med = rounds & 1 ? deltas[rounds / 2]
				  : (deltas[rounds / 2 - 1] + deltas[rounds / 2]) / 2;
	printf("bench %s %lu %.1f\n", name, ops, (double)med / ops);
	fflush(stdout);
}

static inline void bench_die(const char *name, const char *what)
{
	printf("bench-error %s: %s failed\n", name, what);
	fflush(stdout);
	_exit(1);
}

/*
 * A fresh private anonymous read/write region of `pages` pages, none of them
 * present yet.  MADV_NOHUGEPAGE keeps Linux's THP (Debian: "always") from
 * serving a whole 2 MiB with one fault; faultline has no THP and refuses the
 * advice (EINVAL), which is ignored.  Regions are at most 1 MiB anyway.
 */
static inline char *bench_fresh_region(const char *name, unsigned long pages)
{
	void *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		bench_die(name, "mmap");
	(void)madvise(p, pages * PAGE, MADV_NOHUGEPAGE);
	return p;
}

/*
 * Write faults on fresh anonymous pages: `rounds` timed rounds (after one
 * warm-up), each mapping `pages` new pages, writing one byte to each and
 * unmapping them again.  Only the writes are timed.
 */
static inline void bench_write_faults(const char *name, unsigned long pages, int rounds)
{
	uint64_t d[MAX_ROUNDS];
	for (int r = -1; r < rounds; r++) {
		volatile char *p = bench_fresh_region(name, pages);
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < pages; i++)
			p[i * PAGE] = 1;
		uint64_t t1 = rdtsc();
		munmap((void *)p, pages * PAGE);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report(name, pages, d, rounds);
}

/*
 * Give the process `nvmas` more VMAs that cannot merge: one mapping of
 * `nvmas` pages with every other page made PROT_READ (the rest stay
 * PROT_READ|PROT_WRITE).  None of the pages is touched.  MAP_NORESERVE:
 * Linux's overcommit heuristic would refuse 100,000 writable pages (390 MiB)
 * in a 256 MiB guest (faultline ignores the flag, as it does no accounting).
 * Linux also refuses more than vm.max_map_count VMAs (default 65530) with
 * ENOMEM: linux_init raises it; if that failed, say so.
 */
static inline void bench_make_vmas(const char *name, unsigned long nvmas)
{
	/* Both kernels stop at vm.max_map_count (65530): raise it, as root may
	 * (Linux's /init has done so already; this does it on faultline). */
	FILE *lim = nvmas > 65000 ? fopen("/proc/sys/vm/max_map_count", "w") : NULL;
	if (lim) {
		fprintf(lim, "%lu\n", 2 * nvmas + 1000);
		fclose(lim);
	}
	char *p = mmap(NULL, nvmas * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		bench_die(name, "mmap of the VMA block");
	for (unsigned long i = 0; i < nvmas; i += 2)
		if (mprotect(p + i * PAGE, PAGE, PROT_READ)) {
			FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
			unsigned long max = 0;
			if (f && fscanf(f, "%lu", &max) == 1)
				printf("bench-error %s: mprotect failed at VMA %lu of %lu "
				       "(vm.max_map_count is %lu)\n", name, i, nvmas, max);
			if (f)
				fclose(f);
			bench_die(name, "mprotect of the VMA block");
		}
}

/*
 * mmap(4096, anonymous) + munmap() pairs, the page untouched: `rounds`
 * timed rounds of `iters` pairs (after one warm-up round).
 */
static inline void bench_mmap_munmap(const char *name, unsigned long iters, int rounds)
{
	uint64_t d[MAX_ROUNDS];
	for (int r = -1; r < rounds; r++) {
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < iters; i++) {
			void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED || munmap(p, PAGE))
				bench_die(name, "mmap/munmap");
		}
		uint64_t t1 = rdtsc();
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report(name, iters, d, rounds);
}

/* ---------------------------------------------------------------- files */

static inline const char *bench_dir(void)
{
	const char *d = getenv("BENCH_DIR");
	return d && *d ? d : "/tmp";
}

/*
 * A new file of `bytes` bytes in bench_dir(), every byte nonzero, written
 * with write() in 64 KiB pieces and then fsync()ed: its pages are in the page
 * cache and clean, so a later fault or read finds them there and nothing is
 * left to write back.  The name is unlinked at once (the tmpfile idiom): the
 * open descriptor keeps the inode, and its blocks are freed when the
 * program exits, whichever way it exits.  Returns the O_RDWR descriptor.
 */
static inline int bench_file(const char *name, const char *tag, unsigned long bytes)
{
	static char buf[64 * 1024];
	char path[256];
	int fd;
	snprintf(path, sizeof(path), "%s/%s.%s", bench_dir(), name, tag);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		bench_die(name, "open of the data file (is $BENCH_DIR writable?)");
	unlink(path);
	memset(buf, 0x5a, sizeof(buf));
	for (unsigned long done = 0; done < bytes; done += sizeof(buf))
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			bench_die(name, "write of the data file (is the disk full?)");
	if (fsync(fd))
		bench_die(name, "fsync of the data file");
	return fd;
}

/*
 * sync, then "3" into /proc/sys/vm/drop_caches: every clean page-cache page
 * no process maps goes (and the unused inodes), on Linux as on faultline,
 * so the next access to such a page reads it from the block device.
 * (posix_fadvise(POSIX_FADV_DONTNEED) would be narrower, but faultline has
 * no fadvise64: ENOSYS.)
 */
static inline void bench_drop_caches(const char *name)
{
	int fd;
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd < 0 || write(fd, "3", 1) != 1)
		bench_die(name, "writing 3 to /proc/sys/vm/drop_caches");
	close(fd);
}

/* A fresh mapping of `pages` pages of fd from page `first` on. */
static inline char *bench_map_file(const char *name, int fd, unsigned long first,
				   unsigned long pages, int prot, int flags)
{
	void *p = mmap(NULL, pages * PAGE, prot, flags, fd, first * PAGE);
	if (p == MAP_FAILED)
		bench_die(name, "mmap of the data file");
	return p;
}

#endif
