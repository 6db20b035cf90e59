/*
 * File mappings and the page cache agree (docs/linux-abi.md §2: 9 mmap,
 * 10 mprotect, 26 msync; mm/filemap.c, mm/memory.c).  On a 2-page file:
 *   a store through a MAP_SHARED mapping is seen by read() at once, and a
 *   pwrite() is seen by the mapping at once; a second MAP_SHARED mapping of
 *   the file sees the first one's stores; a forked child's stores through
 *   the inherited mapping and through a mapping of its own are seen by the
 *   parent's read() and mapping after wait; msync(MS_SYNC) -> 0,
 *   MS_SYNC|MS_ASYNC -> EINVAL, an unaligned address -> EINVAL.
 *   MAP_PRIVATE: a store is not seen by read(); a later pwrite() to the
 *   file is seen in the private mapping's page it only read, but not in the
 *   page it copied.
 *   Permissions: PROT_WRITE MAP_SHARED of an O_RDONLY fd -> EACCES;
 *   mprotect(PROT_WRITE) of a MAP_SHARED PROT_READ mapping of an O_RDONLY
 *   fd -> EACCES; PROT_READ of an O_WRONLY fd -> EACCES; PROT_WRITE
 *   MAP_PRIVATE of an O_RDONLY fd works and its stores stay private.
 */
#include "fsutil.h"

#define PSZ (2 * PAGE_SIZE)

static char buf[PAGE_SIZE];

/* pread one byte at off. */
static int byte_at(int fd, off_t off)
{
	unsigned char c = 0;

	if (pread(fd, &c, 1, off) != 1)
		return -1;
	return c;
}

int main(void)
{
	char dir[64], path[96];
	int fd, status;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "fs_mmap_shared");
	path_in(path, sizeof path, dir, "f");
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	memset(buf, 'a', PAGE_SIZE);
	write(fd, buf, PAGE_SIZE);
	memset(buf, 'b', PAGE_SIZE);
	write(fd, buf, PAGE_SIZE);

	/* MAP_SHARED both ways */
	char *s = show_map("mmap MAP_SHARED",
			 mmap(NULL, PSZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	if (s == MAP_FAILED)
		return 1;
	s[10] = 'S';
	s[PAGE_SIZE + 20] = 'T';
	printf("read sees stores: '%c' '%c'\n", byte_at(fd, 10), byte_at(fd, PAGE_SIZE + 20));
	pwrite(fd, "WX", 2, 100);
	printf("mapping sees pwrite: '%c%c'\n", s[100], s[101]);
	char *s2 = mmap(NULL, PSZ, PROT_READ, MAP_SHARED, fd, 0);
	s[200] = 'Y';
	printf("second mapping sees the first: '%c' '%c'\n", s2[10], s2[200]);
	munmap(s2, PSZ);

	/* a forked child's stores */
	pid_t pid = fork();
	if (pid == 0) {
		s[300] = 'c';
		char *own = mmap(NULL, PSZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (own == MAP_FAILED)
			_exit(1);
		own[PAGE_SIZE + 300] = 'd';
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("child", status);
	printf("parent read sees child's stores: '%c' '%c'\n", byte_at(fd, 300),
	       byte_at(fd, PAGE_SIZE + 300));
	printf("parent mapping sees them: '%c' '%c'\n", s[300], s[PAGE_SIZE + 300]);

	/* msync */
	SHOW("msync MS_SYNC", msync(s, PSZ, MS_SYNC));
	SHOW("msync MS_ASYNC", msync(s, PSZ, MS_ASYNC));
	SHOW("msync MS_SYNC|MS_ASYNC", msync(s, PSZ, MS_SYNC | MS_ASYNC));
	SHOW("msync unaligned", msync(s + 1, PAGE_SIZE, MS_SYNC));
	munmap(s, PSZ);

	/* MAP_PRIVATE */
	char *p = show_map("mmap MAP_PRIVATE",
			 mmap(NULL, PSZ, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
	if (p == MAP_FAILED)
		return 1;
	printf("private sees the file: '%c' '%c'\n", p[10], p[PAGE_SIZE + 300]);
	p[0] = 'P';
	printf("private store: mapping '%c', read '%c'\n", p[0], byte_at(fd, 0));
	pwrite(fd, "Q", 1, 1);
	pwrite(fd, "R", 1, PAGE_SIZE + 1);
	printf("pwrite after: copied page '%c', page only read '%c'\n", p[1], p[PAGE_SIZE + 1]);
	munmap(p, PSZ);
	close(fd);

	/* permissions */
	int ro = open(path, O_RDONLY);
	void *m = show_map("PROT_WRITE MAP_SHARED of O_RDONLY",
			 mmap(NULL, PSZ, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
	m = show_map("PROT_READ MAP_SHARED of O_RDONLY",
			 mmap(NULL, PSZ, PROT_READ, MAP_SHARED, ro, 0));
	if (m != MAP_FAILED) {
		SHOW("mprotect PROT_WRITE of it", mprotect(m, PSZ, PROT_READ | PROT_WRITE));
		munmap(m, PSZ);
	}
	char *pr = show_map("PROT_WRITE MAP_PRIVATE of O_RDONLY",
			 mmap(NULL, PSZ, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0));
	if (pr != MAP_FAILED) {
		pr[5] = '!';
		printf("private store '%c', file keeps '%c'\n", pr[5], byte_at(ro, 5));
		munmap(pr, PSZ);
	}
	close(ro);
	int wo = open(path, O_WRONLY);
	m = show_map("PROT_READ MAP_SHARED of O_WRONLY",
			 mmap(NULL, PSZ, PROT_READ, MAP_SHARED, wo, 0));
	close(wo);

	SHOW("unlink", unlink(path));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
