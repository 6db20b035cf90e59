/*
 * flock(2), whole-file locks that belong to the open file description
 * (Linux fs/locks.c):
 *   two open()s of one file conflict: EX against EX or SH (EWOULDBLOCK with
 *   LOCK_NB), SH with SH is fine;
 *   a dup'ed descriptor is the same description: no conflict with itself,
 *   and LOCK_UN through either releases it;
 *   converting SH to EX works when no one else holds it;
 *   a fork's child shares the parent's description (and its lock);
 *   a blocked LOCK_EX waits until the holder closes its description;
 *   a signal ends that wait with EINTR (no SA_RESTART);
 *   bad operations are EINVAL, a closed descriptor EBADF.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>

static void on_alarm(int sig) { (void)sig; }

static void try(const char *what, int fd, int op)
{
	errno = 0;
	int r = flock(fd, op);
	printf("%s: %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

int main(void)
{
	int a, b, c, p[2];
	char ch;

	setvbuf(stdout, NULL, _IONBF, 0);
	a = open("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0644);
	b = open("lockfile", O_RDWR);
	c = dup(a);

	try("a LOCK_EX", a, LOCK_EX | LOCK_NB);
	try("b LOCK_EX (other description)", b, LOCK_EX | LOCK_NB);
	try("b LOCK_SH (other description)", b, LOCK_SH | LOCK_NB);
	try("c LOCK_EX (dup of a)", c, LOCK_EX | LOCK_NB);
	try("c LOCK_UN (releases a's lock)", c, LOCK_UN);
	try("b LOCK_EX now", b, LOCK_EX | LOCK_NB);
	try("b LOCK_UN", b, LOCK_UN);

	try("a LOCK_SH", a, LOCK_SH | LOCK_NB);
	try("b LOCK_SH", b, LOCK_SH | LOCK_NB);
	try("a LOCK_EX while b shares", a, LOCK_EX | LOCK_NB);
	try("b LOCK_UN", b, LOCK_UN);
	try("a LOCK_SH -> LOCK_EX alone", a, LOCK_EX | LOCK_NB);

	pipe(p);
	if (fork() == 0) {
		try("child: a (inherited) LOCK_EX", a, LOCK_EX | LOCK_NB);
		try("child: b LOCK_EX", b, LOCK_EX | LOCK_NB);
		close(a);		/* the parent's close must be the description's last */
		close(c);
		write(p[1], "x", 1);
		try("child: b LOCK_EX, waiting", b, LOCK_EX);
		_exit(0);
	}
	read(p[0], &ch, 1);
	usleep(100000);
	printf("parent: closing a and c\n");
	close(a);
	close(c);
	wait(NULL);
	try("parent: b LOCK_EX after the child", b, LOCK_EX | LOCK_NB);

	int d = open("lockfile", O_RDWR);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	try("d LOCK_EX blocked, then SIGALRM", d, LOCK_EX);

	try("d op 0", d, 0);
	try("d LOCK_SH|LOCK_EX", d, LOCK_SH | LOCK_EX);
	close(d);
	try("closed fd", d, LOCK_EX);
	unlink("lockfile");
	return 0;
}
