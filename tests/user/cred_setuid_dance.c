/*
 * cred_setuid_dance - the saved set-user-ID rules (Linux kernel/sys.c,
 * POSIX setuid): each step's result and getresuid/getresgid after it.
 * Root may set any id; once euid leaves 0 a process may move its ids only
 * among its real, effective and saved values, so while the saved uid is
 * still 0 it can come back to root, and once all three are non-zero it
 * never can (EPERM). setreuid sets the saved uid to the new euid when the
 * real uid is given or the euid changes away from the old real uid;
 * setuid(-1) is EINVAL; setresuid(-1,-1,-1) changes nothing. setfsuid
 * answers the old fsuid whether or not it changed anything.
 */
#include "credutil.h"
#include <sys/fsuid.h>

static void uid_steps(void)
{
	show_resuid("start", 0);
	show_resuid("setuid(-1)", setuid(-1));
	show_resuid("setresuid(-1,-1,-1)", setresuid(-1, -1, -1));
	show_resuid("seteuid(1000)", seteuid(1000));
	show_resuid("setuid(0) back via real uid", setuid(0));
	show_resuid("setresuid(1000,1000,0)", setresuid(1000, 1000, 0));
	show_resuid("setresuid(-1,2000,-1)", setresuid(-1, 2000, -1));
	show_resuid("setreuid(-1,0) via saved uid", setreuid(-1, 0));
	show_resuid("setreuid(2000,-1) as root", setreuid(2000, -1));
	show_resuid("setresuid(1000,1001,1002)", setresuid(1000, 1001, 1002));
	show_resuid("setreuid(1001,1000)", setreuid(1001, 1000));
	show_resuid("setreuid(1002,-1) saved one gone", setreuid(1002, -1));
	show_resuid("setreuid(-1,1001)", setreuid(-1, 1001));
	show_resuid("setuid(1000) to real uid", setuid(1000));
	show_resuid("setuid(1001) to saved uid", setuid(1001));
	show_resuid("setuid(0)", setuid(0));
	show_resuid("seteuid(0)", seteuid(0));
	show_resuid("setresuid(0,-1,-1)", setresuid(0, -1, -1));
	show_resuid("setreuid(0,0)", setreuid(0, 0));
	printf("setfsuid(0) returns %d\n", setfsuid(0));
	printf("setfsuid(-1) returns %d\n", setfsuid(-1));
	printf("setfsuid(1000) returns %d\n", setfsuid(1000));
	printf("setfsuid(-1) returns %d\n", setfsuid(-1));
	show_resuid("setresuid(1000,1000,1000)", setresuid(1000, 1000, 1000));
	printf("setfsuid(-1) returns %d\n", setfsuid(-1));
}

static void gid_steps(void)
{
	show_resgid("start", 0);
	show_resgid("setgid(-1)", setgid(-1));
	show_resgid("setegid(100)", setegid(100));
	show_resgid("setresgid(100,200,0)", setresgid(100, 200, 0));
	show_resgid("setregid(-1,0) via saved gid", setregid(-1, 0));
	show_resgid("setuid(1000): lose CAP_SETGID", setuid(1000));
	show_resgid("setgid(300)", setgid(300));
	show_resgid("setgid(100) to real gid", setgid(100));
	show_resgid("setregid(0,100)", setregid(0, 100));
	show_resgid("setresgid(-1,0,-1)", setresgid(-1, 0, -1));
	show_resgid("setresgid(300,-1,-1)", setresgid(300, -1, -1));
	printf("setfsgid(300) returns %d\n", setfsgid(300));
	printf("setfsgid(0) returns %d\n", setfsgid(0));
	printf("setfsgid(-1) returns %d\n", setfsgid(-1));
}

static void run(const char *what, void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("[%s: child exit %d]\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	run("uids", uid_steps);
	run("gids", gid_steps);
	show_resuid("parent still root", 0);
	return 0;
}
