/*
 * MAP_SHARED|MAP_ANONYMOUS memory is shared with fork children
 * (docs/linux-abi.md §7, §11), whether or not a page was touched before the
 * fork, while MAP_PRIVATE memory is copied:
 *   page 0 written by the parent before fork, page 1 never touched before
 *   fork, page 2 only read before fork (it maps the zero page);
 *   the child writes all three pages of the shared and of the private
 *   mapping and exits; the parent then sees the child's values in every
 *   page of the shared mapping and its own (or 0) in the private one.
 *   Then the parent writes the shared pages, and a second child reads them.
 */
#include "ftest.h"

#define PAGES 3

static void child_writes(uintptr_t s, uintptr_t p)
{
	int status;

	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < PAGES; i++) {
			poke32(s + i * PAGE_SIZE, 200 + i);
			poke32(p + i * PAGE_SIZE, 300 + i);
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("writer child", status);
}

int main(void)
{
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t s = (uintptr_t)mmap(NULL, PAGES * PAGE_SIZE,
				      PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == (uintptr_t)MAP_FAILED) {
		printf("mmap MAP_SHARED|MAP_ANONYMOUS failed %s\n", errno_name(errno));
		return 1;
	}
	uintptr_t p = map_anon(PAGES, PROT_READ | PROT_WRITE);

	poke32(s, 100);
	poke32(p, 100);
	(void)peek32(s + 2 * PAGE_SIZE);
	(void)peek32(p + 2 * PAGE_SIZE);

	child_writes(s, p);
	for (int i = 0; i < PAGES; i++)
		printf("page %d: shared %d private %d\n", i,
		       peek32(s + i * PAGE_SIZE), peek32(p + i * PAGE_SIZE));

	for (int i = 0; i < PAGES; i++)
		poke32(s + i * PAGE_SIZE, 400 + i);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < PAGES; i++)
			printf("reader child: page %d shared %d\n", i,
			       peek32(s + i * PAGE_SIZE));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("reader child", status);
	return 0;
}
