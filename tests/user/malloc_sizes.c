/*
 * musl's malloc on top of brk and mmap (docs/linux-abi.md §1, §10).  Blocks of
 * 16 B up to 1 MiB (doubling, three of each size) are allocated, each filled
 * with a pattern derived from its index, and checked; every other one is
 * freed and the sizes are allocated again; then realloc grows each survivor
 * to 4x its size (keeping the old bytes, the new part filled too).  Printed:
 * per size a checksum of what was read back and whether every byte matched,
 * then the totals.  Small blocks come from brk, large ones from mmap, and
 * realloc of a large one uses mremap.  Nothing here depends on addresses.
 */
#include "ftest.h"
#include <stdlib.h>

#define MIN_SHIFT 4		/* 16 B */
#define MAX_SHIFT 20		/* 1 MiB */
#define PER_SIZE 3
#define NBLOCKS ((MAX_SHIFT - MIN_SHIFT + 1) * PER_SIZE)

static unsigned char *blk[NBLOCKS];
static size_t len[NBLOCKS];

static unsigned char pattern(int i, size_t off)
{
	return (unsigned char)(i * 131 + off * 7 + (off >> 8));
}

static void fill(int i, size_t from, size_t to)
{
	for (size_t o = from; o < to; o++)
		blk[i][o] = pattern(i, o);
}

/* Return the sum of the bytes; *bad counts mismatches. */
static unsigned long check(int i, size_t to, int *bad)
{
	unsigned long sum = 0;

	for (size_t o = 0; o < to; o++) {
		sum += blk[i][o];
		if (blk[i][o] != pattern(i, o))
			(*bad)++;
	}
	return sum;
}

int main(void)
{
	int bad = 0, nulls = 0;
	unsigned long total = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 0; i < NBLOCKS; i++) {
		len[i] = 1UL << (MIN_SHIFT + i / PER_SIZE);
		blk[i] = malloc(len[i]);
		if (!blk[i]) {
			nulls++;
			continue;
		}
		fill(i, 0, len[i]);
	}
	for (int s = MIN_SHIFT; s <= MAX_SHIFT; s++) {
		unsigned long sum = 0;
		int b = 0;
		for (int k = 0; k < PER_SIZE; k++) {
			int i = (s - MIN_SHIFT) * PER_SIZE + k;
			if (blk[i])
				sum += check(i, len[i], &b);
		}
		printf("size %7lu: sum %lu all match %d\n", 1UL << s, sum, b == 0);
		bad += b;
	}
	for (int i = 0; i < NBLOCKS; i += 2) {
		free(blk[i]);
		blk[i] = malloc(len[i]);
		if (!blk[i]) {
			nulls++;
			continue;
		}
		fill(i, 0, len[i]);
	}
	for (int i = 1; i < NBLOCKS; i += 2) {
		unsigned char *n = realloc(blk[i], len[i] * 4);
		if (!n) {
			nulls++;
			continue;
		}
		blk[i] = n;
		int b = 0;
		check(i, len[i], &b);		/* old bytes kept */
		bad += b;
		fill(i, len[i], len[i] * 4);
		len[i] *= 4;
	}
	for (int i = 0; i < NBLOCKS; i++) {
		if (blk[i])
			total += check(i, len[i], &bad);
		free(blk[i]);
	}
	printf("after free/malloc and realloc x4: total %lu mismatches %d NULLs %d\n",
	       total, bad, nulls);

	/* calloc zeroes, even reusing freed memory. */
	unsigned char *c = malloc(200000);
	memset(c, 0xff, 200000);
	free(c);
	c = calloc(1, 200000);
	int nz = 0;
	for (int i = 0; i < 200000; i++)
		nz += c[i] != 0;
	printf("calloc 200000: nonzero bytes %d\n", nz);
	free(c);
	return 0;
}
