/*
 * signalfd_basic - signalfd4 (289), split from event_fds when eventfd,
 * timerfd and epoll came: SIGUSR1 blocked and read through a signalfd.
 *   signalfd for SIGUSR1 (blocked): nothing pending -> a non-blocking read
 *     EAGAIN; after raise(), read returns one 128-byte signalfd_siginfo
 *     with ssi_signo 10 and ssi_code SI_TKILL, and the signal is no longer
 *     pending.
 * Needs a way to dequeue a signal from outside kernel/signal.c.
 */
#include "ftest.h"
#include <sys/signalfd.h>

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
			close(sfd);
		}
	}

	return 0;
}
