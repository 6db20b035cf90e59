/*
 * ioprio_set(2) and ioprio_get(2) (Linux block/ioprio.c): the values are
 * kept and checked as Linux's, though faultline's RAM disk has no queue
 * for them to order.  Checked:
 *   - class NONE reads as 0; what is set reads back exactly
 *     (best-effort level 7, idle with a level);
 *   - NONE with a level, and an unknown class, are EINVAL; which 4 is
 *     EINVAL; a pid that does not exist is ESRCH;
 *   - fork copies the priority;
 *   - for a process group, ioprio_get answers the best among its tasks,
 *     NONE counting as best-effort 4, and ioprio_set sets every task;
 *   - the same for a user (nobody, in a child that became nobody);
 *   - nobody may not take the real-time class (EPERM) nor change root's
 *     task (EPERM).
 * build: musl glibc
 */
#include "ftest.h"

#define WHO_PROCESS 1
#define WHO_PGRP 2
#define WHO_USER 3
#define CLASS(c) ((c) << 13)
#define RT CLASS(1)
#define BE CLASS(2)
#define IDLE CLASS(3)
#define NOBODY 65534

static void say(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, errno_name(errno));
	else
		printf("%s: class %ld level %ld\n", what, r >> 13, r & 7);
}

static long set(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }
static long get(int which, int who) { return syscall(SYS_ioprio_get, which, who); }

int main(void)
{
	int st, ready[2];
	char c;

	setpgid(0, 0);			/* a group of our own for the PGRP cases */
	say("set NONE (whatever the parent had)", set(WHO_PROCESS, 0, 0));
	say("get self", get(WHO_PROCESS, 0));
	say("get own group (NONE counts as best-effort 4)", get(WHO_PGRP, 0));
	say("set best-effort 7", set(WHO_PROCESS, 0, BE | 7));
	say("get self", get(WHO_PROCESS, getpid()));
	say("set idle 5", set(WHO_PROCESS, 0, IDLE | 5));
	say("get self", get(WHO_PROCESS, 0));
	say("set NONE with level 1", set(WHO_PROCESS, 0, 1));
	say("set class 4", set(WHO_PROCESS, 0, CLASS(4)));
	say("set NONE", set(WHO_PROCESS, 0, 0));
	say("get self", get(WHO_PROCESS, 0));
	say("get which 4", get(4, 0));
	say("set which 4", set(4, 0, BE));
	say("get a pid that does not exist", get(WHO_PROCESS, 999999));
	say("set a pid that does not exist", set(WHO_PROCESS, 999999, BE));

	say("set best-effort 3", set(WHO_PROCESS, 0, BE | 3));
	fflush(stdout);
	pipe(ready);
	if (fork() == 0) {
		say("  child inherits", get(WHO_PROCESS, 0));
		say("  child sets best-effort 6", set(WHO_PROCESS, 0, BE | 6));
		fflush(stdout);
		write(ready[1], "", 1);
		pause();
		_exit(0);
	}
	read(ready[0], &c, 1);
	say("group: best of 3 and 6", get(WHO_PGRP, 0));
	say("set the whole group to best-effort 5", set(WHO_PGRP, 0, BE | 5));
	say("get self", get(WHO_PROCESS, 0));
	say("group", get(WHO_PGRP, 0));
	say("set real-time 0 (root)", set(WHO_PROCESS, 0, RT));
	say("group: real-time beats best-effort", get(WHO_PGRP, 0));
	fflush(stdout);
	if (fork() == 0) {
		setuid(NOBODY);
		say("  nobody: set real-time", set(WHO_PROCESS, 0, RT | 1));
		say("  nobody: set root's task", set(WHO_PROCESS, getppid(), BE));
		say("  nobody: set all of user nobody to idle 2", set(WHO_USER, NOBODY, IDLE | 2));
		say("  nobody: get user nobody", get(WHO_USER, NOBODY));
		say("  nobody: get self", get(WHO_PROCESS, 0));
		fflush(stdout);
		_exit(0);
	}
	wait(&st);
	signal(SIGTERM, SIG_IGN);
	kill(0, SIGTERM);		/* the paused child */
	while (wait(&st) > 0)
		;
	return 0;
}
