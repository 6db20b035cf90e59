/*
 * nofault - OpenBSD's __MAP_NOFAULT, as faultline implements it
 * (docs/scenarios/nofault.md).
 * Map this program's own file two pages beyond its end.  Without the flag a
 * touch beyond EOF is SIGBUS (docs/scenarios/sigbus-beyond-eof.md).  With MAP_NOFAULT the kernel backs
 * such a page with a private zero-filled page instead (mm/filemap.c).
 * Linux has no such flag and ignores the bit: there this demo gets SIGBUS
 * both times.
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/stat.h>
#include "demo_self.h"
#include "../../include/uapi/faultline/mman.h"	/* MAP_NOFAULT: faultline's own bit */

static void attempt(int fd, long size, int extra_flags, const char *label)
{
	long pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	char *m = mmap(NULL, (pages + 2) * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | extra_flags, fd, 0);
	uintptr_t beyond = (uintptr_t)m + pages * PAGE_SIZE + 16;
	int v = -1;
	printf("%s: reading %ld bytes past the last file page...\n", label, (long)(beyond - ((uintptr_t)m + pages * PAGE_SIZE)));
	if (try_read32(beyond, &v) == 0)
		printf("  read %d: the kernel mapped a zero page instead of faulting\n", v);
	else
		report("  fault", fault.signo, (uintptr_t)m);
	if (try_write32(beyond, 42) == 0 && try_read32(beyond, &v) == 0)
		printf("  wrote and read back %d (a private anonymous page)\n", v);
	munmap(m, (pages + 2) * PAGE_SIZE);
}

int main(int argc, char **argv)
{
	struct stat st;
	int fd = open_self(argv[0]);
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	if (fd < 0 || fstat(fd, &st)) {
		printf("cannot open myself: %s\n", errno_name(errno));
		return 1;
	}
	attempt(fd, st.st_size, 0, "MAP_PRIVATE");
	attempt(fd, st.st_size, MAP_NOFAULT, "MAP_PRIVATE|MAP_NOFAULT");
	return 0;
}
