/*
 * sigbus_eof - a file mapping that reaches beyond end of file
 * (docs/scenarios/sigbus-beyond-eof.md).
 * Map this program's own file over (file pages + 2) pages, MAP_PRIVATE and
 * MAP_SHARED.  The last file page is readable, and its bytes past EOF read
 * as 0; a page wholly beyond EOF gives SIGBUS BUS_ADRERR at the exact
 * address (docs/linux-abi.md §8, Linux mm/filemap.c filemap_fault).  A private
 * write in the EOF page works; a private write beyond EOF is SIGBUS too.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>

static void probe(const char *what, int type, int fd, long size)
{
	long pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	char *m = mmap(NULL, (pages + 2) * PAGE_SIZE, PROT_READ | PROT_WRITE * (type == MAP_PRIVATE), type, fd, 0);
	uintptr_t eof_page = (uintptr_t)m + (pages - 1) * PAGE_SIZE;
	uintptr_t beyond = (uintptr_t)m + pages * PAGE_SIZE + 0x24;
	int v;
	if (m == MAP_FAILED) {
		printf("%s: mmap failed: %s\n", what, errno_name(errno));
		return;
	}
	printf("%s: first bytes are ELF: %d\n", what, m[1] == 'E' && m[2] == 'L' && m[3] == 'F');
	printf("%s: last file page readable: %d\n", what, try_read32(eof_page, &v) == 0);
	if (size % PAGE_SIZE)
		printf("%s: byte past EOF reads 0: %d\n", what, m[size] == 0);
	try_read32(beyond, &v);
	report("  read beyond EOF", fault.signo, (uintptr_t)m);
	if (type == MAP_PRIVATE) {
		printf("%s: private write in EOF page: %d\n", what, try_write32(eof_page, 7) == 0);
		try_write32(beyond, 7);
		report("  write beyond EOF", fault.signo, (uintptr_t)m);
	}
	munmap(m, (pages + 2) * PAGE_SIZE);
}

int main(int argc, char **argv)
{
	struct stat st;
	int fd;
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	fd = open(argv[0], O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		printf("cannot open myself: %s\n", errno_name(errno));
		return 1;
	}
	probe("private", MAP_PRIVATE, fd, st.st_size);
	probe("shared", MAP_SHARED, fd, st.st_size);
	return 0;
}
