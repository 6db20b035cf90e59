/*
 * ufault - page faults handled in user space, the way a garbage collector
 * or an X server handles them (docs/labs/ufault.md).
 *
 * The arena is ARENA_PAGES pages of address space reserved with PROT_NONE:
 * no memory, and every touch faults.  The SIGSEGV handler asks fault_in()
 * what the fault means:
 *   - a page still PROT_NONE: the arena grows into it (demand paging in
 *     user space): mprotect it readable and writable;
 *   - a page the "collector" made read-only: a write barrier hit; mark the
 *     page dirty (the card table a generational collector keeps) and make
 *     it writable again;
 *   - anything else is not the arena's: fault_in() says no, the handler
 *     puts SIG_DFL back, and the retried access kills the program with
 *     SIGSEGV, as if there had been no handler.
 * The handler returns; rt_sigreturn restarts the access, which now works.
 *
 * Expected: a list of NODES nodes spread over LIST_PAGES pages faults each
 * page in once; after a collection, writes to three nodes fault once per
 * page and mark those pages dirty, reads fault never; a touch of the guard
 * page beyond the arena ends in [signal 11].  Only counts are printed, so
 * Linux and faultline print the same (labs/ufault/expected/ufault.out).
 */
#include "ftest.h"
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#define ARENA_PAGES 64
#define NODE_SIZE 512			/* eight nodes a page */
#define NODES 200
#define LIST_PAGES ((int)(NODES * NODE_SIZE / PAGE_SIZE))

enum page_state { PAGE_RESERVED, PAGE_WRITABLE, PAGE_BARRIER };

struct node {
	struct node *next;
	long value;
	char pad[NODE_SIZE - sizeof(struct node *) - sizeof(long)];
};

static struct {
	uintptr_t base;			/* ARENA_PAGES pages, then one guard page */
	volatile enum page_state state[ARENA_PAGES];
	volatile bool dirty[ARENA_PAGES];
	volatile int grow_faults, barrier_faults;
} arena;

/*
 * Make the page holding addr usable and return true, or return false if
 * addr is not the arena's.  code is si_code: SEGV_ACCERR, since every
 * arena page is mapped (PROT_NONE or read-only); SEGV_MAPERR means no
 * mapping at all, never ours.  Runs in a signal handler: mprotect is
 * async-signal-safe, printf is not.
 */
static bool fault_in(uintptr_t addr, int code)
{
	/* LAB ufault: BEGIN fault_in */
	if (code != SEGV_ACCERR || addr < arena.base || addr >= arena.base + ARENA_PAGES * PAGE_SIZE)
		return false;
	size_t page = (addr - arena.base) / PAGE_SIZE;
	if (arena.state[page] == PAGE_RESERVED) {
		arena.grow_faults++;
	} else if (arena.state[page] == PAGE_BARRIER) {
		arena.dirty[page] = true;
		arena.barrier_faults++;
	} else {
		return false;		/* already writable: this fault is not ours */
	}
	arena.state[page] = PAGE_WRITABLE;
	return mprotect((void *)(arena.base + page * PAGE_SIZE), PAGE_SIZE, PROT_READ | PROT_WRITE) == 0;
	/* LAB ufault: END fault_in */
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	if (!fault_in((uintptr_t)si->si_addr, si->si_code))
		signal(SIGSEGV, SIG_DFL);	/* the retried access dies of it */
}

static void arena_create(void)
{
	void *p = mmap(NULL, (ARENA_PAGES + 1) * PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap failed: %s\n", errno_name(errno));
		exit(1);
	}
	arena.base = (uintptr_t)p;
}

/* The collector's pass: every page in use becomes read-only, all clean. */
static void collect(void)
{
	for (int i = 0; i < ARENA_PAGES; i++) {
		arena.dirty[i] = false;
		if (arena.state[i] == PAGE_WRITABLE) {
			mprotect((void *)(arena.base + i * PAGE_SIZE), PAGE_SIZE, PROT_READ);
			arena.state[i] = PAGE_BARRIER;
		}
	}
}

/*
 * The compiler may move plain stores to the arena past a read of the
 * handler's counters (they cannot alias, as far as C knows); a signal
 * fence keeps the order the program was written in.
 */
static void handler_sync(void)
{
	atomic_signal_fence(memory_order_seq_cst);
}

static long list_sum(struct node *head)
{
	long sum = 0;

	for (struct node *n = head; n; n = n->next)
		sum += n->value;
	return sum;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	struct node *nodes, *head = NULL;
	int before;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSEGV, &sa, NULL);
	arena_create();
	nodes = (struct node *)arena.base;

	for (int i = NODES - 1; i >= 0; i--) {
		nodes[i].value = i;
		nodes[i].next = head;
		head = &nodes[i];
	}
	handler_sync();
	printf("list of %d nodes, sum %ld\n", NODES, list_sum(head));
	printf("pages faulted in: %d of %d\n", arena.grow_faults, LIST_PAGES);

	collect();
	before = arena.barrier_faults;
	printf("after collection, sum %ld, read faults %d\n", list_sum(head), arena.barrier_faults - before);
	nodes[10].value += 1000;	/* page 1 */
	nodes[11].value += 1000;	/* page 1 again: already writable */
	nodes[100].value += 1000;	/* page 12 */
	nodes[150].value += 1000;	/* page 18 */
	handler_sync();
	printf("write barrier faults: %d\n", arena.barrier_faults - before);
	printf("dirty pages:");
	for (int i = 0; i < ARENA_PAGES; i++)
		if (arena.dirty[i])
			printf(" %d", i);
	printf("\nsum %ld\n", list_sum(head));

	printf("touching the guard page past the arena\n");
	*(volatile char *)(arena.base + ARENA_PAGES * PAGE_SIZE) = 1;
	printf("still alive: the handler should have refused\n");
	return 0;
}
