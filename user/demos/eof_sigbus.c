/*
 * eof_sigbus - a file mapping that is longer than its file
 * (docs/scenarios/sigbus-beyond-eof.md).
 *
 * The program maps its own file, MAP_SHARED, one page longer than the file.
 * The last page that holds file bytes is readable, and the bytes after the
 * end of the file read as 0.  The page after it holds no file bytes at all:
 * the first touch there faults, filemap_fault (mm/filemap.c) finds the page
 * index at or past the file's size and returns VM_FAULT_SIGBUS, and
 * arch/x86/mm/fault.c turns that into SIGBUS BUS_ADRERR at the exact
 * address (Linux does the same; docs/linux-abi.md §8).
 * The same checks, compared with Linux's output, are tests/user/sigbus_eof.c.
 * Boot with "pftrace" to see each fault's path in the kernel log.
 */
#include "ftest.h"
#include "demo_self.h"
#include <sys/stat.h>

int main(int argc, char **argv)
{
	struct stat st;
	int fd, v = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	fd = open_self(argv[0]);
	if (fd < 0 || fstat(fd, &st)) {
		printf("cannot open myself: %s\n", errno_name(errno));
		return 1;
	}
	long pages = (st.st_size + PAGE_SIZE - 1) / PAGE_SIZE;
	char *m = mmap(NULL, (pages + 1) * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		printf("mmap failed: %s\n", errno_name(errno));
		return 1;
	}
	uintptr_t eof_page = (uintptr_t)m + (pages - 1) * PAGE_SIZE;
	uintptr_t beyond = (uintptr_t)m + pages * PAGE_SIZE + 0x24;

	printf("my file: %ld bytes, %ld pages; mapped %ld pages MAP_SHARED\n",
	       (long)st.st_size, pages, pages + 1);
	printf("read the last file page: %s\n", try_read32(eof_page, &v) ? "fault" : "ok");
	if (st.st_size % PAGE_SIZE)
		printf("the byte just past the end of the file reads %d\n", m[st.st_size]);
	printf("read 0x24 bytes into the page after it (no file bytes there):\n");
	try_read32(beyond, &v);
	report("  fault", fault.signo, (uintptr_t)m);
	printf("si_addr is the exact address: %d\n", fault.addr == beyond);
	return 0;
}
