/*
 * Queued signals and synchronous waiting (docs/linux-abi.md §4, §5):
 *   sigqueue(self, SIGUSR1, 1234) -> the SA_SIGINFO handler sees si_code
 *   SI_QUEUE, si_value.sival_int 1234, si_pid = self;
 *   with SIGUSR2 blocked and sent by kill(): sigtimedwait({USR2}) returns
 *   SIGUSR2 at once with si_code SI_USER, and it is no longer pending;
 *   sigtimedwait with nothing pending and a 50 ms timeout -> -1 EAGAIN;
 *   a child sends SIGUSR2 with sigqueue(parent, 77) after 100 ms:
 *   sigwaitinfo returns it with SI_QUEUE, value 77, si_pid = the child;
 *   sigtimedwait on a signal set including SIGKILL is fine (KILL ignored);
 *   real-time signals queue: SIGRTMIN sent 3 times while blocked is
 *   received 3 times, SIGUSR2 sent 3 times only once.
 *   RLIMIT_SIGPENDING 0 (LTP tgkill02): sigqueue and tgkill of SIGRTMIN
 *   fail with EAGAIN; kill() still sends it, once, with si_code SI_USER.
 */
#include "ftest.h"
#include <time.h>
#include <sys/resource.h>

static volatile int ran, code, val, from_self;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ran++;
	code = si->si_code;
	val = si->si_value.sival_int;
	from_self = si->si_pid == getpid();
}

static int drain(int sig)
{
	struct timespec zero = { 0, 0 };
	sigset_t s;
	int n = 0;

	sigemptyset(&s);
	sigaddset(&s, sig);
	while (sigtimedwait(&s, NULL, &zero) == sig)
		n++;
	return n;
}

/* With RLIMIT_SIGPENDING 0 no real-time signal can be queued. */
static void sigpending_limit_zero(void)
{
	struct rlimit zero;
	union sigval v = { .sival_int = 5 };
	struct timespec t0 = { 0, 0 };
	sigset_t rt;
	siginfo_t si;

	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	getrlimit(RLIMIT_SIGPENDING, &zero);
	zero.rlim_cur = 0;		/* the hard limit stays: lowering needs no privilege */
	printf("setrlimit SIGPENDING 0: %d\n", setrlimit(RLIMIT_SIGPENDING, &zero));
	int r = sigqueue(getpid(), SIGRTMIN, v);
	printf("RLIMIT_SIGPENDING 0: sigqueue SIGRTMIN: %d %s\n", r, errno_name(r < 0 ? errno : 0));
	r = syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGRTMIN);
	printf("RLIMIT_SIGPENDING 0: tgkill SIGRTMIN: %d %s\n", r, errno_name(r < 0 ? errno : 0));
	r = kill(getpid(), SIGRTMIN);
	printf("RLIMIT_SIGPENDING 0: kill SIGRTMIN: %d %s\n", r, errno_name(r < 0 ? errno : 0));
	kill(getpid(), SIGRTMIN);
	memset(&si, 0, sizeof si);
	r = sigtimedwait(&rt, &si, &t0);
	printf("  taken: %d, si_code SI_USER %d; again: %d\n", r == SIGRTMIN, si.si_code == SI_USER,
	       sigtimedwait(&rt, &si, &t0) == SIGRTMIN);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	struct timespec t50 = { 0, 50000000L };
	sigset_t usr2, pend;
	siginfo_t si;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGUSR1, &sa, NULL);
	printf("sigqueue: %d\n", sigqueue(getpid(), SIGUSR1,
					  (union sigval){ .sival_int = 1234 }));
	printf("handler: ran %d si_code %s value %d si_pid_is_self %d\n", ran,
	       code_name(SIGUSR1, code), val, from_self);

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	kill(getpid(), SIGUSR2);
	int r = sigtimedwait(&usr2, &si, &t50);
	sigpending(&pend);
	printf("sigtimedwait pending USR2: %s si_code %s still pending %d\n",
	       sig_name(r), code_name(SIGUSR2, si.si_code),
	       sigismember(&pend, SIGUSR2));
	errno = 0;
	r = sigtimedwait(&usr2, &si, &t50);
	printf("sigtimedwait nothing pending: %d %s\n", r, errno_name(errno));

	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec t100 = { 0, 100000000L };
		nanosleep(&t100, NULL);
		sigqueue(parent, SIGUSR2, (union sigval){ .sival_int = 77 });
		_exit(0);
	}
	memset(&si, 0, sizeof si);
	r = sigwaitinfo(&usr2, &si);
	printf("sigwaitinfo: %s si_code %s value %d si_pid_is_child %d\n",
	       sig_name(r), code_name(SIGUSR2, si.si_code), si.si_value.sival_int,
	       si.si_pid == pid);
	waitpid(pid, NULL, 0);

	sigset_t withkill = usr2;
	sigaddset(&withkill, SIGKILL);
	kill(getpid(), SIGUSR2);
	r = sigtimedwait(&withkill, &si, &t50);
	printf("sigtimedwait with SIGKILL in the set: %s\n", sig_name(r));

	sigset_t rt;
	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &rt, NULL);
	for (int i = 0; i < 3; i++) {
		kill(getpid(), SIGRTMIN);
		kill(getpid(), SIGUSR2);
	}
	int nrt = drain(SIGRTMIN);
	printf("SIGRTMIN sent 3 times: received %d\n", nrt);
	printf("SIGUSR2 sent 3 times: received %d\n", drain(SIGUSR2));
	sigpending_limit_zero();
	return 0;
}
