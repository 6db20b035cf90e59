/*
 * Who owns a record lock, and when it goes (Linux fs/locks.c
 * locks_remove_posix, locks_remove_file; man 2 fcntl, "Open file
 * description locks"):
 *   a POSIX lock is the process's: closing ANY descriptor of the file (a
 *   second open(), a dup) drops all its locks on it, as does exit; a
 *   fork's child inherits none (its F_SETLK over them is EAGAIN);
 *   an OFD lock is the open file description's: a close of another
 *   descriptor keeps it, a fork's child shares it (no conflict through
 *   the inherited descriptor), another open() of the same file conflicts
 *   even in the same process, and it goes with the description's last
 *   close; F_GETLK reports it with l_pid -1;
 *   POSIX and OFD locks conflict with each other, even in one process;
 *   flock(2) and fcntl locks do not see each other;
 *   F_OFD_GETLK with F_UNLCK reports the description's own lock.
 * build: musl glibc
 */
#include "lockutil.h"
#include <sys/file.h>

static int child_setlk(const char *what, int fd, int cmd, int type)
{
	int status;

	if (fork() == 0) {
		lk(what, fd, cmd, type, SEEK_SET, 0, 10);
		_exit(0);
	}
	wait(&status);
	return status;
}

static void posix_lifetime(void)
{
	int a = open("lockfile", O_RDWR), b = open("lockfile", O_RDONLY), c;

	lk("F_SETLK F_WRLCK [0,10) through a", a, F_SETLK, F_WRLCK, SEEK_SET, 0, 10);
	child_setlk("child: F_SETLK F_WRLCK (not inherited)", a, F_SETLK, F_WRLCK);
	show_locks_from_child("locked", a);
	printf("close(b), another open() of the file\n");
	close(b);
	show_locks_from_child("after close(b)", a);

	lk("F_SETLK F_RDLCK [0,10) through a", a, F_SETLK, F_RDLCK, SEEK_SET, 0, 10);
	c = dup(a);
	printf("close(c), a dup of a\n");
	close(c);
	show_locks_from_child("after close(c)", a);

	lk("F_SETLK F_WRLCK [0,10) again", a, F_SETLK, F_WRLCK, SEEK_SET, 0, 10);
	b = open("lockfile", O_RDONLY);
	printf("dup2(a, b): b's old file closes\n");
	dup2(a, b);
	show_locks_from_child("after dup2", a);
	close(a);
	close(b);

	if (fork() == 0) {
		int d = open("lockfile", O_RDWR);

		lk("child: F_SETLK F_WRLCK [0,10), then exit", d, F_SETLK, F_WRLCK, SEEK_SET, 0, 10);
		_exit(0);
	}
	wait(NULL);
	a = open("lockfile", O_RDWR);
	show_locks(" after the child's exit", a, 0);
	close(a);
}

static void ofd_lifetime(void)
{
	int a = open("lockfile", O_RDWR), b = open("lockfile", O_RDWR), c;
	struct flock fl;

	lk("F_OFD_SETLK F_WRLCK [0,10) through a", a, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 10);
	lk("F_OFD_SETLK F_WRLCK through b (another description)", b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 5, 1);
	lk("F_SETLK F_RDLCK through b (POSIX against OFD)", b, F_SETLK, F_RDLCK, SEEK_SET, 5, 1);
	lk("F_OFD_SETLK F_RDLCK [0,5) through a (its own)", a, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0, 5);
	show_locks(" seen by the process itself", b, 0);
	child_setlk("child: F_OFD_SETLK through inherited a", a, F_OFD_SETLK, F_WRLCK);

	fl = (struct flock){ .l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 7, .l_len = 1 };
	printf("F_OFD_GETLK F_UNLCK [7,8) through a: %d", fcntl(a, F_OFD_GETLK, &fl));
	printf(" -> %s start %lld len %lld pid %d\n", lock_type_name(fl.l_type), (long long)fl.l_start,
	       (long long)fl.l_len, fl.l_pid);
	fl = (struct flock){ .l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 7, .l_len = 1 };
	printf("F_OFD_GETLK F_UNLCK [7,8) through b: %d", fcntl(b, F_OFD_GETLK, &fl));
	printf(" -> %s\n", lock_type_name(fl.l_type));
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	printf("F_OFD_GETLK F_WRLCK through b: %d", fcntl(b, F_OFD_GETLK, &fl));
	printf(" -> %s start %lld len %lld pid %d\n", lock_type_name(fl.l_type), (long long)fl.l_start,
	       (long long)fl.l_len, fl.l_pid);

	c = dup(a);
	printf("close(b), then close(a) (c, a dup of a, stays open)\n");
	close(b);
	close(a);
	show_locks_from_child("OFD locks while c is open", c);
	printf("close(c), the description's last\n");
	close(c);
	a = open("lockfile", O_RDWR);
	show_locks(" after the last close", a, 0);
	close(a);
}

static void flock_apart(void)
{
	int a = open("lockfile", O_RDWR), b = open("lockfile", O_RDWR);

	errno = 0;
	printf("flock LOCK_EX through a: %d\n", flock(a, LOCK_EX | LOCK_NB));
	lk("F_SETLK F_WRLCK through b", b, F_SETLK, F_WRLCK, SEEK_SET, 0, 0);
	lk("F_OFD_SETLK F_WRLCK through b (its POSIX lock is another owner)", b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 0);
	printf("flock LOCK_EX through b: %d %s\n", flock(b, LOCK_EX | LOCK_NB), errno_name(errno));
	close(a);
	close(b);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	close(open("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0644));
	posix_lifetime();
	ofd_lifetime();
	flock_apart();
	unlink("lockfile");
	return 0;
}
