/*
 * cred_groups - supplementary groups (Linux kernel/groups.c): setgroups
 * needs CAP_SETGID (EPERM, checked before the size), more than
 * NGROUPS_MAX (65536) is EINVAL, a bad pointer EFAULT; getgroups(0)
 * counts, a too-small buffer is EINVAL, and the list comes back sorted.
 * A supplementary group gives its class of mode bits: nobody in group 100
 * reads a 0040 file of group 100, and may chgrp its own file to 100.
 */
#include "credutil.h"

static char dir[64], grpfile[128];

static void show_groups(const char *label)
{
	gid_t g[8];
	int n = getgroups(8, g);

	printf("%s: %d [", label, n);
	for (int i = 0; i < n; i++)
		printf("%s%u", i ? " " : "", g[i]);
	printf("]\n");
}

static void in_group_checks(void)
{
	char mine[160];

	if (setgroups(1, (gid_t[]){ 100 }) || setgid(NOBODY) || setuid(NOBODY))
		_exit(1);
	show_groups("nobody's groups");
	SHOW("open 0040 file of group 100", open(grpfile, O_RDONLY));
	snprintf(mine, sizeof mine, "%s/mine", dir);
	SHOW("create own file", make_file(mine, 0644));
	SHOW("chgrp own file to group 100", chown(mine, -1, 100));
	SHOW("chgrp own file to group 0", chown(mine, -1, 0));
	SHOW("setgroups(0) unprivileged", setgroups(0, NULL));
	SHOW("setgroups(65537) unprivileged", setgroups(65537, NULL));
}

static void nobody_no_groups(void)
{
	SHOW("open 0040 file of group 100", open(grpfile, O_RDONLY));
}

int main(void)
{
	gid_t g[4] = { 300, 100, 200, 100 };
	gid_t one[1];
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "cred_groups");
	chmod(dir, 0777);
	make_file(path_in(grpfile, sizeof grpfile, dir, "grpfile"), 0040);
	chown(grpfile, 0, 100);
	SHOWN("getgroups(0)", getgroups(0, NULL));
	SHOWN("setgroups(65537)", setgroups(65537, g));
	SHOWN("setgroups(-1)", syscall(SYS_setgroups, -1, g));
	SHOWN("setgroups(2, bad pointer)", syscall(SYS_setgroups, 2, 16L));
	SHOWN("setgroups(4, unsorted)", setgroups(4, g));
	show_groups("groups");
	SHOWN("getgroups(0)", getgroups(0, NULL));
	SHOWN("getgroups(1, small buffer)", getgroups(1, one));
	SHOWN("getgroups(-1)", syscall(SYS_getgroups, -1, one));
	SHOWN("getgroups(4, bad pointer)", syscall(SYS_getgroups, 4, 16L));
	fflush(stdout);
	if ((pid = fork()) == 0) {
		show_groups("fork child inherits");
		in_group_checks();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("[child exit %d]\n", WEXITSTATUS(status));
	as_nobody("nobody without groups", nobody_no_groups);
	SHOWN("setgroups(0)", setgroups(0, NULL));
	show_groups("groups");
	printf("cleanup: %d\n", rm_rf(dir));
	return 0;
}
