/*
 * nofault_peer - the X server pattern of docs/scenarios/nofault.md, with MAP_NOFAULT
 * (OpenBSD's __MAP_NOFAULT) and no SIGBUS handler. faultline only: Linux
 * has no such flag, ignores the bit, and this program dies of SIGBUS there
 * (xshm_sigbus_fixup in tests/user is the portable version, run on both).
 *
 * Each line checks one answer to the questions OpenBSD left open (see
 * docs/scenarios/nofault.md):
 *   - a page the file cannot back (past EOF) becomes a private zero page,
 *     read or written, instead of SIGBUS;
 *   - writes to such a page stay private: the file neither grows nor changes;
 *   - a page a peer truncates away under the mapping is unmapped, and the
 *     next touch gets a zero page: the old data is gone;
 *   - pages still inside the file stay shared with it;
 *   - a fixed-up page stays private even if the file grows back;
 *   - on an anonymous mapping the flag changes nothing;
 *   - the value is 0x800000, a bit Linux x86-64 leaves free.
 * The expected output is written from those rules, not recorded.
 */
#include "fsutil.h"
#include <signal.h>
#include <sys/wait.h>
#include "../../include/uapi/faultline/mman.h"	/* MAP_NOFAULT: faultline's own bit */

#define FILE_PAGES 4
#define MAP_PAGES 6

static char file_byte(int fd, off_t off)
{
	char c = 0;
	return pread(fd, &c, 1, off) == 1 ? c : '-';	/* '-': nothing there (EOF) */
}

/* Control: the same touch without the flag kills a child with SIGBUS. */
static void control(int fd)
{
	int status;

	if (fork() == 0) {
		char *p = mmap(NULL, MAP_PAGES * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
		volatile char v = p[(MAP_PAGES - 1) * PAGE_SIZE];
		(void)v;
		_exit(0);
	}
	wait(&status);
	printf("without MAP_NOFAULT a touch past EOF kills: %s\n",
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS ? "SIGBUS" : "no");
}

int main(void)
{
	char dir[64], file[96];
	volatile char *m;
	char *a;
	int fd, status;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("MAP_NOFAULT is 0x%x\n", MAP_NOFAULT);
	make_tmpdir(dir, sizeof(dir), "nofault");
	fd = open(path_in(file, sizeof(file), dir, "shm"), O_RDWR | O_CREAT | O_EXCL, 0600);
	SHOW("ftruncate to 4 pages", ftruncate(fd, FILE_PAGES * PAGE_SIZE));
	m = show_map("map 6 pages shared, MAP_NOFAULT",
		     mmap(NULL, MAP_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NOFAULT, fd, 0));
	for (int i = 0; i < FILE_PAGES; i++)
		m[i * PAGE_SIZE] = 'A' + i;
	printf("page 0 is the file's: read() sees %c\n", file_byte(fd, 0));
	printf("page 4 (past EOF) reads %d\n", m[4 * PAGE_SIZE]);
	m[5 * PAGE_SIZE] = 'W';
	printf("page 5 (past EOF) keeps a write: %c; file size %ld, read() there: %c\n", m[5 * PAGE_SIZE],
	       (long)lseek(fd, 0, SEEK_END), file_byte(fd, 5 * PAGE_SIZE));

	if (fork() == 0)			/* the peer shrinks the file under us */
		_exit(ftruncate(fd, PAGE_SIZE + 100) ? 1 : 0);
	wait(&status);
	CHECK("peer truncated to 1 page + 100 bytes", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	printf("page 0 still %c, page 1 still %c, byte 100 of page 1 (past EOF) %d\n", m[0], m[PAGE_SIZE],
	       m[PAGE_SIZE + 100]);
	printf("page 2 (was C) now reads %d, page 3 (was D) now reads %d\n", m[2 * PAGE_SIZE], m[3 * PAGE_SIZE]);
	m[2 * PAGE_SIZE] = 'Z';
	printf("page 2 keeps a write: %c; file size %ld, read() there: %c\n", m[2 * PAGE_SIZE],
	       (long)lseek(fd, 0, SEEK_END), file_byte(fd, 2 * PAGE_SIZE));
	m[0] = 'a';
	printf("page 0 is still shared: read() sees %c\n", file_byte(fd, 0));
	SHOW("the file grows back to 4 pages", ftruncate(fd, FILE_PAGES * PAGE_SIZE));
	printf("page 2 stays private: mapping %c, file %d\n", m[2 * PAGE_SIZE], file_byte(fd, 2 * PAGE_SIZE));
	control(fd);
	SHOW("munmap", munmap((void *)m, MAP_PAGES * PAGE_SIZE));

	a = show_map("anonymous mapping with MAP_NOFAULT",
		     mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NOFAULT, -1, 0));
	a[PAGE_SIZE] = 7;
	printf("anonymous: page 0 reads %d, page 1 keeps %d\n", a[0], a[PAGE_SIZE]);
	SHOW("munmap", munmap(a, 2 * PAGE_SIZE));
	close(fd);
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
