/*
 * signalfd_basic - signalfd4 (289), split from event_fds when eventfd,
 * timerfd and epoll came: SIGUSR1 blocked and read through a signalfd.
 *   signalfd for SIGUSR1 (blocked): nothing pending -> a non-blocking read
 *     EAGAIN; after raise(), read returns one 128-byte signalfd_siginfo
 *     with ssi_signo 10 and ssi_code SI_TKILL, and the signal is no longer
 *     pending.
 * And: bad flags and a sigset size other than 8 are EINVAL, as is a short
 * read buffer; fd argument that is not a signalfd is EINVAL; an existing
 * signalfd takes a new mask; sigqueue's value arrives in ssi_int with
 * ssi_pid our pid; two pending signals are read in one call when the
 * buffer holds two; a blocking read waits for a signal sent by a child;
 * poll says POLLIN only while one is pending.
 */
#include <poll.h>
#include "ftest.h"
#include <sys/signalfd.h>
#include <fcntl.h>

static const char *ename(int e) { return errno_name(e); }

#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); \
	if (_r < 0) printf("%s: -1 %s\n", label, ename(errno)); \
	else printf("%s: %ld\n", label, _r); } while (0)

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	{
		sigset_t m;
		sigemptyset(&m);
		sigaddset(&m, SIGUSR1);
		sigprocmask(SIG_BLOCK, &m, NULL);
		errno = 0;
		int sfd = signalfd(-1, &m, SFD_NONBLOCK);
		printf("signalfd: %s\n", sfd >= 0 ? "ok" : ename(errno));
		if (sfd >= 0) {
			struct signalfd_siginfo si;
			SHOW("  read with nothing pending", read(sfd, &si, sizeof si));
			raise(SIGUSR1);
			memset(&si, 0, sizeof si);
			SHOW("  read after raise", read(sfd, &si, sizeof si));
			printf("  ssi_signo %u ssi_code SI_TKILL %d\n", si.ssi_signo,
			       si.ssi_code == SI_TKILL);
			sigset_t pend;
			sigpending(&pend);
			printf("  still pending %d\n", sigismember(&pend, SIGUSR1));
			char small[64];
			SHOW("  read into 64 bytes", read(sfd, small, sizeof small));
			SHOW("  signalfd(-1, bad flags)", signalfd(-1, &m, 0x1234));
			SHOW("  signalfd4 with sigset size 4", syscall(SYS_signalfd4, -1, &m, 4, 0));
			SHOW("  signalfd(0 (not a signalfd), mask)", signalfd(0, &m, 0));
			sigaddset(&m, SIGUSR2);
			sigprocmask(SIG_BLOCK, &m, NULL);
			SHOW("  new mask on the same fd", signalfd(sfd, &m, 0) == sfd);
			union sigval v = { .sival_int = 4242 };
			sigqueue(getpid(), SIGUSR2, v);
			raise(SIGUSR1);
			struct pollfd p = { sfd, POLLIN, 0 };
			SHOW("  poll with two pending", poll(&p, 1, 0));
			struct signalfd_siginfo two[2];
			SHOW("  read of two", read(sfd, two, sizeof two));
			printf("  first %u, second %u code SI_QUEUE %d int %d pid ours %d\n", two[0].ssi_signo,
			       two[1].ssi_signo, two[1].ssi_code == SI_QUEUE, two[1].ssi_int,
			       two[1].ssi_pid == (unsigned)getpid());
			SHOW("  poll with none pending", poll(&p, 1, 0));
			int fl = fcntl(sfd, F_GETFL);
			fcntl(sfd, F_SETFL, fl & ~O_NONBLOCK);
			pid_t parent = getpid(), kid = fork();
			if (kid == 0) {
				usleep(30000);
				kill(parent, SIGUSR2);
				_exit(0);
			}
			SHOW("  blocking read, woken by a child's kill", read(sfd, &si, sizeof si));
			printf("  ssi_signo %u SI_USER %d\n", si.ssi_signo, si.ssi_code == SI_USER);
			waitpid(kid, NULL, 0);
			close(sfd);
		}
	}

	return 0;
}
