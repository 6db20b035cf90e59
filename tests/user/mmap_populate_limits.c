/*
 * mmap_populate_limits - mmap's MAP_POPULATE and the address-space limits
 * (Linux mm/mmap.c: do_mmap's populate, may_expand_vm).  Checked:
 *   MAP_POPULATE faults a private anonymous mapping in at once (mincore
 *   says every page is resident), MAP_LOCKED too; without it, or with
 *   MAP_NONBLOCK beside it, nothing is; PROT_NONE stays empty;
 *   with RLIMIT_AS set 16 MiB above VmSize: an 8 MiB mmap succeeds, a
 *   32 MiB one is ENOMEM, a MAP_FIXED mapping over the 8 MiB one is counted
 *   less what it replaces (succeeds), mremap growing past the limit is
 *   ENOMEM, brk cannot pass it, malloc of 64 MiB returns NULL;
 *   with RLIMIT_DATA set 1 MiB above VmData: a 4 MiB private writable
 *   mapping is ENOMEM, a read-only or a shared one is not counted.
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>

#define MiB (1UL << 20)
#define NPAGES 16

static long status_kb(const char *key)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, key, strlen(key)))
			kb = atol(line + strlen(key));
	if (f)
		fclose(f);
	return kb;
}

static int resident(void *p, size_t pages)
{
	unsigned char vec[NPAGES];
	int n = 0;

	mincore(p, pages * PAGE_SIZE, vec);
	for (size_t i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

static void populate(const char *what, int prot, int flags)
{
	void *p = mmap(NULL, NPAGES * PAGE_SIZE, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	printf("%-28s resident %d of %d\n", what, p == MAP_FAILED ? -1 : resident(p, NPAGES), NPAGES);
	munmap(p, NPAGES * PAGE_SIZE);
}

static const char *result(void *p)
{
	return p != MAP_FAILED ? "ok" : errno == ENOMEM ? "ENOMEM" : "error";
}

static void limit_as(void)
{
	struct rlimit rl;
	char *a, *b, *r;
	uintptr_t brk0;

	rl.rlim_cur = rl.rlim_max = status_kb("VmSize:") * 1024 + 16 * MiB;
	setrlimit(RLIMIT_AS, &rl);
	a = mmap(NULL, 8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("AS: mmap 8 MiB %s\n", result(a));
	printf("AS: mmap 32 MiB %s\n", result(mmap(NULL, 32 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
	b = mmap(a, 8 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("AS: MAP_FIXED over the 8 MiB %s\n", result(b));
	r = mremap(a, 8 * MiB, 24 * MiB, MREMAP_MAYMOVE);
	printf("AS: mremap to 24 MiB %s\n", result(r));
	brk0 = syscall(SYS_brk, 0);
	printf("AS: brk +32 MiB moves %d\n", (uintptr_t)syscall(SYS_brk, brk0 + 32 * MiB) != brk0);
	printf("AS: malloc 64 MiB %s\n", malloc(64 * MiB) ? "ok" : "NULL");
}

static void limit_data(void)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = status_kb("VmData:") * 1024 + MiB;
	setrlimit(RLIMIT_DATA, &rl);
	printf("DATA: private writable 4 MiB %s\n",
	       result(mmap(NULL, 4 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
	printf("DATA: read-only 4 MiB %s\n", result(mmap(NULL, 4 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
	printf("DATA: shared writable 4 MiB %s\n",
	       result(mmap(NULL, 4 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)));
}

int main(void)
{
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	populate("plain", PROT_READ | PROT_WRITE, 0);
	populate("MAP_POPULATE", PROT_READ | PROT_WRITE, MAP_POPULATE);
	populate("MAP_POPULATE read-only", PROT_READ, MAP_POPULATE);
	populate("MAP_POPULATE|MAP_NONBLOCK", PROT_READ | PROT_WRITE, MAP_POPULATE | MAP_NONBLOCK);
	populate("MAP_LOCKED", PROT_READ | PROT_WRITE, MAP_LOCKED);
	populate("MAP_POPULATE PROT_NONE", PROT_NONE, MAP_POPULATE);
	if ((pid = fork()) == 0) {
		limit_as();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	if ((pid = fork()) == 0) {
		limit_data();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
