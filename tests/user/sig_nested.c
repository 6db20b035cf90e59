/*
 * Nested and repeated signal delivery (docs/linux-abi.md §6 "sigaction": while a
 * handler runs, blocked = old | sa_mask | sig, SA_NODEFER leaves sig out;
 * the mask comes back from uc_sigmask on rt_sigreturn; §4: standard
 * signals do not queue).  Handlers only append a letter to a log; main
 * prints the logs:
 *   SIGUSR1's handler raises SIGUSR2: USR2's handler runs inside it
 *     ("1< 2 1>"); with SIGUSR2 in USR1's sa_mask it runs after USR1's
 *     handler returns ("1< 1> 2");
 *   the mask seen inside a handler is old | sa_mask | sig: with sa_mask
 *     {SIGINT, SIGTERM} and SIGHUP blocked by main: HUP INT TERM USR1 are
 *     blocked inside, USR2 not; after the handler only HUP is blocked again;
 *     uc_sigmask in the frame is main's mask (just HUP);
 *   SA_NODEFER: a handler that raises its own signal until depth 8 nests 8
 *     deep; without SA_NODEFER the same handler runs 8 times one after the
 *     other (max depth 1);
 *   raise() 1000 times: 1000 deliveries; kill(getpid()) 1000 times: 1000;
 *   with USR1 blocked, raised 5 times, then unblocked: 1 delivery;
 *   four different signals (INT, USR1, USR2, TERM) pending together and
 *     unblocked by one sigprocmask: all four run before sigprocmask
 *     returns; the log shows the order Linux runs them in;
 *   the same with each handler's sa_mask blocking all four.
 */
#include "ftest.h"

static char logbuf[256];
static volatile int logpos;
static volatile int depth, max_depth, runs;
static volatile int self_raise_limit;
static sigset_t inside_mask, frame_mask;

static void logs(const char *s)
{
	while (*s && logpos < (int)sizeof logbuf - 1)
		logbuf[logpos++] = *s++;
	logbuf[logpos] = 0;
}

static void show(const char *label)
{
	printf("%s: %s\n", label, logbuf);
	logpos = 0;
	logbuf[0] = 0;
}

static void on_nest(int sig)
{
	if (sig == SIGUSR1) {
		logs("1< ");
		raise(SIGUSR2);
		logs("1> ");
	} else {
		logs("2 ");
	}
}

static void on_mask(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig; (void)si;
	sigprocmask(SIG_BLOCK, NULL, &inside_mask);
	frame_mask = uc->uc_sigmask;
}

static void on_self(int sig)
{
	runs++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (runs < self_raise_limit)
		raise(sig);
	depth--;
}

static volatile int count;
static void on_count(int sig) { (void)sig; count++; }

static void on_letter(int sig)
{
	switch (sig) {
	case SIGINT: logs("INT "); break;
	case SIGUSR1: logs("USR1 "); break;
	case SIGUSR2: logs("USR2 "); break;
	case SIGTERM: logs("TERM "); break;
	}
}

static void set(int sig, void (*h)(int), int flags, const sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sa.sa_flags = flags;
	if (mask)
		sa.sa_mask = *mask;
	sigaction(sig, &sa, NULL);
}

static void print_set(const char *label, const sigset_t *s)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGTERM };

	printf("%s:", label);
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigismember(s, sigs[i]))
			printf(" %s", sig_name(sigs[i]));
	printf("\n");
}

int main(void)
{
	sigset_t m, cur, four;

	setvbuf(stdout, NULL, _IONBF, 0);

	set(SIGUSR1, on_nest, 0, NULL);
	set(SIGUSR2, on_nest, 0, NULL);
	raise(SIGUSR1);
	show("USR2 raised inside USR1");
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	set(SIGUSR1, on_nest, 0, &m);
	raise(SIGUSR1);
	show("USR2 in USR1's sa_mask");

	{
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_mask;
		sa.sa_flags = SA_SIGINFO;
		sigaddset(&sa.sa_mask, SIGINT);
		sigaddset(&sa.sa_mask, SIGTERM);
		sigaction(SIGUSR1, &sa, NULL);
		sigemptyset(&m);
		sigaddset(&m, SIGHUP);
		sigprocmask(SIG_SETMASK, &m, NULL);
		raise(SIGUSR1);
		print_set("blocked inside handler", &inside_mask);
		print_set("uc_sigmask in frame", &frame_mask);
		sigprocmask(SIG_BLOCK, NULL, &cur);
		print_set("blocked after handler", &cur);
		sigemptyset(&m);
		sigprocmask(SIG_SETMASK, &m, NULL);
	}

	self_raise_limit = 8;
	runs = depth = max_depth = 0;
	set(SIGUSR1, on_self, SA_NODEFER, NULL);
	raise(SIGUSR1);
	printf("SA_NODEFER self-raise: runs %d max depth %d\n", runs, max_depth);
	runs = depth = max_depth = 0;
	set(SIGUSR1, on_self, 0, NULL);
	raise(SIGUSR1);
	printf("deferred self-raise: runs %d max depth %d\n", runs, max_depth);

	set(SIGUSR1, on_count, 0, NULL);
	count = 0;
	for (int i = 0; i < 1000; i++)
		raise(SIGUSR1);
	printf("raise x1000: %d deliveries\n", count);
	count = 0;
	for (int i = 0; i < 1000; i++)
		kill(getpid(), SIGUSR1);
	printf("kill x1000: %d deliveries\n", count);
	count = 0;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	for (int i = 0; i < 5; i++)
		raise(SIGUSR1);
	printf("blocked x5: %d deliveries so far\n", count);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	printf("blocked x5 then unblocked: %d deliveries\n", count);

	sigemptyset(&four);
	sigaddset(&four, SIGINT);
	sigaddset(&four, SIGUSR1);
	sigaddset(&four, SIGUSR2);
	sigaddset(&four, SIGTERM);
	for (int pass = 0; pass < 2; pass++) {
		const sigset_t *hm = pass ? &four : NULL;

		set(SIGINT, on_letter, 0, hm);
		set(SIGUSR1, on_letter, 0, hm);
		set(SIGUSR2, on_letter, 0, hm);
		set(SIGTERM, on_letter, 0, hm);
		sigprocmask(SIG_BLOCK, &four, NULL);
		raise(SIGTERM);
		raise(SIGUSR2);
		raise(SIGINT);
		raise(SIGUSR1);
		logs("unblock: ");
		sigprocmask(SIG_UNBLOCK, &four, NULL);
		logs("returned");
		show(pass ? "four pending, each masking all" : "four pending, plain handlers");
	}
	return 0;
}
