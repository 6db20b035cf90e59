/*
 * Who may change a resource limit (Linux do_prlimit and
 * check_prlimit_permission, CAP_SYS_RESOURCE, which root's containers may
 * lack, so root here only lowers): after dropping
 * to uid/gid 65534 a process may lower its limits and move the soft one
 * up to the hard one, but raising the hard one is EPERM and leaves it as
 * it was (the old value is not reported either); prlimit on a process
 * with other ids is EPERM, for reading too; soft above hard is EINVAL.
 * Run as root (the harness and tools/linux-expect do).
 * build: musl glibc
 */
#include "ftest.h"
#include <sys/resource.h>

static void show(const char *what, long r)
{
	printf("%-34s %s\n", what, r == 0 ? "ok" : errno_name(errno));
}

static long prlimit_sys(pid_t pid, int res, const struct rlimit *nl, struct rlimit *old)
{
	return syscall(SYS_prlimit64, pid, res, nl, old);
}

int main(void)
{
	struct rlimit rl = { 1000, 3000 }, got;
	pid_t parent = getpid(), child;
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	show("root: set core 1000/3000", setrlimit(RLIMIT_CORE, &rl));
	child = fork();
	if (child == 0) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534)) {
			printf("cannot drop to 65534: %s\n", errno_name(errno));
			_exit(1);
		}
		rl = (struct rlimit){ 500, 2500 };
		show("user: lower hard to 2500", setrlimit(RLIMIT_CORE, &rl));
		rl = (struct rlimit){ 2500, 2500 };
		show("user: soft up to the hard", setrlimit(RLIMIT_CORE, &rl));
		rl = (struct rlimit){ 500, 2600 };
		show("user: raise hard to 2600", setrlimit(RLIMIT_CORE, &rl));
		getrlimit(RLIMIT_CORE, &got);
		printf("now %ld/%ld\n", (long)got.rlim_cur, (long)got.rlim_max);
		got.rlim_cur = 7;
		show("user: prlimit raise, old wanted", prlimit_sys(0, RLIMIT_CORE, &rl, &got));
		printf("old untouched: %d\n", got.rlim_cur == 7);
		rl = (struct rlimit){ 3000, 2000 };
		show("user: soft above hard", setrlimit(RLIMIT_CORE, &rl));
		show("user: prlimit read of root's", prlimit_sys(parent, RLIMIT_CORE, NULL, &got));
		show("user: prlimit read of itself", prlimit_sys(getpid(), RLIMIT_CORE, NULL, &got));
		_exit(0);
	}
	waitpid(child, &status, 0);
	show("root: prlimit read of the child", prlimit_sys(child, RLIMIT_CORE, NULL, &got));
	printf("child exit %d\n", WEXITSTATUS(status));
	return 0;
}
