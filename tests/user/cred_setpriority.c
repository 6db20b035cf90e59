/*
 * cred_setpriority - nice values and users (Linux set_one_prio, can_nice):
 * nobody may raise its own nice value but not lower it again (EACCES:
 * RLIMIT_NICE is 0) and may not touch a root process (EPERM); root may
 * lower anyone's. PRIO_USER is left out: on Linux it would reach every
 * process of that user on the host.
 */
#include "credutil.h"
#include <sys/resource.h>

static pid_t root_pid;

static void show_prio(const char *label, int which, int who)
{
	errno = 0;
	int r = getpriority(which, who);
	printf("%s: %d %s\n", label, r, errno ? errno_name(errno) : "");
}

static void nobody_checks(void)
{
	SHOW("setpriority(self, 5)", setpriority(PRIO_PROCESS, 0, 5));
	show_prio("nice now", PRIO_PROCESS, 0);
	SHOW("setpriority(self, 2) lower again", setpriority(PRIO_PROCESS, 0, 2));
	SHOW("setpriority(self, 7)", setpriority(PRIO_PROCESS, 0, 7));
	SHOW("setpriority(root process, 10)", setpriority(PRIO_PROCESS, root_pid, 10));
	show_prio("nice now", PRIO_PROCESS, 0);
	show_prio("root process", PRIO_PROCESS, root_pid);
}

int main(void)
{
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	if ((root_pid = fork()) == 0) {
		for (;;)
			pause();
	}
	as_nobody("nobody", nobody_checks);
	SHOW("root: setpriority(child, 3)", setpriority(PRIO_PROCESS, root_pid, 3));
	SHOW("root: setpriority(child, -2)", setpriority(PRIO_PROCESS, root_pid, -2));
	show_prio("child", PRIO_PROCESS, root_pid);
	kill(root_pid, SIGKILL);
	waitpid(root_pid, &status, 0);
	return 0;
}
