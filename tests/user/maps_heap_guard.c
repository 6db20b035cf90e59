/*
 * maps_heap_guard - what musl's malloc does on its first call, and how
 * /proc/self/maps names the result (Linux fs/proc/task_mmu.c get_vma_name).
 *
 * musl's mallocng grows the heap by two pages with brk and then maps a
 * PROT_NONE guard page over the first one with mmap(MAP_FIXED).  Checked:
 *   a later mmap(NULL) goes where the first mmap of a program goes, high
 *   up below the stack (Linux's top-down search from mmap_base), not into
 *   the gap just below the program (faultline once did: the MAP_FIXED
 *   unmapped part of the heap, and that moved its search cache down there);
 *   a hole left high up is reused by a smaller request that comes after a
 *   larger one passed it by (the search cache must not skip it);
 *   maps names both heap pieces "[heap]": Linux names any anonymous
 *   mapping overlapping start_brk..brk so (vma_is_initial_heap);
 *   a read-only page at the bottom of the stack mapping splits it, and
 *   only the piece holding the initial stack pointer is "[stack]"
 *   (vma_is_initial_stack);
 *   a heap piece moved away with mremap is no longer "[heap]".
 * Lines are printed as permissions and name, the program's own as PROG,
 * the vDSO's left out (faultline has none).
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>

static const char *prog;

static void show_maps(const char *title)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	printf("== %s\n", title);
	while (f && fgets(line, sizeof line, f)) {
		char perm[8] = "", *name;
		int n = 0;

		sscanf(line, "%*x-%*x %7s %*x %*s %*u %n", perm, &n);
		name = line + n;
		name[strcspn(name, "\n")] = 0;
		if (!strncmp(name, "[vdso", 5) || !strncmp(name, "[vvar", 5) || !strcmp(name, "[vsyscall]"))
			continue;
		if (*name == '/' && strstr(name, prog))
			name = "PROG";
		printf("%s %s\n", perm, name);
	}
	if (f)
		fclose(f);
}

static uintptr_t stack_start(void)
{
	char line[512];
	uintptr_t s = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	while (fgets(line, sizeof line, f))
		if (strstr(line, "[stack]"))
			sscanf(line, "%lx", &s);
	fclose(f);
	return s;
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	uintptr_t b, top;
	char *p, *q, *big, *small, *moved;

	(void)argc;
	prog = slash ? slash + 1 : argv[0];
	b = syscall(SYS_brk, 0);
	b = (b + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	printf("brk +2 pages: %d\n", (uintptr_t)syscall(SYS_brk, b + 2 * PAGE_SIZE) == b + 2 * PAGE_SIZE);
	p = mmap((void *)b, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("guard over the first heap page: %d\n", p == (void *)b);
	q = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("next mmap above the heap: %d, far above: %d\n", (uintptr_t)q > b,
	       (uintptr_t)q - b > (1UL << 40));
	show_maps("heap with a guard page");

	/* A hole of 1 page high up, a 2-page request passes it by, a 1-page one takes it. */
	top = (uintptr_t)mmap(NULL, 3 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap((void *)(top + PAGE_SIZE), PAGE_SIZE);
	big = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	small = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("2 pages below the hole: %d, 1 page into the hole: %d\n", (uintptr_t)big < top,
	       (uintptr_t)small == top + PAGE_SIZE);
	munmap((void *)top, 3 * PAGE_SIZE);
	munmap(big, 2 * PAGE_SIZE);
	munmap(q, PAGE_SIZE);

	/* The stack split by a read-only page at its bottom. */
	mprotect((void *)stack_start(), PAGE_SIZE, PROT_READ);
	/* The heap's writable piece moved away. */
	moved = mremap((void *)(b + PAGE_SIZE), PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
		       (void *)(b + (1UL << 30)));
	printf("heap piece moved: %d\n", moved == (void *)(b + (1UL << 30)));
	show_maps("stack split, heap piece moved");
	return 0;
}
