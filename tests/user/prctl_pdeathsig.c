/*
 * prctl(PR_SET_PDEATHSIG): a child asks for a signal when its parent dies
 * (Linux kernel/sys.c prctl, kernel/exit.c forget_original_parent).
 *   - the value: 0 at first, 0..64 accepted, 65 and -1 EINVAL, a bad
 *     pointer for PR_GET_PDEATHSIG EFAULT; a fork child starts at 0;
 *   - the signal comes (SI_USER, from the dead parent's pid) when the
 *     parent process exits, and also when only the parent *thread* that
 *     forked the child exits while its process lives on (the child then
 *     stays with the same process: getppid does not change);
 *   - it survives a plain exec, and is forgotten when the ids change
 *     (setuid to nobody: commit_creds).
 * build: musl glibc
 */
#include "credutil.h"
#include <pthread.h>
#include <sys/prctl.h>
#include <stdlib.h>

static volatile sig_atomic_t got_sig, got_code, got_pid;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
}

static int get_pdeathsig(void)
{
	int v = -1;

	return prctl(PR_GET_PDEATHSIG, &v) ? -2 : v;
}

static void try_set(const char *what, unsigned long sig)
{
	errno = 0;
	int r = prctl(PR_SET_PDEATHSIG, sig);
	printf("set %s: %d %s, now %d\n", what, r, r ? errno_name(errno) : "", get_pdeathsig());
}

/* Wait (at most about 2 s) for SIGUSR1, which the handler records. */
static void wait_for_usr1(void)
{
	for (int i = 0; i < 200 && !got_sig; i++)
		usleep(10000);
}

static void install_handler(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };

	sigaction(SIGUSR1, &sa, NULL);
}

/* The grandchild: asks for SIGUSR1, tells the middle process it is ready,
 * then reports what arrived once the middle one is gone. */
static void grandchild(int ready_fd, pid_t parent, const char *label)
{
	install_handler();
	prctl(PR_SET_PDEATHSIG, SIGUSR1);
	if (write(ready_fd, "r", 1) != 1)
		_exit(3);
	wait_for_usr1();
	printf("%s: signal %s, si_code SI_USER %d, from the old parent %d, getppid unchanged %d\n", label,
	       got_sig == SIGUSR1 ? "SIGUSR1" : "none", got_code == SI_USER, got_pid == parent,
	       getppid() == parent);
	_exit(0);
}

/* Process case: the middle process exits once the grandchild is ready.
 * The grandchild holds the write end of @done until it exits, so reading
 * @done to its end waits for the orphan, whom init reaps. */
static void parent_process_exits(void)
{
	int ready[2], done[2], status;
	pid_t mid;
	char c;

	if (pipe(ready) || pipe(done))
		return;
	fflush(stdout);
	if ((mid = fork()) == 0) {
		pid_t me = getpid();

		close(done[0]);
		if (fork() == 0)
			grandchild(ready[1], me, "parent process exits");
		if (read(ready[0], &c, 1) != 1)
			_exit(4);
		_exit(0);
	}
	close(done[1]);
	close(ready[1]);
	waitpid(mid, &status, 0);
	while (read(done[0], &c, 1) > 0)
		;
	close(done[0]);
	close(ready[0]);
}

static int thread_pipe[2];

static void *forking_thread(void *arg)
{
	char c;

	(void)arg;
	fflush(stdout);
	if (fork() == 0)
		grandchild(thread_pipe[1], getppid(), "parent thread exits, process lives");
	if (read(thread_pipe[0], &c, 1) != 1)
		return NULL;
	return NULL;		/* this thread ends; the child's process parent lives on */
}

/* Thread case: a thread of the middle process forks, then that thread ends. */
static void parent_thread_exits(void)
{
	int status;
	pid_t mid;

	if (pipe(thread_pipe))
		return;
	fflush(stdout);
	if ((mid = fork()) == 0) {
		pthread_t t;

		pthread_create(&t, NULL, forking_thread, NULL);
		pthread_join(t, NULL);
		while (wait(&status) > 0)	/* the grandchild is still ours */
			;
		_exit(0);
	}
	waitpid(mid, &status, 0);
}

/* After an exec or a change of ids, what is left of the setting. */
static void kept_across(const char *what, int how, char *self)
{
	int status;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		char *argv[] = { self, "report", NULL };

		prctl(PR_SET_PDEATHSIG, SIGUSR1);
		if (how == 0) {
			execv(self, argv);
			_exit(5);
		}
		if (how == 1)
			become_nobody();
		else if (setuid(0))
			_exit(6);
		printf("%s: %d\n", what, get_pdeathsig());
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	if (argc > 1) {
		printf("after a plain exec: %d\n", get_pdeathsig());
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("initial: %d\n", get_pdeathsig());
	try_set("SIGUSR1", SIGUSR1);
	try_set("64", 64);
	try_set("65", 65);
	try_set("-1", (unsigned long)-1);
	errno = 0;
	int r = prctl(PR_GET_PDEATHSIG, (int *)8);
	printf("get to a bad pointer: %d %s\n", r, errno_name(errno));
	try_set("SIGUSR1 again", SIGUSR1);
	if ((pid = fork()) == 0) {
		printf("fork child starts with: %d\n", get_pdeathsig());
		_exit(0);
	}
	waitpid(pid, &status, 0);
	try_set("0", 0);

	parent_process_exits();
	parent_thread_exits();
	kept_across("after a plain exec", 0, argv[0]);
	kept_across("after setuid(nobody)", 1, argv[0]);
	kept_across("after setuid(0) as root (no change)", 2, argv[0]);
	return 0;
}
