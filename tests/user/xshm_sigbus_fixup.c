/*
 * xshm_sigbus_fixup - the X server pattern of docs/scenarios/nofault.md, the portable way: a
 * server maps a file a client handed it (MAP_SHARED), keeps a list of its
 * mappings, and installs a SIGBUS handler. When the client shrinks the file
 * under it, a touch of a page now beyond end of file raises SIGBUS
 * (BUS_ADRERR, docs/scenarios/sigbus-beyond-eof.md); the handler finds the address in its list, maps a
 * private anonymous page over it with MAP_FIXED and returns, so the access
 * is retried and reads zeros. Here a forked "client" does the ftruncate.
 *
 * Prints: which accesses faulted, what they read afterwards, and that pages
 * still inside the file keep the data both processes see.
 */
#include "fsutil.h"
#include <signal.h>
#include <sys/wait.h>

#define NPAGES 4
#define MAX_MAPPINGS 4

static struct { uintptr_t start, end; } mappings[MAX_MAPPINGS];
static int nmappings;
static volatile int fixups, unknown;

/* The X server's busfault handler: only our mappings are fixed up. */
static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr;

	for (int i = 0; i < nmappings; i++) {
		if (a >= mappings[i].start && a < mappings[i].end && si->si_code == BUS_ADRERR) {
			void *page = (void *)(a & ~(PAGE_SIZE - 1));
			if (mmap(page, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == page) {
				fixups++;
				return;
			}
		}
	}
	unknown++;
	signal(SIGBUS, SIG_DFL);		/* not ours: die as usual */
}

int main(void)
{
	char dir[64], file[96];
	struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO };
	int fd, status;
	char *m;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof(dir), "xshm");
	fd = open(path_in(file, sizeof(file), dir, "shm"), O_RDWR | O_CREAT | O_EXCL, 0600);
	SHOW("client creates its buffer", fd);
	SHOW("ftruncate to 4 pages", ftruncate(fd, NPAGES * PAGE_SIZE));
	m = show_map("server maps it shared", mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	mappings[nmappings].start = (uintptr_t)m;
	mappings[nmappings++].end = (uintptr_t)m + NPAGES * PAGE_SIZE;
	sigaction(SIGBUS, &sa, NULL);
	for (int i = 0; i < NPAGES; i++)
		m[i * PAGE_SIZE] = 'A' + i;
	SHOW("msync", msync(m, NPAGES * PAGE_SIZE, MS_SYNC));

	if (fork() == 0) {			/* the careless client */
		_exit(ftruncate(fd, PAGE_SIZE + 100) ? 1 : 0);
	}
	wait(&status);
	CHECK("client shrank the file to 1 page + 100 bytes", WIFEXITED(status) && WEXITSTATUS(status) == 0);

	printf("page 0 still file data: %c\n", m[0]);
	printf("page 1 still file data: %c, byte 100 (past EOF, same page): %d\n", m[PAGE_SIZE], m[PAGE_SIZE + 100]);
	for (int i = 2; i < NPAGES; i++) {
		int v = *(volatile char *)&m[i * PAGE_SIZE];	/* faults, is fixed up, reads the new page */
		printf("page %d after truncate reads %d (fixups so far %d)\n", i, v, fixups);
	}
	m[2 * PAGE_SIZE] = 'Z';
	printf("page 2 is now private: wrote %c, file size still %ld\n", m[2 * PAGE_SIZE], (long)lseek(fd, 0, SEEK_END));
	printf("no second fault on a fixed-up page: fixups %d, unknown %d\n", fixups, unknown);

	m[0] = 'a';
	char c = 0;
	pread(fd, &c, 1, 0);
	printf("page 0 is still shared with the file: read() sees %c\n", c);
	SHOW("munmap", munmap(m, NPAGES * PAGE_SIZE));
	close(fd);
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
