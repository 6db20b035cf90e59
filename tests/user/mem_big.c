/*
 * Larger memory workloads (docs/linux-abi.md §7 mmap family, §10 brk and
 * malloc).  Each prints counts and checksums only:
 *   1. malloc(64 MiB) (musl: its own mmap), every page written with its
 *      index and read back, then freed;
 *   2. 5000 one-page anonymous mmaps, each written with its index; all read
 *      back; all munmapped (every call returns 0); 5000 more after that
 *      work too; a second munmap of the first one still returns 0;
 *   3. a 1 GiB PROT_NONE MAP_NORESERVE reservation: mprotect of the whole
 *      range to PROT_READ|PROT_WRITE -> 0; one page in every 16 MiB is
 *      written and read back; mprotect back to PROT_NONE -> 0; then a read
 *      of a written page gives SIGSEGV SEGV_ACCERR; munmap -> 0;
 *   4. brk grown to 32 MiB above the initial break in 1 MiB steps (raw
 *      syscall, each returns exactly the requested value), every page
 *      written and verified, then shrunk back to the initial break; after
 *      shrinking, a read of the old area gives SEGV_MAPERR;
 *   5. mmap of 256 MiB MAP_NORESERVE (more than faultline's guest RAM is
 *      not needed: only 4 pages are touched): succeeds; munmap -> 0.
 */
#include "ftest.h"
#include <stdlib.h>

#define MB (1024UL * 1024)

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	/* 1 */
	{
		size_t n = 64 * MB, pages = n / PAGE_SIZE, ok = 0;
		unsigned long *p = malloc(n);

		printf("malloc 64 MiB: %s\n", p ? "ok" : "NULL");
		if (p) {
			for (size_t i = 0; i < pages; i++)
				p[i * (PAGE_SIZE / 8)] = i * 2654435761UL;
			for (size_t i = 0; i < pages; i++)
				ok += p[i * (PAGE_SIZE / 8)] == i * 2654435761UL;
			printf("malloc 64 MiB: %zu/%zu pages verified\n", ok, pages);
			free(p);
		}
	}

	/* 2 */
	{
		static long *maps[5000];
		int made = 0, good = 0, unmapped = 0, again = 0;

		for (int i = 0; i < 5000; i++) {
			void *m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED) {
				maps[i] = NULL;
				continue;
			}
			maps[i] = m;
			maps[i][0] = i;
			maps[i][511] = -i;
			made++;
		}
		for (int i = 0; i < 5000; i++)
			if (maps[i] && maps[i][0] == i && maps[i][511] == -i)
				good++;
		long *first = maps[0];
		for (int i = 0; i < 5000; i++)
			if (maps[i] && munmap(maps[i], PAGE_SIZE) == 0)
				unmapped++;
		for (int i = 0; i < 5000; i++) {
			void *m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m != MAP_FAILED) {
				again += *(long *)m == 0;
				maps[i] = m;
			} else {
				maps[i] = NULL;
			}
		}
		for (int i = 0; i < 5000; i++)
			if (maps[i])
				munmap(maps[i], PAGE_SIZE);
		printf("5000 mmaps: made %d verified %d munmapped %d; 5000 more zeroed %d\n", made,
		       good, unmapped, again);
		printf("munmap of an already unmapped page: %d\n", munmap(first, PAGE_SIZE));
	}

	/* 3 */
	{
		size_t len = 1024 * MB;
		char *r = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		int ok = 0, v;

		printf("1 GiB PROT_NONE reservation: %s\n", r == MAP_FAILED ? errno_name(errno) : "ok");
		if (r != MAP_FAILED) {
			printf("mprotect 1 GiB RW: %d\n", mprotect(r, len, PROT_READ | PROT_WRITE));
			for (size_t off = 0; off < len; off += 16 * MB)
				r[off + 123] = (char)(off / MB);
			for (size_t off = 0; off < len; off += 16 * MB)
				ok += r[off + 123] == (char)(off / MB);
			printf("pages written and read back: %d/64\n", ok);
			printf("mprotect 1 GiB PROT_NONE: %d\n", mprotect(r, len, PROT_NONE));
			report("read after PROT_NONE", try_read32((uintptr_t)r + 16 * MB + 120, &v),
			       (uintptr_t)r);
			printf("munmap 1 GiB: %d\n", munmap(r, len));
		}
	}

	/* 4 */
	{
		unsigned long b0 = syscall(SYS_brk, 0), cur = b0;
		int exact = 1, ok = 1, v;
		unsigned long start = (b0 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

		for (int i = 1; i <= 32; i++) {
			unsigned long want = b0 + i * MB;
			cur = syscall(SYS_brk, want);
			if (cur != want) {
				exact = 0;
				break;
			}
		}
		printf("brk +32 MiB in 1 MiB steps: each exact %d\n", exact);
		if (exact) {
			for (unsigned long a = start; a + 8 <= b0 + 32 * MB; a += PAGE_SIZE)
				*(unsigned long *)a = a ^ 0x5a5a5a5aUL;
			for (unsigned long a = start; a + 8 <= b0 + 32 * MB; a += PAGE_SIZE)
				ok &= *(unsigned long *)a == (a ^ 0x5a5a5a5aUL);
			printf("brk area: all pages verified %d\n", ok);
		}
		printf("brk shrink back: returns b0 %d\n", syscall(SYS_brk, b0) == (long)b0);
		report("read 16 MiB above b0 after shrink",
		       try_read32(start + 16 * MB, &v), start);
	}

	/* 5 */
	{
		size_t len = 256 * MB;
		char *r = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		printf("256 MiB NORESERVE: %s\n", r == MAP_FAILED ? errno_name(errno) : "ok");
		if (r != MAP_FAILED) {
			for (int i = 0; i < 4; i++)
				r[i * 64 * MB] = i + 1;
			printf("touched 4 pages: %d %d %d %d\n", r[0], r[64 * MB], r[128 * MB],
			       r[192 * MB]);
			printf("munmap: %d\n", munmap(r, len));
		}
	}
	return 0;
}
