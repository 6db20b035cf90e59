/*
 * cred_kill_perm - who may signal whom (Linux check_kill_permission and
 * kill_ok_by_cred): the sender's real or effective uid must be the
 * target's real or saved uid, else EPERM, for signal 0 too. A target's
 * effective uid does not count: nobody cannot signal a root process that
 * only acts as nobody (euid 65534, real and saved uid 0), but can signal
 * one whose real uid is nobody. SIGCONT is allowed to any process of the
 * sender's session. Root may signal anyone (CAP_KILL).
 */
#include "credutil.h"

static pid_t root_pid, euid_pid, ruid_pid;

/* A child that sets its uids, then waits to be killed. */
static pid_t spawn(uid_t r, uid_t e, uid_t s)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setresuid(r, e, s))
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

static void nobody_checks(void)
{
	SHOW("kill(root process, 0)", kill(root_pid, 0));
	SHOW("kill(root process, SIGTERM)", kill(root_pid, SIGTERM));
	SHOW("tgkill(root process, 0)", syscall(SYS_tgkill, root_pid, root_pid, 0));
	SHOW("tkill(root process, SIGTERM)", syscall(SYS_tkill, root_pid, SIGTERM));
	SHOW("kill(parent, 0)", kill(getppid(), 0));
	SHOW("kill(root process acting as nobody, 0)", kill(euid_pid, 0));
	SHOW("kill(process with real uid nobody, 0)", kill(ruid_pid, 0));
	SHOW("kill(self, 0)", kill(getpid(), 0));
	SHOW("kill(root process, SIGCONT) same session", kill(root_pid, SIGCONT));
	SHOW("kill(no such process, 0)", kill(30000, 0));
}

static void reap(const char *what, pid_t pid)
{
	int status;

	SHOW(what, kill(pid, SIGKILL));
	waitpid(pid, &status, 0);
	printf("%s: killed by %d\n", what, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	root_pid = spawn(0, 0, 0);
	euid_pid = spawn(0, NOBODY, 0);
	ruid_pid = spawn(NOBODY, 0, 0);
	as_nobody("nobody", nobody_checks);
	reap("root kills root process", root_pid);
	reap("root kills process acting as nobody", euid_pid);
	reap("root kills process with real uid nobody", ruid_pid);
	return 0;
}
