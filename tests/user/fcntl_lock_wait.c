/*
 * F_SETLKW waits (Linux fs/locks.c do_lock_file_wait, posix_locks_deadlock):
 *   a blocked F_SETLKW is granted when the holder unlocks the part in its
 *   way, even if the holder keeps other locks;
 *   two processes each waiting for the other's lock: the second request
 *   is EDEADLK (the first keeps waiting and is granted once the second
 *   lets go), and the holder's F_SETLKW over its own range is no deadlock;
 *   a signal ends the wait with EINTR without SA_RESTART; with SA_RESTART
 *   the wait goes on after the handler (Linux returns -ERESTARTSYS) and is
 *   granted when the holder unlocks;
 *   F_OFD_SETLKW waits for a POSIX lock the same way.
 * build: musl glibc
 */
#include "lockutil.h"

static int release_pipe[2];
static volatile int handled;

static void on_alarm(int sig)
{
	(void)sig;
	handled++;
	write(release_pipe[1], "x", 1);		/* the holder may let go now */
}

/* A child that sends @sig to this process once it sleeps (in the F_SETLKW it is about to make). */
static pid_t signal_when_asleep(int sig)
{
	pid_t me = getpid(), pid = fork();

	if (pid == 0) {
		wait_sleeping(me);
		kill(me, sig);
		_exit(0);
	}
	return pid;
}

static void on_signal(int flags)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = flags };

	sigaction(SIGALRM, &sa, NULL);
}

/* A child that holds F_WRLCK on [start, start+len) until a byte comes down release_pipe. */
static pid_t holder(off_t start, off_t len, int ready[2])
{
	pid_t pid = fork();
	char ch;

	if (pid == 0) {
		int fd = open("lockfile", O_RDWR);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

		fcntl(fd, F_SETLK, &fl);
		write(ready[1], "r", 1);
		read(release_pipe[0], &ch, 1);
		fl.l_type = F_UNLCK;
		fcntl(fd, F_SETLK, &fl);
		read(release_pipe[0], &ch, 1);	/* then wait to be told to exit */
		_exit(0);
	}
	read(ready[0], &ch, 1);
	return pid;
}

/* A child that lets the holder go once this process sleeps (in its F_SETLKW). */
static pid_t release_when_asleep(void)
{
	pid_t me = getpid(), pid = fork();

	if (pid == 0) {
		wait_sleeping(me);
		write(release_pipe[1], "x", 1);
		_exit(0);
	}
	return pid;
}

static void finish(pid_t pid)
{
	write(release_pipe[1], "e", 1);
	waitpid(pid, NULL, 0);
}

static void woken_by_unlock(int fd, int ready[2])
{
	pid_t pid = fork(), releaser;
	char ch;

	if (pid == 0) {
		int cfd = open("lockfile", O_RDWR);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };

		fcntl(cfd, F_SETLK, &fl);
		fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 20, .l_len = 5 };
		fcntl(cfd, F_SETLK, &fl);
		write(ready[1], "r", 1);
		read(release_pipe[0], &ch, 1);
		printf("child: unlocking [5,10), keeping [0,5) and [20,25)\n");
		fl = (struct flock){ .l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 5 };
		fcntl(cfd, F_SETLK, &fl);
		read(release_pipe[0], &ch, 1);
		_exit(0);
	}
	read(ready[0], &ch, 1);
	releaser = release_when_asleep();
	lk("F_SETLKW [6,8), blocked by the child's [0,10)", fd, F_SETLKW, F_WRLCK, SEEK_SET, 6, 2);
	lk("F_SETLK [0,5), still the child's", fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 5);
	waitpid(releaser, NULL, 0);
	finish(pid);
	lk("F_UNLCK all", fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
}

static void deadlock(int fd, int ready[2])
{
	pid_t pid;
	int go[2];
	char ch;

	pipe(go);
	lk("parent: F_SETLK [0,1)", fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	if ((pid = fork()) == 0) {
		int cfd = open("lockfile", O_RDWR);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1 };

		fcntl(cfd, F_SETLK, &fl);
		write(ready[1], "r", 1);
		fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
		int r1 = fcntl(cfd, F_SETLKW, &fl);
		fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1 };
		int r2 = fcntl(cfd, F_SETLKW, &fl);
		read(go[0], &ch, 1);		/* print after the parent */
		printf("child: F_SETLKW [0,1), the parent's: %d\n", r1);
		printf("child: F_SETLKW [1,2), its own: %d\n", r2);
		_exit(0);
	}
	read(ready[0], &ch, 1);
	wait_sleeping(pid);
	lk("parent: F_SETLKW [1,2), the child's", fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1);
	lk("parent: F_SETLK F_UNLCK [0,1)", fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);
	write(go[1], "g", 1);
	waitpid(pid, NULL, 0);
}

static void interrupted(int fd, int ready[2], int flags, int cmd, const char *what)
{
	pid_t pid = holder(0, 1, ready), sender;

	handled = 0;
	on_signal(flags);
	sender = signal_when_asleep(SIGALRM);
	lk(what, fd, cmd, F_WRLCK, SEEK_SET, 0, 1);
	printf("handler ran: %d\n", handled);
	waitpid(sender, NULL, 0);
	finish(pid);
	lk("F_UNLCK all", fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
	fcntl(fd, F_OFD_SETLK, &(struct flock){ .l_type = F_UNLCK, .l_whence = SEEK_SET });
}

int main(void)
{
	int fd, ready[2];

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(release_pipe);
	pipe(ready);
	fd = open("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0644);

	woken_by_unlock(fd, ready);
	deadlock(fd, ready);
	/* Without SA_RESTART: EINTR; the holder is released by the handler, afterwards. */
	interrupted(fd, ready, 0, F_SETLKW, "F_SETLKW, SIGALRM without SA_RESTART");
	interrupted(fd, ready, SA_RESTART, F_SETLKW, "F_SETLKW, SIGALRM with SA_RESTART");
	interrupted(fd, ready, SA_RESTART, F_OFD_SETLKW, "F_OFD_SETLKW, SIGALRM with SA_RESTART");
	unlink("lockfile");
	return 0;
}
