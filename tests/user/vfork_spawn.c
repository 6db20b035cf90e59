/*
 * vfork and posix_spawn (docs/linux-abi.md §1 "fork / vfork", "system,
 * posix_spawn: clone(CLONE_VM|CLONE_VFORK|SIGCHLD, stack) ... execve";
 * §11 "vfork+_exit(4) gives 0x400"):
 *   vfork: the child runs in the parent's memory (a global it writes is
 *     seen by the parent afterwards) while the parent is suspended until
 *     the child _exit()s; status 4;
 *   vfork + execve of this program ("spawned" mode): the parent resumes
 *     after the exec, the child's pid is the one vfork returned;
 *   posix_spawn of this program with arguments -> the child prints them
 *     and exits 5; the pid posix_spawn stored is the one wait reports;
 *   posix_spawn with file actions: dup2 a pipe's write end onto fd 1 and
 *     close the read end -> the child's output arrives through the pipe;
 *   posix_spawn with a signal mask attribute (SIGUSR1 blocked) and a
 *     SIG_IGN->SIG_DFL reset (POSIX_SPAWN_SETSIGDEF for SIGUSR2): the
 *     child reports what it inherited;
 *   posix_spawn of a nonexistent path -> returns ENOENT (musl reports the
 *     exec error through a CLOEXEC pipe), no child is left to wait for;
 *   posix_spawn of /dev/null -> EACCES.
 * The parent prints only after waiting, so the child's line comes first.
 */
#include "ftest.h"
#include <spawn.h>
#include <stdlib.h>

extern char **environ;
static volatile int shared_global;

static int spawned(int argc, char **argv)
{
	sigset_t m;
	struct sigaction sa;

	printf("  spawned: argc %d", argc);
	for (int i = 2; i < argc; i++)
		printf(" [%s]", argv[i]);
	sigprocmask(SIG_BLOCK, NULL, &m);
	sigaction(SIGUSR2, NULL, &sa);
	printf(" USR1 blocked %d USR2 %s\n", sigismember(&m, SIGUSR1),
	       sa.sa_handler == SIG_IGN ? "SIG_IGN" : sa.sa_handler == SIG_DFL ? "SIG_DFL" : "handler");
	return 5;
}

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "spawned") == 0)
		return spawned(argc, argv);

	shared_global = 1;
	pid = vfork();
	if (pid == 0) {
		shared_global = 2;
		_exit(4);
	}
	waitpid(pid, &status, 0);
	printf("vfork: parent sees the child's write: global %d\n", shared_global);
	print_wait_status("vfork child", status);

	pid = vfork();
	if (pid == 0) {
		char *a[] = { argv[0], "spawned", "via-vfork", NULL };
		execve(argv[0], a, environ);
		_exit(127);
	}
	pid_t w = waitpid(pid, &status, 0);
	printf("vfork+exec: waited pid is vfork's %d\n", w == pid);
	print_wait_status("vfork+exec child", status);

	{
		char *a[] = { argv[0], "spawned", "one", "two words", NULL };
		int r = posix_spawn(&pid, argv[0], NULL, NULL, a, environ);
		w = waitpid(-1, &status, 0);
		printf("posix_spawn: %s\n", r ? errno_name(r) : "0");
		printf("posix_spawn: waited pid is the spawned one %d\n", w == pid);
		print_wait_status("posix_spawn child", status);
	}

	{
		int p[2];
		char buf[256];
		ssize_t n;
		size_t got = 0;
		posix_spawn_file_actions_t fa;
		char *a[] = { argv[0], "spawned", "through-a-pipe", NULL };

		pipe(p);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, p[1], 1);
		posix_spawn_file_actions_addclose(&fa, p[0]);
		posix_spawn_file_actions_addclose(&fa, p[1]);
		int r = posix_spawn(&pid, argv[0], &fa, NULL, a, environ);
		close(p[1]);
		while ((n = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
			got += n;
		buf[got] = 0;
		waitpid(pid, &status, 0);
		printf("file actions: %s, through the pipe:\n%s", r ? errno_name(r) : "0", buf);
		print_wait_status("file-actions child", status);
		posix_spawn_file_actions_destroy(&fa);
		close(p[0]);
	}

	{
		posix_spawnattr_t at;
		sigset_t m, def;
		char *a[] = { argv[0], "spawned", "attrs", NULL };

		signal(SIGUSR2, SIG_IGN);
		posix_spawnattr_init(&at);
		sigemptyset(&m);
		sigaddset(&m, SIGUSR1);
		sigemptyset(&def);
		sigaddset(&def, SIGUSR2);
		posix_spawnattr_setsigmask(&at, &m);
		posix_spawnattr_setsigdefault(&at, &def);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
		int r = posix_spawn(&pid, argv[0], NULL, &at, a, environ);
		waitpid(pid, &status, 0);
		printf("attrs: %s\n", r ? errno_name(r) : "0");
		print_wait_status("attrs child", status);
		posix_spawnattr_destroy(&at);

		char *b[] = { argv[0], "spawned", "no-attrs", NULL };
		r = posix_spawn(&pid, argv[0], NULL, NULL, b, environ);
		waitpid(pid, &status, 0);
		print_wait_status("no-attrs child (SIGUSR2 stays SIG_IGN)", status);
	}

	{
		char *a[] = { "nothing", NULL };
		pid = 0;
		int r = posix_spawn(&pid, "/nonexistent-faultline", NULL, NULL, a, environ);
		printf("posix_spawn nonexistent: %s\n", r ? errno_name(r) : "0");
		errno = 0;
		w = waitpid(-1, &status, WNOHANG);
		printf("  then waitpid(-1, WNOHANG): %d %s\n", w > 0 ? 1 : w, errno_name(errno));
		r = posix_spawn(&pid, "/dev/null", NULL, NULL, a, environ);
		printf("posix_spawn /dev/null: %s\n", r ? errno_name(r) : "0");
	}
	return 0;
}
