/*
 * waitid (docs/linux-abi.md §4 SIGCHLD si_code, §11 wait options): a child that
 * _exit(6)s gives si_signo SIGCHLD, si_code CLD_EXITED, si_status 6,
 * si_pid = the child; one killed by SIGUSR1 gives CLD_KILLED, si_status 10.
 * WNOHANG with the child still running returns 0 with si_pid 0.  WNOWAIT
 * leaves the child waitable: a later wait4 still reaps it.  P_ALL with no
 * children -> ECHILD; options without WEXITED (0) -> EINVAL.
 */
#include "ftest.h"

static const char *cld(int code)
{
	switch (code) {
	case CLD_EXITED: return "CLD_EXITED";
	case CLD_KILLED: return "CLD_KILLED";
	}
	return "CLD?";
}

static void show(const char *label, int r, siginfo_t *si, pid_t pid)
{
	printf("%s: %d %s si_signo %s si_code %s si_status %d si_pid_is_child %d\n",
	       label, r, errno_name(r < 0 ? errno : 0), sig_name(si->si_signo),
	       cld(si->si_code), si->si_status, si->si_pid == pid);
	errno = 0;
}

int main(void)
{
	siginfo_t si;
	int p[2], status;
	char c = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	pid_t pid = fork();
	if (pid == 0)
		_exit(6);
	memset(&si, 0, sizeof si);
	show("exited", waitid(P_PID, pid, &si, WEXITED), &si, pid);

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	memset(&si, 0xff, sizeof si);
	int r = waitid(P_PID, pid, &si, WEXITED | WNOHANG);
	printf("WNOHANG while running: %d si_pid 0 %d\n", r, si.si_pid == 0);
	kill(pid, SIGUSR1);
	memset(&si, 0, sizeof si);
	show("killed, WNOWAIT", waitid(P_PID, pid, &si, WEXITED | WNOWAIT), &si, pid);
	pid_t got = wait4(pid, &status, 0, NULL);
	printf("wait4 after WNOWAIT: reaped the child %d\n", got == pid);
	print_wait_status("killed", status);
	close(p[1]);

	errno = 0;
	r = waitid(P_ALL, 0, &si, WEXITED);
	printf("P_ALL, no children: %d %s\n", r, errno_name(errno));
	errno = 0;
	r = waitid(P_ALL, 0, &si, 0);
	printf("options 0: %d %s\n", r, errno_name(errno));
	return 0;
}
