/*
 * prctl(PR_SET_DUMPABLE) and what "dumpable" decides (Linux kernel/sys.c
 * prctl, kernel/cred.c commit_creds, fs/exec.c begin_new_exec, fs/coredump.c,
 * kernel/ptrace.c __ptrace_may_access; suid_dumpable 0):
 *   - 1 at first; 0 and 1 accepted, 2 and 3 EINVAL; a fork child has its
 *     parent's value; a plain exec makes it 1 again;
 *   - setuid from root to nobody makes it 0 (a change of identity);
 *   - a non-dumpable process killed by SIGABRT with RLIMIT_CORE 1 MiB
 *     writes no core file and its wait status has no WCOREDUMP, where a
 *     dumpable one dumps;
 *   - another process of the same uid may read its memory
 *     (process_vm_readv) only while it is dumpable: EPERM otherwise.
 */
#include "credutil.h"
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/uio.h>

static char secret[16] = "secret";

static void try_set(unsigned long v)
{
	errno = 0;
	int r = prctl(PR_SET_DUMPABLE, v);
	printf("set %lu: %d %s, now %d\n", v, r, r ? errno_name(errno) : "", prctl(PR_GET_DUMPABLE));
}

/* A child that sets dumpable to @d and aborts: WCOREDUMP, and a ./core? */
static void abort_with(int d)
{
	struct rlimit r;
	int status;
	pid_t pid;

	unlink("core");
	if ((pid = fork()) == 0) {
		getrlimit(RLIMIT_CORE, &r);
		r.rlim_cur = 1 << 20;
		setrlimit(RLIMIT_CORE, &r);
		prctl(PR_SET_DUMPABLE, d);
		abort();
	}
	waitpid(pid, &status, 0);
	printf("dumpable %d, SIGABRT: WTERMSIG SIGABRT %d WCOREDUMP %d, core file %s\n", d,
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, WCOREDUMP(status) != 0,
	       access("core", F_OK) ? "no" : "yes");
	unlink("core");
}

/* Another nobody process reads @target's copy of secret[]. */
static void peek(const char *label, pid_t target)
{
	char buf[16] = "";
	struct iovec local = { buf, sizeof(buf) }, remote = { secret, sizeof(secret) };
	int status;
	pid_t pid;

	if ((pid = fork()) == 0) {
		become_nobody();
		errno = 0;
		ssize_t n = process_vm_readv(target, &local, 1, &remote, 1, 0);
		printf("%s: %s %s\n", label, n < 0 ? errno_name(errno) : "read", n < 0 ? "" : buf);
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

/* A nobody process that says its dumpable value, then waits for orders. */
static void ptrace_rule(void)
{
	int to[2], from[2], status;
	pid_t target;
	char c;

	if (pipe(to) || pipe(from))
		return;
	if ((target = fork()) == 0) {
		become_nobody();
		c = '0' + prctl(PR_GET_DUMPABLE);
		if (write(from[1], &c, 1) != 1 || read(to[0], &c, 1) != 1)
			_exit(1);
		prctl(PR_SET_DUMPABLE, 1);
		if (write(from[1], &c, 1) != 1 || read(to[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (read(from[0], &c, 1) != 1)
		return;
	printf("after setuid(nobody): dumpable %c\n", c);
	peek("nobody reads a non-dumpable nobody", target);
	if (write(to[1], "g", 1) != 1 || read(from[0], &c, 1) != 1)
		return;
	peek("nobody reads a dumpable nobody", target);
	if (write(to[1], "g", 1) != 1)
		return;
	waitpid(target, &status, 0);
}

int main(int argc, char **argv)
{
	char dir[64];
	int status;
	pid_t pid;

	if (argc > 1) {
		printf("after exec: %d\n", prctl(PR_GET_DUMPABLE));
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("initial: %d\n", prctl(PR_GET_DUMPABLE));
	try_set(2);
	try_set(3);
	try_set(0);
	if ((pid = fork()) == 0) {
		char *args[] = { argv[0], "report", NULL };

		printf("fork child: %d\n", prctl(PR_GET_DUMPABLE));
		execv(argv[0], args);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	try_set(1);

	make_tmpdir(dir, sizeof dir, "prctl_dumpable");
	if (chdir(dir))
		return 1;
	abort_with(1);
	abort_with(0);
	if (chdir("/"))
		return 1;
	printf("cleanup: %d\n", rm_rf(dir));
	ptrace_rule();
	return 0;
}
