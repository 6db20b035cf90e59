/*
 * madvise(MADV_REMOVE) punches a hole in the file behind a shared writable
 * mapping (Linux mm/madvise.c madvise_remove: fallocate(PUNCH_HOLE |
 * KEEP_SIZE) on the mapped range). LTP madvise01 expects it to succeed on
 * a tmpfs file.
 *   shared anonymous memory (a shmem file): the middle page reads back 0,
 *   its neighbours keep their data;
 *   a memfd mapped shared: the hole shows through read() and the mapping,
 *   the size stays; an offset mapping punches at its file offset;
 *   private anonymous: EINVAL (no file); a private file mapping: EACCES;
 *   a PROT_READ shared mapping of a file open O_RDWR punches (Linux 6.7
 *   on checks VM_MAYWRITE, not VM_WRITE), of one open O_RDONLY: EACCES;
 *   a locked VMA: EINVAL; a range with a hole in it: ENOMEM, the pages
 *   on both sides punched.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>

static void try(const char *what, void *p, size_t len)
{
	errno = 0;
	int r = madvise(p, len, MADV_REMOVE);
	printf("%s: %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

static void fill(char *p, size_t len, char c)
{
	memset(p, c, len);
}

/* The first byte of each of n pages, as characters ('0' for a zero byte). */
static void show(const char *what, const char *p, int n)
{
	printf("%s:", what);
	for (int i = 0; i < n; i++)
		printf(" %c", p[i * PAGE_SIZE] ? p[i * PAGE_SIZE] : '0');
	printf("\n");
}

static void shared_anon(void)
{
	char *p = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	fill(p, 3 * PAGE_SIZE, 'a');
	try("shared anon, middle page", p + PAGE_SIZE, PAGE_SIZE);
	show("shared anon pages", p, 3);
	printf("last byte of middle page: %d\n", p[2 * PAGE_SIZE - 1]);
	munmap(p, 3 * PAGE_SIZE);
}

static void memfd_shared(void)
{
	int fd = memfd_create("remove", 0);
	char buf[3 * PAGE_SIZE], path[64];
	struct stat st;
	char *p, *q;
	int rfd;

	ftruncate(fd, 4 * PAGE_SIZE);
	p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	fill(p, 4 * PAGE_SIZE, 'b');
	try("memfd shared, pages 1-2", p + PAGE_SIZE, 2 * PAGE_SIZE);
	show("memfd pages via the mapping", p, 4);
	pread(fd, buf, sizeof(buf), PAGE_SIZE);
	show("memfd pages 1-3 via read", buf, 3);
	fstat(fd, &st);
	printf("size after: %ld pages\n", (long)(st.st_size / PAGE_SIZE));

	/* A mapping of offset 3 pages: its first page is file page 3. */
	q = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 3 * PAGE_SIZE);
	try("memfd shared at offset 3 pages", q, PAGE_SIZE);
	show("memfd pages via the first mapping", p, 4);
	munmap(q, PAGE_SIZE);

	q = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	try("memfd private writable", q, PAGE_SIZE);
	munmap(q, PAGE_SIZE);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rfd = open(path, O_RDONLY);
	q = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, rfd, 0);
	try("memfd open O_RDONLY, shared read-only", q, PAGE_SIZE);
	munmap(q, PAGE_SIZE);
	close(rfd);
	show("memfd page 0 untouched", p, 1);
	q = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	try("memfd open O_RDWR, shared read-only", q, PAGE_SIZE);
	munmap(q, PAGE_SIZE);
	show("memfd page 0 punched", p, 1);
	munmap(p, 4 * PAGE_SIZE);
	close(fd);
}

static void refusals(void)
{
	char *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *s = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	try("private anon", p, PAGE_SIZE);
	fill(s, 3 * PAGE_SIZE, 'c');
	printf("mlock shared page 0: %d\n", mlock(s, PAGE_SIZE));
	try("locked shared anon", s, PAGE_SIZE);
	show("locked page kept", s, 1);
	munlock(s, PAGE_SIZE);
	munmap(s + PAGE_SIZE, PAGE_SIZE);
	try("shared anon with a hole at page 1", s, 3 * PAGE_SIZE);
	show("page 0 after", s, 1);
	show("page 2 after", s + 2 * PAGE_SIZE, 1);
}

int main(void)
{
	shared_anon();
	memfd_shared();
	refusals();
	return 0;
}
