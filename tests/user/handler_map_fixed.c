/*
 * A SIGSEGV handler that maps the missing page: page 1 of a 3-page mapping
 * is munmap()ed, a write there faults with SEGV_MAPERR, the handler
 * mmap()s a fresh anonymous page with MAP_FIXED at the faulting page and
 * returns; the write is retried and succeeds (docs/linux-abi.md §6, §7).  The new
 * page is zero-filled except for the write; pages 0 and 2 are untouched.
 */
#include "ftest.h"

#define PAGES 3
#define OFF (PAGE_SIZE + 0x40)		/* in page 1, the hole */
#define VALUE 4242
#define FILL 0x41414141

static volatile int calls, mapped_at_fault_page;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t page = (uintptr_t)si->si_addr & ~(PAGE_SIZE - 1);

	fault_record(sig, si, ctx);
	void *p = mmap((void *)page, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mapped_at_fault_page = p == (void *)page;
	if (++calls > 1 || p == MAP_FAILED)
		_exit(3);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t base = map_anon(PAGES, PROT_READ | PROT_WRITE);
	for (uintptr_t off = 0; off < PAGES * PAGE_SIZE; off += sizeof(int))
		poke32(base + off, FILL);
	munmap((void *)(base + PAGE_SIZE), PAGE_SIZE);
	sigaction(SIGSEGV, &sa, NULL);

	poke32(base + OFF, VALUE);	/* faults, the handler maps, retried */

	printf("handler calls %d\n", calls);
	printf("handler saw %s %s addr base+0x%lx\n", sig_name(fault.signo),
	       code_name(fault.signo, fault.code),
	       (unsigned long)(fault.addr - base));
	printf("MAP_FIXED returned the faulting page %d\n", mapped_at_fault_page);
	printf("value read back %d\n", peek32(base + OFF));
	printf("rest of new page zero %d\n", peek32(base + PAGE_SIZE) == 0);
	printf("page 0 and 2 keep fill %d\n", peek32(base) == FILL &&
	       peek32(base + 2 * PAGE_SIZE) == FILL);
	return 0;
}
