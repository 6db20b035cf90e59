/*
 * Process groups and group signals (docs/linux-abi.md §2 setpgid/getpgid/
 * getpgrp/setsid, §4): a child calls setpgid(0, 0) (becoming the leader of
 * a new group: getpgrp() == getpid()), forks a grandchild that stays in that
 * group (getpgid(0) == the child's pid) and sleeps (at most 3 s, so the test
 * ends even where group signals are missing) while the child waits for it.
 * The parent, once both are ready, sends kill(-child, SIGUSR1): both die of
 * SIGUSR1 (the child reports its grandchild's WTERMSIG through its own exit
 * code).  getpgid of the reaped child -> ESRCH.  (The grandchild, reparented,
 * may linger as a zombie in the group, so the group is not probed.)  setsid
 * in a fresh child (not a group leader) returns its pid; setsid again, now
 * a group leader -> EPERM.  setpgid of a child before it execs works; once
 * it has exec'd (the parent sees its O_CLOEXEC pipe end close) -> EACCES
 * (Linux: PF_FORKNOEXEC; LTP setpgid03).  The exec'd image is this program
 * again, with argument "pause".  A child that led a group, left a process
 * in it and moved back to its parent's group still gets EPERM from setsid:
 * a group with its id exists (Linux ksys_setsid; LTP setsid01).
 */
#include "ftest.h"
#include <fcntl.h>
#include <time.h>

/* setpgid on a child before and after its execve: @go lets it exec, @done
 * (O_CLOEXEC, its write end only in the child) reads EOF once it has. */
static void setpgid_after_exec(const char *self)
{
	int go[2], done[2], status;
	char c;

	pipe2(go, O_CLOEXEC);
	pipe2(done, O_CLOEXEC);
	pid_t child = fork();
	if (child == 0) {
		close(done[0]);
		read(go[0], &c, 1);
		execl(self, self, "pause", (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	close(done[1]);
	printf("setpgid(child) before exec: %d\n", setpgid(child, child));
	write(go[1], "x", 1);
	close(go[1]);
	read(done[0], &c, 1);
	close(done[0]);
	int r = setpgid(child, 0);
	printf("setpgid(child) after exec: %d %s\n", r, errno_name(r < 0 ? errno : 0));
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
}

/* setsid while a group named by our pid still has a member. */
static void setsid_group_left_behind(void)
{
	int status;
	pid_t child = fork();

	if (child == 0) {
		pid_t parent_group = getpgrp();
		setpgid(0, 0);
		pid_t grandchild = fork();
		if (grandchild == 0) {
			sleep(5);
			_exit(0);
		}
		setpgid(0, parent_group);
		int r = setsid();
		printf("setsid with our old group still populated: %d %s\n", r, errno_name(r < 0 ? errno : 0));
		kill(grandchild, SIGKILL);
		waitpid(grandchild, &status, 0);
		_exit(0);
	}
	waitpid(child, &status, 0);
}

int main(int argc, char **argv)
{
	int p[2], status;
	char c;

	if (argc > 1 && !strcmp(argv[1], "pause")) {
		sleep(5);
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	setpgid_after_exec(argv[0]);
	setsid_group_left_behind();
	printf("getpgrp == getpgid(0) %d\n", getpgrp() == getpgid(0));
	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		close(p[0]);
		setpgid(0, 0);
		printf("child: leader of its own group %d\n", getpgrp() == getpid());
		pid_t gc = fork();
		if (gc == 0) {
			printf("grandchild: in the child's group %d\n",
			       getpgid(0) == getppid());
			write(p[1], "g", 1);
			/* Not pause(): without group signals this must end. */
			for (int i = 0; i < 300; i++)
				nanosleep(&(struct timespec){ 0, 10000000L }, NULL);
			_exit(0);
		}
		write(p[1], "c", 1);
		/* Killed here by the group signal; never reached. */
		waitpid(gc, &status, 0);
		_exit(100 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
	}
	close(p[1]);
	read(p[0], &c, 1);
	read(p[0], &c, 1);
	struct timespec ts = { 0, 100000000L };
	nanosleep(&ts, NULL);
	printf("getpgid(child) == child %d\n", getpgid(child) == child);
	printf("kill(-child, SIGUSR1): %d\n", kill(-child, SIGUSR1));
	waitpid(child, &status, 0);
	print_wait_status("child", status);
	errno = 0;
	int r = getpgid(child);
	printf("getpgid(reaped child): %d %s\n", r, errno_name(errno));

	child = fork();
	if (child == 0) {
		pid_t s = setsid();
		printf("child: setsid returned its pid %d\n", s == getpid());
		errno = 0;
		s = setsid();
		printf("child: setsid again: %d %s\n", (int)s, errno_name(errno));
		_exit(0);
	}
	waitpid(child, &status, 0);
	print_wait_status("setsid child", status);
	return 0;
}
