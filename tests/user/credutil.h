/*
 * credutil.h - helpers for the credential tests (cred_*.c): fsutil.h plus
 * "become an unprivileged user" and "run this in a child as that user".
 *
 * The tests start as root (the harness on faultline, tools/linux-expect
 * on Linux) and drop privileges only in fork children, so the parent can
 * clean up whatever the child could not touch.
 */
#ifndef CREDUTIL_H
#define CREDUTIL_H

#include "fsutil.h"
#include <grp.h>
#include <sys/types.h>

#define NOBODY 65534		/* Debian's nobody and nogroup */

/* Drop to uid/gid NOBODY with no supplementary groups, in the order that works: groups, gid, uid. */
FT_UNUSED static void become_nobody(void)
{
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		printf("could not become nobody: %s\n", errno_name(errno));
		_exit(1);
	}
}

/* Run fn() in a child that became nobody; print how the child ended. */
FT_UNUSED static void as_nobody(const char *what, void (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		become_nobody();
		fn();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("[%s: child exit %d]\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* "label: r e s" after a set*id call, or "label: ENAME" */
FT_UNUSED static void show_resuid(const char *label, long r)
{
	const char *res = r < 0 ? errno_name(errno) : "ok";
	uid_t a, b, c;

	getresuid(&a, &b, &c);
	printf("%-34s %-7s uids %u %u %u\n", label, res, a, b, c);
}

FT_UNUSED static void show_resgid(const char *label, long r)
{
	const char *res = r < 0 ? errno_name(errno) : "ok";
	gid_t a, b, c;

	getresgid(&a, &b, &c);
	printf("%-34s %-7s gids %u %u %u\n", label, res, a, b, c);
}

/* Write a small file with this mode (after umask 0), owned by whoever runs this. */
FT_UNUSED static int make_file(const char *path, mode_t mode)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	if (write(fd, "data\n", 5) != 5)
		return -1;
	fchmod(fd, mode);
	return close(fd);
}

#endif
