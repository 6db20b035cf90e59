/*
 * cred_kill_group - what kill(2) returns for a process group and for -1
 * when only some targets may be signalled (Linux kernel/signal.c):
 *   - kill(-pgrp): 0 if one process got the signal, else the last error
 *     (__kill_pgrp_info), whatever the order of the refusals;
 *   - kill(-1): the processes the caller may not signal are skipped, so it
 *     is 0 even if every one refused (kill_something_info counts EPERM as
 *     nothing); ESRCH only if there was no process at all.
 * Only signal 0 is sent to -1: on Linux that reaches the whole system.
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <grp.h>

/* A child in process group @pgrp (0: its own) with all uids @uid, waiting to be killed. */
static pid_t spawn(pid_t pgrp, uid_t uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, pgrp);
		if (setresuid(uid, uid, uid))
			_exit(1);
		for (;;)
			pause();
	}
	setpgid(pid, pgrp ? pgrp : pid);	/* no race with the child's own call */
	return pid;
}

static void show(const char *what, int ret)
{
	printf("  %-42s %s\n", what, ret ? errno_name(errno) : "0");
}

int main(void)
{
	pid_t leader, mine, lone, tester;
	int status;

	setgroups(0, NULL);
	leader = spawn(0, 0);		/* root's, leads the group */
	mine = spawn(leader, 1000);	/* the tester's uid */
	spawn(leader, 2000);		/* last in the group: refused */
	lone = spawn(0, 3000);		/* a group of one, refused */
	usleep(100000);

	fflush(stdout);
	tester = fork();
	if (tester == 0) {
		setresuid(1000, 1000, 1000);
		printf("as uid 1000:\n");
		show("kill(-group of root, 1000, 2000, 0)", kill(-leader, 0));
		show("kill(-group of 3000 alone, 0)", kill(-lone, 0));
		show("kill(-1, 0)", kill(-1, 0));
		show("kill(-group of root, 1000, 2000, SIGCONT)", kill(-leader, SIGCONT));
		fflush(stdout);
		_exit(0);
	}
	waitpid(tester, &status, 0);
	kill(mine, SIGKILL);
	waitpid(mine, &status, 0);
	tester = fork();
	if (tester == 0) {
		setresuid(1000, 1000, 1000);
		printf("as uid 1000, its own process gone:\n");
		show("kill(-group of root, 2000, 0)", kill(-leader, 0));
		show("kill(-1, 0)", kill(-1, 0));
		fflush(stdout);
		_exit(0);
	}
	waitpid(tester, &status, 0);
	kill(-leader, SIGKILL);
	kill(lone, SIGKILL);
	while (wait(&status) > 0)
		;
	return 0;
}
