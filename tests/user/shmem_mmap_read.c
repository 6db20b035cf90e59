/*
 * shmem_mmap_read - a memory file's page cache is one for read() and
 * mmap() (Linux mm/shmem.c: shmem_fault and shmem_file_read_iter see the
 * same folio): bytes stored through a MAP_SHARED mapping of a memfd or of
 * a tmpfs file are what pread() returns, and bytes pwrite()n are what the
 * mapping shows, in pages first touched either way; a hole reads as zeros.
 * (faultline once gave a page first made by a fault zeros on read().)
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define PAGES 4

static void check(const char *what, int fd)
{
	char *p, c[PAGES] = { 0 };

	ftruncate(fd, PAGES * PAGE_SIZE);
	p = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p[0] = 'A';				/* page 0: made by a write fault */
	(void)*(volatile char *)(p + PAGE_SIZE);	/* page 1: by a read fault, then stored to */
	p[PAGE_SIZE] = 'B';
	pwrite(fd, "C", 1, 2 * PAGE_SIZE);	/* page 2: made by write() */
	for (int i = 0; i < PAGES; i++)
		pread(fd, &c[i], 1, i * PAGE_SIZE);
	printf("%s: read() sees %c %c %c %s; mapping sees %c\n", what, c[0], c[1], c[2], c[3] ? "?" : "0",
	       p[2 * PAGE_SIZE]);
	munmap(p, PAGES * PAGE_SIZE);
	close(fd);
}

int main(void)
{
	char dir[] = "/tmp/shmem_mmap_read.XXXXXX", file[64];

	check("memfd", memfd_create("shmem_mmap_read", 0));
	if (!mkdtemp(dir) || mount("tmpfs", dir, "tmpfs", 0, NULL) < 0) {
		printf("mount tmpfs: %s\n", errno_name(errno));
		return 1;
	}
	snprintf(file, sizeof(file), "%s/f", dir);
	check("tmpfs file", open(file, O_CREAT | O_RDWR, 0600));
	unlink(file);
	umount2(dir, 0);
	rmdir(dir);
	return 0;
}
