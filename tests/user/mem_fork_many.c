/*
 * Many forks and copy-on-write chains (docs/linux-abi.md §11 "the fork child
 * gets ... copy-on-write memory"; §4 exit status = code & 0xff):
 *   1. 100 children one after another: child i writes its index into 16 of
 *      the 64 pages of a private mapping (pages i%4, i%4+4, ...), checks the
 *      other 48 still hold the parent's pattern, and exits with a checksum
 *      (& 0xff); the parent reaps each and checks the status; afterwards
 *      the parent's 64 pages still hold its own pattern;
 *   2. 20 children alive at once: each waits on a pipe for "go", writes all
 *      64 pages, verifies them, and exits; the parent then reaps them all
 *      (wait(), any order) and counts good statuses; wait() once more ->
 *      ECHILD;
 *   3. a chain parent -> child -> grandchild -> great-grandchild: each
 *      generation writes its own page (1, 2, 3) after forking the next, and
 *      the next generation checks that it still sees the values from before
 *      its fork; every generation reports what it sees in pages 0-3 after
 *      its descendants exited (through its exit status, as a 4-bit mask of
 *      pages holding the expected value).
 * Pages are checked word by word; nothing depends on addresses.
 */
#include "ftest.h"
#include <sched.h>

#define NPAGES 64
#define WORDS (PAGE_SIZE / sizeof(long))

static long *mem;

static void fill(int page, long v)
{
	for (unsigned w = 0; w < WORDS; w++)
		mem[page * WORDS + w] = v + w;
}

static int check(int page, long v)
{
	for (unsigned w = 0; w < WORDS; w++)
		if (mem[page * WORDS + w] != v + (long)w)
			return 0;
	return 1;
}

static long parent_val(int page) { return 1000000L * (page + 1); }

int main(void)
{
	int status, good = 0, bad = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	mem = (long *)map_anon(NPAGES, PROT_READ | PROT_WRITE);
	for (int p = 0; p < NPAGES; p++)
		fill(p, parent_val(p));

	/* 1 */
	for (int i = 0; i < 100; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			int sum = 0, ok = 1;

			for (int p = i % 4; p < NPAGES; p += 4)
				fill(p, i * 7L);
			for (int p = 0; p < NPAGES; p++) {
				if (p % 4 == i % 4)
					ok &= check(p, i * 7L);
				else
					ok &= check(p, parent_val(p));
				sum += (int)(mem[p * WORDS + 5] & 0xff);
			}
			_exit(ok ? (sum & 0x7f) : 0xff);
		}
		if (waitpid(pid, &status, 0) != pid) {
			bad++;
			continue;
		}
		int sum = 0;
		for (int p = 0; p < NPAGES; p++)
			sum += (int)(((p % 4 == i % 4) ? i * 7L + 5 : parent_val(p) + 5) & 0xff);
		if (WIFEXITED(status) && WEXITSTATUS(status) == (sum & 0x7f))
			good++;
		else
			bad++;
	}
	int intact = 1;
	for (int p = 0; p < NPAGES; p++)
		intact &= check(p, parent_val(p));
	printf("sequential: %d good %d bad, parent pages intact %d\n", good, bad, intact);

	/* 2 */
	{
		int go[2];
		pid_t kids[20];

		pipe(go);
		for (int i = 0; i < 20; i++) {
			kids[i] = fork();
			if (kids[i] == 0) {
				char c;
				int ok = 1;

				close(go[1]);
				if (read(go[0], &c, 1) != 1)
					_exit(99);
				for (int p = 0; p < NPAGES; p++)
					fill(p, 5000L * i + p);
				sched_yield();
				for (int p = 0; p < NPAGES; p++)
					ok &= check(p, 5000L * i + p);
				_exit(ok ? 10 + i : 98);
			}
		}
		close(go[0]);
		for (int i = 0; i < 20; i++)
			write(go[1], "g", 1);
		close(go[1]);
		int seen = 0, ok = 0;
		long mask = 0;
		pid_t w;
		while ((w = wait(&status)) > 0) {
			seen++;
			for (int i = 0; i < 20; i++)
				if (w == kids[i] && WIFEXITED(status) && WEXITSTATUS(status) == 10 + i) {
					ok++;
					mask |= 1L << i;
				}
		}
		printf("concurrent: reaped %d, good %d, all distinct %d, then wait -> %s\n", seen,
		       ok, mask == (1L << 20) - 1, errno_name(errno));
		intact = 1;
		for (int p = 0; p < NPAGES; p++)
			intact &= check(p, parent_val(p));
		printf("concurrent: parent pages intact %d\n", intact);
	}

	/* 3: generation g writes page g after forking generation g+1. */
	{
		int gen = 0;
		int saw_before = 1;
		long expect[4];

		for (int p = 0; p < 4; p++)
			expect[p] = parent_val(p);
		for (;;) {
			pid_t pid = gen < 3 ? fork() : -1;
			if (pid == 0) {
				/* the child must see everything as the parent had it */
				for (int p = 0; p < 4; p++)
					saw_before &= check(p, expect[p]);
				gen++;
				continue;
			}
			/* after forking the next generation, write our page */
			if (gen > 0) {
				fill(gen, 42L * gen);
				expect[gen] = 42L * gen;
			}
			if (pid > 0)
				waitpid(pid, &status, 0);
			int m = 0;
			for (int p = 0; p < 4; p++)
				m |= check(p, expect[p]) << p;
			if (gen == 0) {
				printf("chain: descendant reports %d (1 = saw its parent's pages and kept its own)\n",
				       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
				printf("chain: generation 0 pages ok mask 0x%x\n", m);
				break;
			}
			/* exit 1 only if: saw parent's pages, own mask all ok, and
			 * the descendant (if any) reported 1 */
			int desc_ok = pid < 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 1);
			_exit(saw_before && m == 0xf && desc_ok);
		}
	}
	return 0;
}
