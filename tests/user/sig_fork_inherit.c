/*
 * What a fork child inherits (docs/linux-abi.md §6, §11; POSIX fork):
 *   inherited: signal handlers, SIG_IGN dispositions, the signal mask, the
 *     sigaltstack registration (a query in the child shows the same stack
 *     and size), sa_flags (SA_RESTART/SA_RESETHAND read back), rlimits, the
 *     umask, the current directory, open descriptors with a shared file
 *     offset, the FD_CLOEXEC flag;
 *   not inherited: pending signals (a blocked, pending SIGUSR1 in the
 *     parent is not pending in the child, and stays pending in the parent),
 *     alarms (alarm(0) in the child returns 0 while the parent's alarm is
 *     still set), the child's getppid() is the parent.
 * Setting SIG_IGN discards the parent's pending SIGUSR1.
 * SIGCHLD handling (each case in its own forked process): with SIGCHLD
 *   set to SIG_IGN, exiting children are reaped automatically: wait()
 *   blocks until they are all gone and then fails with ECHILD; with
 *   SA_NOCLDWAIT (and a handler) the same, and the handler still runs; with
 *   SA_NOCLDSTOP a stopped child sends no SIGCHLD, nor does its SIGCONT
 *   (Linux suppresses CLD_CONTINUED too), but its exit does (1 in all).
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

static char altstack[16384];
static volatile int usr2_runs, chld_runs;
static void on_usr2(int sig) { (void)sig; usr2_runs++; }
static void on_chld(int sig) { (void)sig; chld_runs++; }

static const char *wres(pid_t w, pid_t want)
{
	return w == want ? "the child" : w > 0 ? "another pid" : "-1";
}

static void sigchld_case(int c)
{
	struct sigaction sa;
	int status;
	pid_t w, pid;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	if (c == 0) {
		/* SIGCHLD SIG_IGN: automatic reaping */
		signal(SIGCHLD, SIG_IGN);
		for (int i = 0; i < 3; i++)
			if (fork() == 0) {
				usleep(20000 * i);
				_exit(i);
			}
		errno = 0;
		w = wait(&status);
		printf("SIGCHLD SIG_IGN: wait -> %s %s\n", wres(w, -2), errno_name(errno));
	} else if (c == 1) {
		/* SA_NOCLDWAIT with a handler */
		sa.sa_flags = SA_NOCLDWAIT;
		sigaction(SIGCHLD, &sa, NULL);
		pid = fork();
		if (pid == 0)
			_exit(3);
		do {
			errno = 0;
			w = wait(&status);
		} while (w < 0 && errno == EINTR);
		printf("SA_NOCLDWAIT: wait -> %s %s, handler ran %d\n", wres(w, pid),
		       errno_name(errno), chld_runs > 0);
	} else {
		/* SA_NOCLDSTOP */
		sa.sa_flags = SA_NOCLDSTOP;
		sigaction(SIGCHLD, &sa, NULL);
		pid = fork();
		if (pid == 0) {
			raise(SIGSTOP);
			_exit(4);
		}
		w = waitpid(pid, &status, WUNTRACED);
		usleep(50000);
		printf("SA_NOCLDSTOP: waitpid(WUNTRACED) -> %s, stopped %d, SIGCHLD for the stop %d\n",
		       wres(w, pid), WIFSTOPPED(status), chld_runs);
		kill(pid, SIGCONT);
		usleep(50000);
		printf("SA_NOCLDSTOP: SIGCHLD after SIGCONT and the exit %d\n", chld_runs);
		errno = 0;
		w = waitpid(pid, &status, 0);
		printf("SA_NOCLDSTOP: waitpid -> %s %s, exited %d (code %d)\n", wres(w, pid),
		       errno_name(errno), WIFEXITED(status), WEXITSTATUS(status));
	}
}

int main(void)
{
	int status, p[2];
	sigset_t m, pend;
	char buf[64];

	setvbuf(stdout, NULL, _IONBF, 0);

	/* set up state to inherit */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr2;
	sa.sa_flags = SA_RESTART | SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
	sigaltstack(&ss, NULL);
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGTERM);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGUSR1);			/* pending in the parent */
	struct rlimit rl = { 12345678, RLIM_INFINITY };
	setrlimit(RLIMIT_DATA, &rl);
	umask(027);
	chdir("/");
	pipe(p);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	int fd = open("/dev/null", O_RDONLY);
	alarm(100);

	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction cur;
		stack_t cs;
		sigset_t cm, cp;

		sigaction(SIGUSR2, NULL, &cur);
		printf("child: USR2 handler inherited %d, SA_RESTART %d SA_ONSTACK %d\n",
		       cur.sa_handler == on_usr2, !!(cur.sa_flags & SA_RESTART),
		       !!(cur.sa_flags & SA_ONSTACK));
		sigaction(SIGHUP, NULL, &cur);
		printf("child: SIGHUP still SIG_IGN %d\n", cur.sa_handler == SIG_IGN);
		sigprocmask(SIG_BLOCK, NULL, &cm);
		printf("child: mask has USR1 %d TERM %d USR2 %d\n", sigismember(&cm, SIGUSR1),
		       sigismember(&cm, SIGTERM), sigismember(&cm, SIGUSR2));
		sigpending(&cp);
		printf("child: USR1 pending %d\n", sigismember(&cp, SIGUSR1));
		sigaltstack(NULL, &cs);
		printf("child: altstack same %d size %zu flags %d\n", cs.ss_sp == (void *)altstack,
		       cs.ss_size, cs.ss_flags);
		raise(SIGUSR2);
		printf("child: USR2 handler ran %d\n", usr2_runs);
		struct rlimit crl;
		getrlimit(RLIMIT_DATA, &crl);
		printf("child: RLIMIT_DATA soft %lu\n", (unsigned long)crl.rlim_cur);
		mode_t um = umask(0);
		printf("child: umask 0%o\n", (unsigned)um);
		printf("child: cwd %s\n", getcwd(buf, sizeof buf) ? buf : "?");
		printf("child: FD_CLOEXEC on pipe read end %d, write end %d\n",
		       fcntl(p[0], F_GETFD) & FD_CLOEXEC, fcntl(p[1], F_GETFD) & FD_CLOEXEC);
		lseek(fd, 0, SEEK_SET);
		printf("child: alarm(0) returns %u\n", alarm(0));
		printf("child: getppid is parent %d\n", getppid() == parent);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	sigpending(&pend);
	printf("parent: USR1 still pending %d\n", sigismember(&pend, SIGUSR1));
	unsigned left = alarm(0);
	printf("parent: alarm still set %d\n", left > 90 && left <= 100);
	print_wait_status("child", status);
	signal(SIGUSR1, SIG_IGN);		/* discards the pending one */
	sigpending(&pend);
	printf("parent: USR1 pending after SIG_IGN %d\n", sigismember(&pend, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &m, NULL);

	/* Each SIGCHLD case runs in its own process, so that children left over
	 * by one case cannot signal the next. */
	for (int c = 0; c < 3; c++) {
		pid_t phase = fork();
		if (phase == 0) {
			sigchld_case(c);
			_exit(0);
		}
		waitpid(phase, &status, 0);
	}
	return 0;
}
