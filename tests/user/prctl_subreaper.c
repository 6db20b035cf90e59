/*
 * prctl(PR_SET_CHILD_SUBREAPER): a process that marks itself a subreaper
 * adopts the orphans below it instead of init (Linux kernel/exit.c
 * find_new_reaper, reparent_leader).
 *   - the flag: 0 at first, any nonzero value reads back as 1; a fork
 *     child does not inherit it;
 *   - S (this test, a subreaper) -> A -> M -> C: when M exits, C is
 *     adopted by S, the nearest subreaper ancestor, not by A; S gets
 *     SIGCHLD when C exits and wait4 in S reaps C with its status;
 *   - a zombie orphan (C exited before M, unreaped) is handed to S, which
 *     is told (SIGCHLD) and can reap it;
 *   - with the flag cleared again, an orphan goes past S (to init).
 * build: musl glibc
 */
#include "ftest.h"
#include <sys/prctl.h>

static volatile sig_atomic_t sigchld_count;

static void on_chld(int sig)
{
	(void)sig;
	sigchld_count++;
}

static int get_flag(void)
{
	int v = -1;

	return prctl(PR_GET_CHILD_SUBREAPER, &v) ? -2 : v;
}

/*
 * A -> M -> C below us.  C waits until M is gone, says whether its parent
 * is now us (@me), then exits with 7 (or, @zombie, exits at once so that
 * M leaves it a zombie).  A waits for M only (and a while longer, for a
 * zombie, so that the two SIGCHLDs cannot merge into one).  C's pid comes back through
 * a pipe; another pipe, whose write end only the children hold, reads to
 * its end once C has exited, so C's report always comes first.
 */
static pid_t make_orphan(pid_t me, int zombie)
{
	int p[2], done[2], status;
	pid_t a, c = -1;
	char byte;
	ssize_t n;

	if (pipe(p) || pipe(done))
		return -1;
	fflush(stdout);
	if ((a = fork()) == 0) {
		pid_t m = fork();

		if (m == 0) {
			pid_t mpid = getpid(), cc = fork();

			if (cc == 0) {
				if (zombie)
					_exit(8);
				while (getppid() == mpid)
					usleep(1000);
				printf("  orphan's new parent is the subreaper: %s\n", getppid() == me ? "yes" : "no");
				fflush(stdout);
				usleep(50000);
				_exit(7);
			}
			if (write(p[1], &cc, sizeof(cc)) != sizeof(cc))
				_exit(1);
			if (zombie)
				usleep(100000);		/* C is a zombie by now, never reaped by M */
			_exit(0);
		}
		waitpid(m, &status, 0);
		if (zombie)
			usleep(100000);		/* our SIGCHLD apart from the zombie's */
		_exit(0);
	}
	close(done[1]);
	if (read(p[0], &c, sizeof(c)) != sizeof(c))
		c = -1;
	close(p[0]);
	close(p[1]);
	waitpid(a, &status, 0);
	while ((n = read(done[0], &byte, 1)) != 0)
		if (n < 0 && errno != EINTR)
			break;
	close(done[0]);
	return c;
}

static void reap_orphan(const char *what, pid_t c)
{
	int status = 0;
	pid_t r = waitpid(c, &status, 0);

	printf("  %s: waitpid(orphan) %s, exit %d\n", what, r == c ? "reaped it" : errno_name(errno),
	       r == c && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_chld };
	int status, r;
	pid_t pid, c;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("initial: %d\n", get_flag());
	r = prctl(PR_SET_CHILD_SUBREAPER, 5);
	printf("set 5: %d, reads %d\n", r, get_flag());
	if ((pid = fork()) == 0) {
		printf("fork child's flag: %d\n", get_flag());
		_exit(0);
	}
	waitpid(pid, &status, 0);
	sigaction(SIGCHLD, &sa, NULL);

	printf("orphan two levels down, running:\n");
	sigchld_count = 0;
	c = make_orphan(getpid(), 0);
	reap_orphan("subreaper", c);
	printf("  SIGCHLD from A and from the orphan: %d\n", sigchld_count >= 2);

	printf("orphan already a zombie:\n");
	sigchld_count = 0;
	c = make_orphan(getpid(), 1);
	reap_orphan("subreaper", c);
	printf("  SIGCHLD from A and for the zombie: %d\n", sigchld_count >= 2);

	r = prctl(PR_SET_CHILD_SUBREAPER, 0);
	printf("set 0: %d, reads %d\n", r, get_flag());
	printf("orphan without a subreaper:\n");
	c = make_orphan(getpid(), 0);
	errno = 0;
	r = waitpid(c, &status, 0);
	printf("  waitpid(orphan): %d %s\n", r, errno_name(errno));
	return 0;
}
