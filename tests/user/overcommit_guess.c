/*
 * overcommit_guess - Linux's default overcommit mode (vm.overcommit_memory
 * 0, "guess"; Linux mm/util.c __vm_enough_memory, mm/overcommit.c here).
 * Memory a process may write later is committed when it is mapped, and one
 * request larger than all of RAM and swap is refused with ENOMEM: a private
 * writable mmap, brk, mremap growth, mprotect(PROT_WRITE) of private memory.
 * MAP_NORESERVE and read-only private mappings commit nothing and are not
 * refused; shared anonymous memory commits its whole size when it is made,
 * writable or not (Linux shmem_acct_size), unless MAP_NORESERVE.
 * fork commits a copy of each accounted VMA, so a VMA that grew past RAM
 * by merging two smaller mappings makes fork fail with ENOMEM (LTP fork14's
 * rule).  Committed_AS in /proc/meminfo follows; CommitLimit is
 * overcommit_ratio% of RAM plus swap.  Sizes come from /proc/meminfo, so
 * the output is the same on any machine.
 */
#include "ftest.h"
#include <sys/wait.h>
#include <fcntl.h>
#include <stdlib.h>

#define RW (PROT_READ | PROT_WRITE)
#define ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)
#define PAGE 4096UL
#define KB 1024UL

static unsigned long meminfo_kb(const char *name)
{
	char line[128];
	unsigned long kb = 0;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, name, n) && line[n] == ':')
			kb = strtoul(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

static long count_maps(void)
{
	char line[256];
	long n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof line, f))
		n++;
	if (f)
		fclose(f);
	return n;
}

static long read_sysctl(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	if (fd >= 0)
		close(fd);
	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

static void show_mmap(const char *label, void *p)
{
	if (p == MAP_FAILED)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: ok\n", label);
}

static void write_sysctl(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, val, strlen(val));

	printf("write %s to %s: %s\n", val, path + strlen("/proc/sys/vm/"), n < 0 ? errno_name(errno) : "ok");
	if (fd >= 0)
		close(fd);
}

static void fork_and_report(const char *label)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(0);
	if (pid < 0) {
		printf("%s: fork -1 %s\n", label, errno_name(errno));
		return;
	}
	waitpid(pid, &status, 0);
	printf("%s: fork ok\n", label);
}

/* Two halves of one reservation, each well below RAM: they merge into one VMA above it. */
static void merged_vma_fork(unsigned long total)
{
	unsigned long half = (total / 5 * 3) & ~(PAGE - 1);
	char *base = mmap(NULL, 2 * half, PROT_NONE, ANON_PRIV | MAP_NORESERVE, -1, 0);

	show_mmap("reserve 1.2 x RAM, PROT_NONE", base);
	show_mmap("first 0.6 x RAM RW", mmap(base, half, RW, ANON_PRIV | MAP_FIXED, -1, 0));
	show_mmap("second 0.6 x RAM RW", mmap(base + half, half, RW, ANON_PRIV | MAP_FIXED, -1, 0));
	fork_and_report("one 1.2 x RAM VMA");
	munmap(base, half);
	fork_and_report("after munmap of the first half");
	munmap(base + half, half);
}

static void committed_as_follows(const char *label, unsigned long total, int flags)
{
	unsigned long size = (total / 4) & ~(PAGE - 1), before = meminfo_kb("Committed_AS");
	char *p = mmap(NULL, size, RW, flags, -1, 0);
	unsigned long during = meminfo_kb("Committed_AS"), after;

	munmap(p, size);
	after = meminfo_kb("Committed_AS");
	/* Other processes move it too: only a change of half the size counts. */
	printf("%s: Committed_AS grew by the mapping: %s\n", label, during > before + size / KB / 2 ? "yes" : "no");
	printf("%s: Committed_AS fell after munmap: %s\n", label, during > after + size / KB / 2 ? "yes" : "no");
}

int main(void)
{
	unsigned long total = (meminfo_kb("MemTotal") + meminfo_kb("SwapTotal")) * KB;
	unsigned long big = (2 * total) & ~(PAGE - 1);
	unsigned long ratio = read_sysctl("/proc/sys/vm/overcommit_ratio");
	unsigned long limit = meminfo_kb("MemTotal") / 4 * ratio / 100 * 4 + meminfo_kb("SwapTotal");
	char *p;
	long cur, maps;

	printf("overcommit_memory %ld ratio %lu\n", read_sysctl("/proc/sys/vm/overcommit_memory"), ratio);
	printf("CommitLimit = MemTotal x ratio%% + swap: %s\n", meminfo_kb("CommitLimit") == limit ? "yes" : "no");
	write_sysctl("/proc/sys/vm/overcommit_memory", "3");
	write_sysctl("/proc/sys/vm/overcommit_memory", "-1");

	show_mmap("2 x RAM private RW", mmap(NULL, big, RW, ANON_PRIV, -1, 0));
	p = mmap(NULL, big, RW, ANON_PRIV | MAP_NORESERVE, -1, 0);
	show_mmap("2 x RAM private RW NORESERVE", p);
	munmap(p, big);
	show_mmap("2 x RAM shared anonymous RW", mmap(NULL, big, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	show_mmap("2 x RAM shared anonymous read-only", mmap(NULL, big, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	p = mmap(NULL, big, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	show_mmap("2 x RAM shared anonymous NORESERVE", p);
	munmap(p, big);
	p = mmap(NULL, big, PROT_READ, ANON_PRIV, -1, 0);
	show_mmap("2 x RAM private read-only", p);
	maps = count_maps();
	printf("mprotect its middle RW: %s\n", mprotect(p + PAGE, big - 2 * PAGE, RW) ? errno_name(errno) : "ok");
	printf("refused mprotect left the VMAs alone: %s\n", count_maps() == maps ? "yes" : "no");
	printf("mprotect one page RW: %s\n", mprotect(p, PAGE, RW) ? errno_name(errno) : "ok");
	munmap(p, big);

	p = mmap(NULL, PAGE, RW, ANON_PRIV, -1, 0);
	show_mmap("mremap 1 page to 2 x RAM", mremap(p, PAGE, big, MREMAP_MAYMOVE));
	show_mmap("mremap 1 page to 16 pages", p = mremap(p, PAGE, 16 * PAGE, MREMAP_MAYMOVE));
	munmap(p, 16 * PAGE);

	cur = syscall(SYS_brk, 0);
	printf("brk up 2 x RAM refused: %s\n", syscall(SYS_brk, cur + big) == cur ? "yes" : "no");
	printf("brk up 1 MiB: %s\n", syscall(SYS_brk, cur + (1UL << 20)) == cur + (long)(1UL << 20) ? "ok" : "refused");
	syscall(SYS_brk, cur);

	merged_vma_fork(total);
	committed_as_follows("private", total, ANON_PRIV);
	committed_as_follows("shared", total, MAP_SHARED | MAP_ANONYMOUS);
	return 0;
}
