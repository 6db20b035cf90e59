/*
 * cred_chroot - chroot(2)'s errors in Linux's order: the path is looked up
 * (ENOENT, ENOTDIR for a file or a path through one), then searched as
 * chdir would (EACCES), and only then is CAP_SYS_CHROOT asked for (EPERM),
 * so an unprivileged process learns ENOENT/EACCES before EPERM.  As root,
 * chroot("/") succeeds (and changes nothing: the root stays "/").
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>

#define DIR "/tmp/cred_chroot"

static void try(const char *path)
{
	errno = 0;
	printf("  chroot(%s): %s\n", path, chroot(path) ? errno_name(errno) : "ok");
}

int main(void)
{
	pid_t pid;
	int status, fd;

	mkdir(DIR, 0755);
	mkdir(DIR "/closed", 0700);
	mkdir(DIR "/closed/inner", 0755);
	fd = open(DIR "/file", O_CREAT | O_WRONLY, 0644);
	close(fd);

	printf("as root:\n");
	try("/");
	try(DIR "/nonexistent");
	try(DIR "/file");
	try(DIR "/file/sub");
	try("");
	fd = open("/" DIR "/file", O_RDONLY);
	printf("  the root is still /: %s\n", fd >= 0 ? "yes" : errno_name(errno));
	close(fd);

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		setgroups(0, NULL);
		setresgid(1000, 1000, 1000);
		setresuid(1000, 1000, 1000);
		printf("as uid 1000:\n");
		try("/");
		try(DIR);
		try(DIR "/nonexistent");
		try(DIR "/file");
		try(DIR "/closed");
		try(DIR "/closed/inner");
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	rmdir(DIR "/closed/inner");
	rmdir(DIR "/closed");
	unlink(DIR "/file");
	rmdir(DIR);
	return 0;
}
