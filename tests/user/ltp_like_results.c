/*
 * What LTP's test library does before each test (lib/tst_test.c,
 * lib/tst_tmpdir.c): a mkdtemp("/tmp/LTP_xxXXXXXX") directory made the
 * cwd, a results file created there, ftruncate'd to one page, mapped
 * MAP_SHARED and unlinked at once; then test processes (fork) update
 * counters in that shared page with atomic operations and the parent reads
 * them after wait.
 *   Here 4 children each add 1 to a shared counter 1000 times, set their
 *   own slot to 1000 + i and OR their bit into a mask; the parent sees the
 *   sums through the mapping and through pread of the unlinked file, then
 *   leaves the directory and removes it (rmdir: it is empty, the file being
 *   unlinked).
 */
#include "fsutil.h"

#define CHILDREN 4
#define ROUNDS 1000

struct results {
	unsigned long counter;
	unsigned long mask;
	unsigned long slot[CHILDREN];
};

int main(void)
{
	char dir[] = "/tmp/LTP_xxXXXXXX";
	char cwd[256];
	struct stat st;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(dir)) {
		printf("mkdtemp: %s\n", errno_name(errno));
		return 1;
	}
	printf("mkdtemp: ok\n");
	SHOW("chmod 0777", chmod(dir, 0777));
	SHOW("chdir", chdir(dir));
	printf("getcwd is it: %d\n", getcwd(cwd, sizeof cwd) && !strcmp(cwd, dir));

	int fd = open("results", O_RDWR | O_CREAT | O_EXCL, 0600);
	SHOW("open results", fd);
	SHOW("ftruncate 4096", ftruncate(fd, PAGE_SIZE));
	struct results *r = show_map("mmap MAP_SHARED",
			 mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	SHOW("unlink results", unlink("results"));
	if (r == MAP_FAILED || fd < 0) {
		chdir("/");
		rmdir(dir);
		return 1;
	}
	CHECK("page starts zeroed", all_bytes(r, PAGE_SIZE, 0));

	pid_t pids[CHILDREN];
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			for (int k = 0; k < ROUNDS; k++)
				__atomic_fetch_add(&r->counter, 1, __ATOMIC_SEQ_CST);
			__atomic_fetch_or(&r->mask, 1UL << i, __ATOMIC_SEQ_CST);
			__atomic_store_n(&r->slot[i], 1000 + i, __ATOMIC_SEQ_CST);
			_exit(0);
		}
	}
	int all_ok = 1;
	for (int i = 0; i < CHILDREN; i++) {
		int status;
		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			all_ok = 0;
	}
	printf("children exited 0: %d\n", all_ok);
	printf("counter %lu mask 0x%lx\n", r->counter, r->mask);
	for (int i = 0; i < CHILDREN; i++)
		printf("slot %d: %lu\n", i, r->slot[i]);

	struct results copy;
	SHOWN("pread of the unlinked file", pread(fd, &copy, sizeof copy, 0));
	CHECK("pread matches the mapping", memcmp(&copy, r, sizeof copy) == 0);
	fstat(fd, &st);
	printf("st_nlink %ld st_size %lld\n", (long)st.st_nlink, (long long)st.st_size);

	SHOW("munmap", munmap(r, PAGE_SIZE));
	close(fd);
	SHOW("chdir /", chdir("/"));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
