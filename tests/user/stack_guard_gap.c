/*
 * The stack guard gap (docs/linux-abi.md §9): growth is refused if the new start
 * of the stack would come within 1 MiB (256 pages) of the end of the VMA
 * below it, when that VMA is accessible.  In a child, one page is mapped
 * with MAP_FIXED_NOREPLACE 2 MiB below main's frame (sp):
 *   PROT_READ page: a write at sp-0.75 MiB works (1.25 MiB above the page);
 *     a write at sp-1.25 MiB is refused: SIGSEGV SEGV_MAPERR err 0x6, si_addr
 *     exact (printed relative to sp); the PROT_READ page itself still reads.
 *   PROT_NONE page (does not count for the gap): writes at sp-1.25 MiB and
 *     at the first byte above the page both work; the page itself faults
 *     with SEGV_ACCERR.
 */
#include "ftest.h"

#define MiB (1024UL * 1024)

static void probe(const char *label, uintptr_t addr, uintptr_t sp)
{
	int sig = try_write32(addr, 5);
	report(label, sig, sp);
}

static void run(const char *label, int prot)
{
	int status;

	pid_t pid = fork();
	if (pid == 0) {
		unsigned char anchor;
		uintptr_t sp = (uintptr_t)&anchor & ~(PAGE_SIZE - 1);
		uintptr_t page = sp - 2 * MiB;

		catch_faults();
		void *p = mmap((void *)page, PAGE_SIZE, prot,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			       -1, 0);
		if (p != (void *)page) {
			printf("%s: mmap 2 MiB below the stack failed %s\n",
			       label, p == MAP_FAILED ? errno_name(errno) : "(moved)");
			_exit(2);
		}
		printf("%s: page mapped 2 MiB below sp\n", label);
		probe("  write sp-0.75MiB", sp - 3 * MiB / 4, sp);
		probe("  write sp-1.25MiB", sp - 5 * MiB / 4, sp);
		if (prot == PROT_NONE)
			probe("  write page end (first byte above it)",
			      page + PAGE_SIZE, sp);
		report("  read the page itself", try_read32(page, NULL), sp);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	run("PROT_READ below", PROT_READ);
	run("PROT_NONE below", PROT_NONE);
	return 0;
}
