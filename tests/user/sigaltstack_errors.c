/*
 * sigaltstack rules, through the raw system call (musl checks the size
 * itself; docs/linux-abi.md §6, §0.7):
 *   with none registered a query reports SS_DISABLE, sp NULL, size 0;
 *   size 2047 -> ENOMEM, 2048 (MINSIGSTKSZ) accepted, unknown flag -> EINVAL;
 *   inside a SA_ONSTACK handler the query reports SS_ONSTACK and any change,
 *   SS_DISABLE included, fails with EPERM;
 *   after the handler returns, SS_DISABLE works.
 */
#include "ftest.h"

#define ALT_BYTES (64 * 1024)
#define BAD_FLAG 4

static unsigned char alt[ALT_BYTES];
static volatile int in_flags, on_alt, change_err, disable_err;

static long sys_sigaltstack(const stack_t *ss, stack_t *old)
{
	return syscall(SYS_sigaltstack, ss, old);
}

static void show(const char *label, long r)
{
	printf("%s: %ld %s\n", label, r, errno_name(r < 0 ? errno : 0));
}

static void on_usr1(int sig)
{
	unsigned char here;
	stack_t q, other = { .ss_sp = alt, .ss_size = ALT_BYTES / 2 };
	stack_t off = { .ss_flags = SS_DISABLE };

	on_alt = &here >= alt && &here < alt + ALT_BYTES;
	sys_sigaltstack(NULL, &q);
	in_flags = q.ss_flags;
	change_err = sys_sigaltstack(&other, NULL) < 0 ? errno : 0;
	disable_err = sys_sigaltstack(&off, NULL) < 0 ? errno : 0;
}

int main(void)
{
	stack_t q, ss = { .ss_sp = alt };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };

	setvbuf(stdout, NULL, _IONBF, 0);
	show("query", sys_sigaltstack(NULL, &q));
	printf("  flags %d (SS_DISABLE %d) sp_null %d size %zu\n", q.ss_flags,
	       q.ss_flags == SS_DISABLE, q.ss_sp == NULL, q.ss_size);

	ss.ss_size = MINSIGSTKSZ - 1;
	show("size 2047", sys_sigaltstack(&ss, NULL));
	ss.ss_size = MINSIGSTKSZ;
	show("size 2048", sys_sigaltstack(&ss, NULL));
	ss.ss_flags = BAD_FLAG;
	show("flag 4", sys_sigaltstack(&ss, NULL));

	ss.ss_flags = 0;
	ss.ss_size = ALT_BYTES;
	show("size 64 KiB", sys_sigaltstack(&ss, NULL));
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("in handler: on altstack %d, SS_ONSTACK %d\n", on_alt,
	       (in_flags & SS_ONSTACK) != 0);
	printf("in handler: change %s, SS_DISABLE %s\n", errno_name(change_err),
	       errno_name(disable_err));

	show("query after", sys_sigaltstack(NULL, &q));
	printf("  flags %d size %zu\n", q.ss_flags, q.ss_size);
	ss.ss_flags = SS_DISABLE;
	show("disable", sys_sigaltstack(&ss, NULL));
	sys_sigaltstack(NULL, &q);
	printf("  flags %d (SS_DISABLE %d)\n", q.ss_flags, q.ss_flags == SS_DISABLE);
	return 0;
}
