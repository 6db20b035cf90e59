/*
 * What execve keeps and what it drops (docs/linux-abi.md §6, §11).  Before the
 * exec (done in a forked child, re-running argv[0] with the argument
 * "after"), the child sets up:
 *   fd 20: /dev/null opened with O_CLOEXEC      -> closed by exec (EBADF)
 *   fd 21: /dev/null dup2()ed, no FD_CLOEXEC    -> still open, FD flags 0
 *   fd 22: pipe write end, F_SETFD FD_CLOEXEC   -> closed
 *   fd 23: dup3(.., O_CLOEXEC)                  -> closed
 *   fd 24: fcntl F_DUPFD_CLOEXEC (min 24)       -> closed
 *   SIGUSR1 handled -> SIG_DFL after exec; SIGUSR2 SIG_IGN -> stays SIG_IGN;
 *   SIGTERM blocked -> still blocked; a blocked, pending SIGTERM stays
 *   pending.
 * Before exec, FD_CLOEXEC reads back as set where expected.  The exec'd
 * program prints what it finds and exits 0.
 */
#include "ftest.h"
#include <fcntl.h>

static void on_usr1(int sig)
{
}

static void show_fd(const char *label, int fd)
{
	errno = 0;
	int r = fcntl(fd, F_GETFD);
	printf("%s fd %d: F_GETFD %d %s\n", label, fd, r,
	       errno_name(r < 0 ? errno : 0));
}

static int after_exec(void)
{
	struct sigaction sa;
	sigset_t cur, pend;

	for (int fd = 20; fd <= 24; fd++)
		show_fd("after exec", fd);
	sigaction(SIGUSR1, NULL, &sa);
	printf("after exec: SIGUSR1 SIG_DFL %d\n", sa.sa_handler == SIG_DFL);
	sigaction(SIGUSR2, NULL, &sa);
	printf("after exec: SIGUSR2 SIG_IGN %d\n", sa.sa_handler == SIG_IGN);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	sigpending(&pend);
	printf("after exec: SIGTERM blocked %d pending %d\n",
	       sigismember(&cur, SIGTERM), sigismember(&pend, SIGTERM));
	return 0;
}

int main(int argc, char **argv)
{
	int p[2], status;
	sigset_t term;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 2 && strcmp(argv[1], "after") == 0)
		return after_exec();

	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		printf("open /dev/null O_CLOEXEC: ok %d\n", fd >= 0);
		dup3(fd, 20, O_CLOEXEC);
		dup2(fd, 21);
		pipe(p);
		dup2(p[1], 22);
		fcntl(22, F_SETFD, FD_CLOEXEC);
		dup3(fd, 23, O_CLOEXEC);
		int d = fcntl(fd, F_DUPFD_CLOEXEC, 24);
		printf("F_DUPFD_CLOEXEC 24 gives 24 %d\n", d == 24);
		close(fd);
		close(p[0]);
		close(p[1]);
		for (int i = 20; i <= 24; i++)
			show_fd("before exec", i);

		struct sigaction sa = { .sa_handler = on_usr1 };
		sigaction(SIGUSR1, &sa, NULL);
		signal(SIGUSR2, SIG_IGN);
		sigemptyset(&term);
		sigaddset(&term, SIGTERM);
		sigprocmask(SIG_BLOCK, &term, NULL);
		kill(getpid(), SIGTERM);

		char *args[] = { argv[0], "after", NULL };
		char *env[] = { NULL };
		execve(argv[0], args, env);
		printf("execve failed %s\n", errno_name(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	print_wait_status("parent", status);
	return 0;
}
