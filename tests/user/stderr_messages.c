/*
 * What musl writes on stderr, and how abort() ends a process
 * (docs/linux-abi.md §1 "stderr is unbuffered", "abort"; §3 musl's strerror
 * texts and perror's "s: <text>\n"; §4 SIGABRT's default action and musl's
 * strsignal texts).  The expected file holds stdout only, so each stderr
 * case runs in a forked child whose fd 2 is a pipe; the parent reads the
 * pipe to EOF and prints what came through, then how the child ended:
 *   perror("open") after a failing open -> "open: No such file or directory";
 *   perror for EBADF, EACCES (exec of /dev/null), ECHILD, EINVAL; perror(NULL)
 *     and perror("") print the bare text;
 *   fprintf(stderr) is not buffered: the parent sees it even though the
 *     child then _exit()s;
 *   a failed assert() prints "Assertion failed: EXPR (FILE: FUNC: LINE)" and
 *     aborts -> SIGABRT (the #line below pins FILE and LINE);
 *   abort() with a SIGABRT handler that returns: the handler runs once,
 *     then abort() still kills with SIGABRT;
 *   abort() with SIGABRT ignored or blocked: still killed by SIGABRT.
 * strerror() / strsignal() for a range of numbers are printed directly.
 * Finally main itself calls abort(): the status is [signal 6].
 */
#include "ftest.h"
#include <assert.h>
#include <fcntl.h>
#include <stdlib.h>

typedef void (*child_fn)(void);

static void run_child(const char *label, child_fn fn)
{
	int p[2], status;
	char buf[512];
	size_t got = 0;
	ssize_t n;

	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 2);
		close(p[1]);
		fn();
		_exit(0);
	}
	close(p[1]);
	while (got < sizeof buf - 1 && (n = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	printf("--- %s: %zu bytes on stderr:\n%s", label, got, buf);
	if (got && buf[got - 1] != '\n')
		printf("(no final newline)\n");
	print_wait_status(label, status);
}

static void c_perror(void)
{
	char *args[] = { "/dev/null", NULL }, *env[] = { NULL };
	char c;

	open("/nonexistent-faultline", O_RDONLY);
	perror("open");
	errno = 0;
	read(99, &c, 1);
	perror("read fd 99");
	execve("/dev/null", args, env);
	perror("execve /dev/null");
	wait(NULL);
	perror("wait");
	errno = EINVAL;
	perror(NULL);
	errno = ENOMEM;
	perror("");
}

static void c_unbuffered(void)
{
	fprintf(stderr, "partial line, no newline");
	fputs(" - then more\n", stderr);
	fputc('x', stderr);
	_exit(0);
}

static void c_assert(void)
{
	volatile int one = 1;
#line 1000 "stderr_messages.c"
	assert(one == 2);
}

static volatile int abrt_handled;
static void on_abrt(int sig) { (void)sig; abrt_handled++; write(2, "handler\n", 8); }

static void c_abort_handler(void)
{
	signal(SIGABRT, on_abrt);
	abort();
}

static void c_abort_ignored(void)
{
	signal(SIGABRT, SIG_IGN);
	abort();
}

static void c_abort_blocked(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGABRT);
	sigprocmask(SIG_BLOCK, &s, NULL);
	abort();
}

int main(void)
{
	static const int errs[] = { 0, EPERM, ENOENT, EINTR, EBADF, ECHILD, EAGAIN,
				    ENOMEM, EACCES, EFAULT, EEXIST, ENOTDIR, EINVAL,
				    EMFILE, ENOTTY, ESPIPE, EPIPE, ERANGE, ENOSYS,
				    EOPNOTSUPP, 4000 };
	static const int sigs[] = { SIGHUP, SIGINT, SIGILL, SIGABRT, SIGBUS, SIGFPE,
				    SIGKILL, SIGSEGV, SIGPIPE, SIGALRM, SIGTERM,
				    SIGCHLD, SIGSTOP };

	setvbuf(stdout, NULL, _IONBF, 0);
	for (unsigned i = 0; i < sizeof errs / sizeof errs[0]; i++)
		printf("strerror(%d) \"%s\"\n", errs[i], strerror(errs[i]));
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		printf("strsignal(%d) \"%s\"\n", sigs[i], strsignal(sigs[i]));

	run_child("perror", c_perror);
	run_child("unbuffered stderr", c_unbuffered);
	run_child("assert", c_assert);
	run_child("abort with a returning handler", c_abort_handler);
	run_child("abort with SIGABRT ignored", c_abort_ignored);
	run_child("abort with SIGABRT blocked", c_abort_blocked);

	printf("main: calling abort()\n");
	abort();
}
