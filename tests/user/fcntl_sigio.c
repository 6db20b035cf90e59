/*
 * O_ASYNC on a pipe and the owner commands (Linux fs/fcntl.c f_setown,
 * f_getown_ex, send_sigio; fs/pipe.c kill_fasync):
 *   a new file has no owner (F_GETOWN 0, F_GETOWN_EX type 0 pid 0) and
 *   F_GETSIG 0;
 *   with O_ASYNC on the read end and the process as owner, a write sends
 *   SIGIO (si_code SI_KERNEL); after F_SETSIG SIGUSR1 the signal is
 *   SIGUSR1 with si_code POLL_IN, si_band POLLIN|POLLRDNORM and
 *   si_fd the descriptor that set O_ASYNC;
 *   O_ASYNC on the write end: a read sends POLL_OUT with
 *   POLLOUT|POLLWRNORM|POLLWRBAND;
 *   O_ASYNC cleared: nothing;
 *   F_SETOWN -pgrp reads back negated, F_GETOWN_EX says F_OWNER_PGRP, and
 *   the group gets the signal; F_SETOWN_EX F_OWNER_TID the thread;
 *   errors: F_SETOWN_EX type 5 EINVAL, an owner that does not exist
 *   ESRCH, F_SETSIG 65 EINVAL, a bad F_GETOWN_EX pointer EFAULT.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <poll.h>
#include <time.h>

static sigset_t set;

static const char *sigio_code(int code)
{
	return code == SI_KERNEL ? "SI_KERNEL" : code == POLL_IN ? "POLL_IN" : code == POLL_OUT ? "POLL_OUT" : "?";
}

/* The signal now pending, if any: name, si_code, si_band, si_fd as given. */
static void pending(const char *what, int rfd, int wfd)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	int sig = sigtimedwait(&set, &si, &zero);

	printf("%s: ", what);
	if (sig < 0) {
		printf("no signal (%s)\n", errno_name(errno));
		return;
	}
	printf("%s %s", sig == SIGIO ? "SIGIO" : sig == SIGUSR1 ? "SIGUSR1" : sig == SIGUSR2 ? "SIGUSR2" : "?",
	       sigio_code(si.si_code));
	if (si.si_code != SI_KERNEL)
		printf(" band %#lx fd %s", (long)si.si_band,
		       si.si_fd == rfd ? "read end" : si.si_fd == wfd ? "write end" : "other");
	printf("\n");
}

static void call(const char *what, int fd, int cmd, long arg)
{
	errno = 0;
	long r = fcntl(fd, cmd, arg);
	printf("%s: %s\n", what, r < 0 ? errno_name(errno) : "ok");
}

int main(void)
{
	int p[2];
	char c;
	struct f_owner_ex ex;
	pid_t me = getpid(), gone;

	setvbuf(stdout, NULL, _IONBF, 0);
	setpgid(0, 0);		/* a group of its own: the group owner's signal must reach no one else */
	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pipe(p);

	fcntl(p[0], F_GETOWN_EX, &ex);
	printf("new: F_GETOWN %d, F_GETOWN_EX type %d pid %d, F_GETSIG %d\n", fcntl(p[0], F_GETOWN), ex.type, ex.pid,
	       fcntl(p[0], F_GETSIG));

	call("F_SETOWN getpid()", p[0], F_SETOWN, me);
	printf("F_GETOWN is getpid(): %s\n", fcntl(p[0], F_GETOWN) == me ? "yes" : "no");
	write(p[1], "a", 1);
	pending("write, O_ASYNC not set", p[0], p[1]);
	read(p[0], &c, 1);
	call("F_SETFL O_ASYNC on the read end", p[0], F_SETFL, O_ASYNC);
	printf("F_GETFL has O_ASYNC: %s\n", fcntl(p[0], F_GETFL) & O_ASYNC ? "yes" : "no");
	write(p[1], "a", 1);
	pending("write", p[0], p[1]);
	call("F_SETSIG SIGUSR1", p[0], F_SETSIG, SIGUSR1);
	printf("F_GETSIG is SIGUSR1: %s\n", fcntl(p[0], F_GETSIG) == SIGUSR1 ? "yes" : "no");
	write(p[1], "b", 1);
	pending("write", p[0], p[1]);
	read(p[0], &c, 1);
	read(p[0], &c, 1);
	pending("read (the read end is not a writer)", p[0], p[1]);

	call("F_SETOWN on the write end", p[1], F_SETOWN, me);
	call("F_SETSIG SIGUSR2 on the write end", p[1], F_SETSIG, SIGUSR2);
	call("F_SETFL O_ASYNC on the write end", p[1], F_SETFL, O_ASYNC | O_WRONLY);
	write(p[1], "c", 1);
	pending("write (SIGUSR1 to the reader's owner)", p[0], p[1]);
	read(p[0], &c, 1);
	pending("read", p[0], p[1]);
	call("F_SETFL without O_ASYNC on the write end", p[1], F_SETFL, 0);
	call("F_SETFL without O_ASYNC on the read end", p[0], F_SETFL, 0);
	write(p[1], "d", 1);
	read(p[0], &c, 1);
	pending("write and read, O_ASYNC off", p[0], p[1]);

	call("F_SETFL O_ASYNC on the read end", p[0], F_SETFL, O_ASYNC);
	call("F_SETOWN -getpgrp()", p[0], F_SETOWN, -getpgrp());
	fcntl(p[0], F_GETOWN_EX, &ex);
	printf("F_GETOWN is -getpgrp(): %s, F_GETOWN_EX type %s pid is the group: %s\n",
	       fcntl(p[0], F_GETOWN) == -getpgrp() ? "yes" : "no", ex.type == F_OWNER_PGRP ? "F_OWNER_PGRP" : "?",
	       ex.pid == getpgrp() ? "yes" : "no");
	write(p[1], "e", 1);
	read(p[0], &c, 1);
	pending("write, owner the process group", p[0], p[1]);

	ex = (struct f_owner_ex){ .type = F_OWNER_TID, .pid = gettid() };
	call("F_SETOWN_EX F_OWNER_TID gettid()", p[0], F_SETOWN_EX, (long)&ex);
	fcntl(p[0], F_GETOWN_EX, &ex);
	printf("F_GETOWN_EX type %s pid is the thread: %s\n", ex.type == F_OWNER_TID ? "F_OWNER_TID" : "?",
	       ex.pid == gettid() ? "yes" : "no");
	write(p[1], "f", 1);
	read(p[0], &c, 1);
	pending("write, owner the thread", p[0], p[1]);

	ex = (struct f_owner_ex){ .type = 5, .pid = me };
	call("F_SETOWN_EX type 5", p[0], F_SETOWN_EX, (long)&ex);
	if ((gone = fork()) == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	call("F_SETOWN a reaped child", p[0], F_SETOWN, gone);
	ex = (struct f_owner_ex){ .type = F_OWNER_PID, .pid = gone };
	call("F_SETOWN_EX a reaped child", p[0], F_SETOWN_EX, (long)&ex);
	call("F_SETSIG 65", p[0], F_SETSIG, 65);
	call("F_GETOWN_EX bad pointer", p[0], F_GETOWN_EX, 16);
	call("F_SETOWN 0 (nobody)", p[0], F_SETOWN, 0);
	write(p[1], "g", 1);
	pending("write, no owner", p[0], p[1]);
	return 0;
}
