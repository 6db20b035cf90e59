/*
 * mmap_hint_wrap - an mmap() hint, without MAP_FIXED, that is a kernel
 * address or whose range would wrap past 2^64 or run past the top of user
 * space.  A hint is only a hint: Linux ignores an unusable one and returns
 * an ordinary user address.  faultline once took hint 0xfffffffffffff000
 * with length 0x3000 (hint + len wraps to 0x2000, which "fits"), returned
 * it, and the VMA then overlapped everything: the next fork() died of
 * SIGSEGV (found by tools/fuzz, seeds 77 and 218).  MAP_FIXED at such an
 * address, and mremap to one, must fail instead.  Each case runs in its own
 * child, so one crash does not end the test.
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>

static void one(const char *what, unsigned long hint, size_t len, int prot, int flags, int fd)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		void *p = mmap((void *)hint, len, prot, flags, fd, 0);
		int user = p != MAP_FAILED && (unsigned long)p < 0x800000000000UL;
		printf("%-44s mmap(%#lx, %#zx) = %s%s\n", what, hint, len,
		       p == MAP_FAILED ? "MAP_FAILED" : user ? "a user address" : "",
		       p == MAP_FAILED || user ? "" : "");
		if (p != MAP_FAILED && !user)
			printf("%-44s   ... = %p: NOT a user address\n", "", p);
		fflush(stdout);
		pid_t c = fork();		/* then fork, as the fuzzer's worker did */
		if (c == 0)
			_exit(0);
		waitpid(c, NULL, 0);
		printf("%-44s   fork() afterwards returned normally\n", "");
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		printf("%-44s   KILLED by signal %d (after the mmap)\n", "", WTERMSIG(st));
}

int main(void)
{
	char path[] = "/tmp/mmap_kernel_hint.XXXXXX";
	int fd = mkstemp(path);
	ftruncate(fd, 3 * 4096);
	unlink(path);

	one("anon private, hint 0xfffffffffffff000", 0xfffffffffffff000UL, 0x3000, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1);
	one("file MAP_SHARED_VALIDATE, same hint (seed 218)", 0xfffffffffffff000UL, 0x3000, 7, MAP_SHARED_VALIDATE, fd);
	one("anon private, hint 0xffff800000000000", 0xffff800000000000UL, 0x1000, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1);
	one("anon private, hint 0x800000000000 (TASK_SIZE)", 0x800000000000UL, 0x1000, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1);
	one("anon private, hint 0x7ffffffff000 (len runs past)", 0x7ffffffff000UL, 0x3000, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1);
	errno = 0;
	void *q = mmap((void *)0xfffffffffffff000UL, 0x3000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED at 0xfffffffffffff000 + 0x3000: %s\n", q == MAP_FAILED ? errno_name(errno) : "mapped");
	char *r = mmap(NULL, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	q = mremap(r, 0x1000, 0x3000, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xfffffffffffff000UL);
	printf("mremap to 0xfffffffffffff000 + 0x3000: %s\n", q == MAP_FAILED ? errno_name(errno) : "moved");
	q = mremap(r, 0xfffffffffffff000UL, 0x1000, 0);
	printf("mremap of a length that wraps: %s\n", q == MAP_FAILED ? errno_name(errno) : "done");
	return 0;
}
