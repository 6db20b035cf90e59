/*
 * A zombie that has not been reaped is still a process of its group
 * (Linux detaches its pid only in release_task): kill(pid, 0) and
 * kill(-pgrp, 0) find it, a real signal to it or to its group succeeds
 * and does nothing, and once it is reaped both say ESRCH.  A shell's
 * "is this job still there" check (kill(-pgid, 0)) relies on this.
 * build: musl glibc
 */
#include "ftest.h"
#include <signal.h>
#include <sys/wait.h>

static void try(const char *what, pid_t pid, int sig)
{
	int r = kill(pid, sig);

	printf("%-28s %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

int main(void)
{
	int pipefd[2], st;
	siginfo_t si;
	char c;
	pid_t p;

	pipe(pipefd);
	p = fork();
	if (p == 0) {
		setpgid(0, 0);
		close(pipefd[0]);
		write(pipefd[1], "x", 1);
		_exit(3);
	}
	setpgid(p, p);
	close(pipefd[1]);
	read(pipefd[0], &c, 1);
	/* Wait until it is a zombie, without reaping it. */
	waitid(P_PID, p, &si, WEXITED | WNOWAIT);
	try("kill(zombie, 0)", p, 0);
	try("kill(-its group, 0)", -p, 0);
	try("kill(-its group, SIGTERM)", -p, SIGTERM);
	try("kill(zombie, SIGKILL)", p, SIGKILL);
	waitpid(p, &st, 0);
	printf("reaped: %s %d\n", WIFEXITED(st) ? "exit" : "signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	try("kill(reaped, 0)", p, 0);
	try("kill(-reaped group, 0)", -p, 0);
	return 0;
}
