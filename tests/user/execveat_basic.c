/*
 * execveat_basic - execveat(2) (syscall 322) names the program the way the
 * *at calls name a file (man 2 execveat; Linux fs/exec.c do_open_execat).
 *
 * Each case runs in a forked child; when execveat returns the child prints
 * its errno, and when it works the program (this one, re-run with the
 * arguments "after CASE") prints the case and exits 7.  Expected, as Linux
 * does it (recorded on the host):
 *  - flags other than AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW: EINVAL (Linux
 *    6.14 added AT_EXECVE_CHECK, 0x10000, which faultline does not have);
 *  - "" with AT_EMPTY_PATH runs the file dfd names, an O_PATH or an O_RDONLY
 *    descriptor alike; a bad dfd is EBADF; the cwd (AT_FDCWD) or a
 *    directory descriptor is EACCES (only a regular file runs);
 *  - "" without AT_EMPTY_PATH: ENOENT, whatever dfd is;
 *  - a relative name is looked up in dfd: EBADF if dfd is not open,
 *    ENOTDIR if it is a file, ENOENT if the name is missing there;
 *  - an absolute name ignores dfd, even one that is not open;
 *  - a final symlink is followed, or ELOOP with AT_SYMLINK_NOFOLLOW.
 * AT_EXECFN and /proc/self/comm are not printed: Linux gives an fd-relative
 * exec the name "/dev/fd/N/..." there.
 */
#include "ftest.h"
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

static char self[PATH_MAX];		/* this program, as an absolute path */
static char *const envp[] = { NULL };

static void run(const char *label, int dfd, const char *name, int flags)
{
	char *const argv[] = { "execveat_basic", "after", (char *)label, NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execveat, dfd, name, argv, envp, flags);
		printf("%-24s execveat: %s\n", label, errno_name(errno));
		_exit(1);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status))
		printf("%-24s killed by signal %d\n", label, WTERMSIG(status));
	else if (WEXITSTATUS(status) != 1)
		printf("%-24s exit %d\n", label, WEXITSTATUS(status));
}

static void absolute_self(const char *argv0)
{
	if (argv0[0] == '/') {
		snprintf(self, sizeof(self), "%s", argv0);
		return;
	}
	if (!getcwd(self, sizeof(self)))
		exit(2);
	strncat(self, "/", sizeof(self) - strlen(self) - 1);
	strncat(self, argv0, sizeof(self) - strlen(self) - 1);
}

int main(int argc, char **argv)
{
	char tmp[] = "/tmp/execveat_basic.XXXXXX", link[64], dir[PATH_MAX], base[PATH_MAX];

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 3 && strcmp(argv[1], "after") == 0) {
		printf("%-24s ran\n", argv[2]);
		return 7;
	}
	absolute_self(argv[0]);
	snprintf(dir, sizeof(dir), "%s", self);
	snprintf(base, sizeof(base), "%s", self);
	if (!mkdtemp(tmp))
		return 2;
	snprintf(link, sizeof(link), "%s/link", tmp);
	if (symlink(self, link))
		return 2;
	int dirfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
	int tmpfd = open(tmp, O_RDONLY | O_DIRECTORY);
	int pathfd = open(self, O_PATH);
	int rdfd = open(self, O_RDONLY);
	const char *name = basename(base);

	if (dirfd < 0 || tmpfd < 0 || pathfd < 0 || rdfd < 0)
		return 2;
	run("bad flags 0x200", AT_FDCWD, self, 0x200);
	run("bad flags -1", AT_FDCWD, self, -1);
	run("empty, bad fd", -1, "", AT_EMPTY_PATH);
	run("empty, no flag", dirfd, "", 0);
	run("empty, bad fd, no flag", -1, "", 0);
	run("empty, cwd", AT_FDCWD, "", AT_EMPTY_PATH);
	run("empty, dir fd", dirfd, "", AT_EMPTY_PATH);
	run("relative, bad fd", 99, name, 0);
	run("relative, file fd", pathfd, name, 0);
	run("relative, missing", dirfd, "no_such_program", 0);
	run("symlink, nofollow", tmpfd, "link", AT_SYMLINK_NOFOLLOW);

	run("relative in dir fd", dirfd, name, 0);
	run("absolute, AT_FDCWD", AT_FDCWD, self, 0);
	run("absolute, bad fd", 99, self, 0);
	run("symlink, followed", tmpfd, "link", 0);
	run("empty, O_PATH fd", pathfd, "", AT_EMPTY_PATH);
	run("empty, O_RDONLY fd", rdfd, "", AT_EMPTY_PATH);
	run("name with AT_EMPTY_PATH", dirfd, name, AT_EMPTY_PATH);

	unlink(link);
	rmdir(tmp);
	return 0;
}
