/*
 * execve with an explicit argv and envp (docs/linux-abi.md §9, §11).  Run with no
 * arguments, the program forks; the child execve()s argv[0] with
 * argv = { argv[0], "envcheck", "two words", "", NULL } and
 * envp = { "FOO=bar", "EMPTY=", "X=1=2", NULL }.  In that mode it prints
 * argc, each argument, each environment string (exactly the three given,
 * in order) and getenv("FOO"), then exits 5.  The parent sees WEXITSTATUS 5.
 * Failures, each in a child that prints errno: a nonexistent path ->
 * ENOENT; a directory ("/") -> EACCES; a path through a regular file
 * (argv[0] + "/x") -> ENOTDIR; an empty path -> ENOENT; a failed execve
 * returns to the caller, which keeps running.
 */
#include "ftest.h"
#include <stdlib.h>

#define CHILD_EXIT 5

extern char **environ;

static int child_mode(int argc, char **argv)
{
	int n = 0;

	printf("child: argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("child: argv[%d] \"%s\"\n", i, argv[i]);
	printf("child: argv[argc] is NULL %d\n", argv[argc] == NULL);
	for (char **e = environ; *e; e++, n++)
		printf("child: envp[%d] \"%s\"\n", n, *e);
	printf("child: %d environment strings\n", n);
	printf("child: getenv(FOO) \"%s\"\n", getenv("FOO"));
	printf("child: envp follows argv %d\n", environ == argv + argc + 1);
	return CHILD_EXIT;
}

static void try_exec(const char *label, const char *path)
{
	char *args[] = { (char *)path, NULL };
	char *env[] = { NULL };
	int status;

	pid_t pid = fork();
	if (pid == 0) {
		errno = 0;
		int r = execve(path, args, env);
		printf("%s: execve %d %s\n", label, r, errno_name(errno));
		_exit(1);
	}
	waitpid(pid, &status, 0);
	print_wait_status(label, status);
}

int main(int argc, char **argv)
{
	char through_file[4096];
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc >= 2 && strcmp(argv[1], "envcheck") == 0)
		return child_mode(argc, argv);

	pid_t pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "envcheck", "two words", "", NULL };
		char *env[] = { "FOO=bar", "EMPTY=", "X=1=2", NULL };
		execve(argv[0], args, env);
		printf("execve failed %s\n", errno_name(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	print_wait_status("parent", status);

	try_exec("nonexistent", "/nonexistent-faultline-test");
	try_exec("directory", "/");
	snprintf(through_file, sizeof through_file, "%s/x", argv[0]);
	try_exec("through a file", through_file);
	try_exec("empty path", "");
	return 0;
}
