/*
 * sigaltstack flags and the uc_stack that rt_sigreturn re-applies
 * (docs/linux-abi.md §6 "sigaltstack": SS_ONSTACK 1, SS_DISABLE 2,
 * SS_AUTODISARM 0x80000000; "SS_AUTODISARM disarms the stack inside the
 * handler and re-arms it on return"; frame: uc_stack holds the registered
 * altstack and the flags given at registration; rt_sigreturn: "uc_stack is
 * re-applied" - Linux's restore_altstack() runs do_sigaltstack() on it and
 * ignores its errors).  Printed: queries as "flags F sp S size N" where S
 * is NULL / A / B (which of our two stacks) / other; nothing raw.
 *   1. plain altstack A: inside a SA_ONSTACK handler the query says
 *      SS_ONSTACK and the handler runs on A; uc_stack = A, flags 0;
 *   2. A with SS_AUTODISARM: inside, the query says SS_DISABLE, NULL, 0,
 *      yet the handler runs on A; uc_stack flags SS_AUTODISARM; a nested
 *      SA_ONSTACK signal raised there gets a frame on A again (no switch:
 *      the stack is disarmed), and its uc_stack reads SS_DISABLE, NULL, 0;
 *      after return the query says SS_AUTODISARM, A, 16384;
 *   0. before any sigaltstack call a handler's uc_stack is all 0;
 *   3. after sigaltstack(SS_DISABLE): a handler's uc_stack reads
 *      SS_DISABLE, NULL, 0 (the task's flags, as Linux's __save_altstack
 *      stores them);
 *   4. with A registered, a handler running on the main stack (no
 *      SA_ONSTACK) edits uc_stack: to B (flags 0) -> B is registered after
 *      return and the next SA_ONSTACK handler runs on B; to flags
 *      SS_DISABLE -> disabled (query SS_DISABLE, NULL, 0); to size 100 ->
 *      ignored (ENOMEM); to an unknown flag 0x4 -> ignored (EINVAL).
 *      (An edit made by a handler running *on* the altstack is not tried:
 *      since 6.12 Linux re-applies uc_stack before restoring %rsp, so it is
 *      refused with EPERM, while older kernels accepted it.)
 */
#include "ftest.h"

#define SZ 16384
static char stack_a[SZ] __attribute__((aligned(16)));
static char stack_b[2 * SZ] __attribute__((aligned(16)));

static const char *which(const void *p)
{
	uintptr_t a = (uintptr_t)p;

	if (!p) return "NULL";
	if (a == (uintptr_t)stack_a) return "A";
	if (a == (uintptr_t)stack_b) return "B";
	return "other";
}

static const char *where(const void *p)
{
	uintptr_t a = (uintptr_t)p;

	if (a >= (uintptr_t)stack_a && a < (uintptr_t)stack_a + SZ) return "on A";
	if (a >= (uintptr_t)stack_b && a < (uintptr_t)stack_b + 2 * SZ) return "on B";
	return "on the main stack";
}

static char rep[8][160];
static volatile int nrep;

static void fmt_stack(char *out, size_t n, const char *label, const stack_t *s)
{
	snprintf(out, n, "%s: flags 0x%x sp %s size %zu", label, (unsigned)s->ss_flags,
		 which(s->ss_sp), s->ss_size);
}

static void query(const char *label)
{
	stack_t s;
	char buf[160];

	sigaltstack(NULL, &s);
	fmt_stack(buf, sizeof buf, label, &s);
	printf("%s\n", buf);
}

static volatile int mode, nested_sent;
static stack_t edit;

static void on_usr2(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int local;

	(void)sig; (void)si;
	fmt_stack(rep[nrep], sizeof rep[0], "  nested uc_stack", &uc->uc_stack);
	nrep++;
	snprintf(rep[nrep++], sizeof rep[0], "  nested handler runs %s", where(&local));
}

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	stack_t s;
	int local;

	(void)sig; (void)si;
	sigaltstack(NULL, &s);
	fmt_stack(rep[nrep++], sizeof rep[0], "  inside: query", &s);
	fmt_stack(rep[nrep++], sizeof rep[0], "  inside: uc_stack", &uc->uc_stack);
	snprintf(rep[nrep++], sizeof rep[0], "  handler runs %s", where(&local));
	if (mode == 2)
		raise(SIGUSR2);
	if (mode == 4)
		uc->uc_stack = edit;
}

static void flush_rep(void)
{
	for (int i = 0; i < nrep; i++)
		printf("%s\n", rep[i]);
	nrep = 0;
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int onstack)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO | (onstack ? SA_ONSTACK : 0);
	sigaction(sig, &sa, NULL);
}

static void set_stack(void *sp, size_t size, int flags)
{
	stack_t s = { .ss_sp = sp, .ss_size = size, .ss_flags = flags };

	if (sigaltstack(&s, NULL))
		printf("sigaltstack failed: %s\n", errno_name(errno));
}

static void try_edit(const char *label, void *sp, size_t size, int flags)
{
	set_stack(stack_a, SZ, 0);
	edit.ss_sp = sp;
	edit.ss_size = size;
	edit.ss_flags = flags;
	mode = 4;
	printf("4. handler on the main stack sets uc_stack to %s:\n", label);
	install(SIGUSR1, on_usr1, 0);
	raise(SIGUSR1);
	install(SIGUSR1, on_usr1, 1);
	flush_rep();
	query("  after return");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	install(SIGUSR1, on_usr1, 1);
	install(SIGUSR2, on_usr2, 1);

	query("0. never registered");
	mode = 0;
	raise(SIGUSR1);
	flush_rep();

	set_stack(stack_a, SZ, 0);
	mode = 1;
	printf("1. plain altstack:\n");
	raise(SIGUSR1);
	flush_rep();
	query("  after return");

	set_stack(stack_a, SZ, SS_AUTODISARM);
	query("2. registered with SS_AUTODISARM");
	mode = 2;
	raise(SIGUSR1);
	flush_rep();
	query("  after return");

	set_stack(NULL, 0, SS_DISABLE);
	query("3. after SS_DISABLE");
	mode = 3;
	raise(SIGUSR1);
	flush_rep();

	try_edit("B, flags 0", stack_b, 2 * SZ, 0);
	mode = 1;
	printf("  next signal:\n");
	raise(SIGUSR1);
	flush_rep();
	try_edit("SS_DISABLE (A, 16384)", stack_a, SZ, SS_DISABLE);
	try_edit("A, size 100", stack_a, 100, 0);
	try_edit("A, unknown flag 0x4", stack_a, SZ, 0x4);
	return 0;
}
