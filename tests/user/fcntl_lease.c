/*
 * Leases, fcntl F_SETLEASE / F_GETLEASE (Linux fs/locks.c fcntl_setlease,
 * check_conflicting_open, break_lease):
 *   a read lease needs nobody to have the file open for writing (the
 *   caller's own O_RDWR descriptor counts): else EAGAIN;
 *   a write lease needs the caller's open to be the only one: else EAGAIN;
 *   F_GETLEASE reports the description's lease, F_UNLCK if none; F_UNLCK
 *   without a lease is EAGAIN; a bad type EINVAL, a directory EINVAL, a
 *   file someone else owns EACCES (without CAP_LEASE);
 *   an O_NONBLOCK open that would break a lease is EWOULDBLOCK (EAGAIN):
 *   any open against a write lease, an open for writing against a read
 *   lease; an open for reading beside a read lease is fine;
 *   the lease goes with the description's last close.
 * Not tried, as faultline differs (docs/differences.md): Linux sends the
 * holder SIGIO when an open breaks its lease (ignored here), and a
 * blocking open waits for the holder; faultline breaks the lease at once.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>

static void setlease(const char *what, int fd, int type)
{
	errno = 0;
	int r = fcntl(fd, F_SETLEASE, type);
	printf("%s: %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

static void getlease(const char *what, int fd)
{
	int r = fcntl(fd, F_GETLEASE);

	printf("%s: %s\n", what, r == F_RDLCK ? "F_RDLCK" : r == F_WRLCK ? "F_WRLCK" : r == F_UNLCK ? "F_UNLCK" : "?");
}

static void try_open(const char *what, int flags)
{
	errno = 0;
	int fd = open("leasefile", flags | O_NONBLOCK);
	printf("%s: %s\n", what, fd >= 0 ? "opened" : errno_name(errno));
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	int ro, rw, other;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGIO, SIG_IGN);		/* Linux tells a lease's holder of a break with SIGIO */
	close(open("leasefile", O_RDWR | O_CREAT | O_TRUNC, 0644));

	ro = open("leasefile", O_RDONLY);
	setlease("F_RDLCK on O_RDONLY", ro, F_RDLCK);
	getlease("F_GETLEASE", ro);
	try_open("open O_RDONLY beside the read lease", O_RDONLY);
	setlease("F_WRLCK on O_RDONLY, the only open", ro, F_WRLCK);
	getlease("F_GETLEASE", ro);
	setlease("F_UNLCK", ro, F_UNLCK);
	getlease("F_GETLEASE", ro);
	setlease("F_UNLCK again", ro, F_UNLCK);
	setlease("type 5", ro, 5);

	rw = open("leasefile", O_RDWR);
	setlease("F_RDLCK while an O_RDWR is open", ro, F_RDLCK);
	setlease("F_RDLCK on that O_RDWR itself", rw, F_RDLCK);
	setlease("F_WRLCK on O_RDWR beside an O_RDONLY", rw, F_WRLCK);
	close(ro);
	setlease("F_WRLCK on O_RDWR, the only open", rw, F_WRLCK);
	getlease("F_GETLEASE", rw);
	try_open("open O_RDONLY against the write lease", O_RDONLY);
	close(rw);
	other = open("leasefile", O_RDWR | O_NONBLOCK);
	printf("open after the holder's close: %s\n", other >= 0 ? "opened" : errno_name(errno));
	getlease("F_GETLEASE of the new description", other);
	close(other);

	ro = open("leasefile", O_RDONLY);
	setlease("F_RDLCK again", ro, F_RDLCK);
	try_open("open O_WRONLY against the read lease", O_WRONLY);
	close(ro);

	int dir = open(".", O_RDONLY);
	setlease("F_RDLCK on a directory", dir, F_RDLCK);
	close(dir);
	if (fork() == 0) {
		if (setgid(65534) || setuid(65534))
			printf("could not become nobody\n");
		ro = open("leasefile", O_RDONLY);
		setlease("nobody: F_RDLCK on root's file", ro, F_RDLCK);
		_exit(0);
	}
	wait(NULL);
	unlink("leasefile");
	return 0;
}
