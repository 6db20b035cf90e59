/*
 * More descriptors than the first table holds (Linux fs/file.c
 * expand_files: the table grows up to RLIMIT_NOFILE).  With the soft limit
 * raised to 3000:
 *   open /dev/null until it fails: the last fd is 2999, then EMFILE, and
 *     pipe() is EMFILE too;
 *   dup2 to 2999 works, to 3000 is EBADF; F_DUPFD from 2500 gives 2500 (or
 *     the next free), from 3000 is EINVAL;
 *   poll with 3001 entries is EINVAL, with 3000 it works;
 *   a fork's child writes through fd 2999 to the parent's pipe;
 *   exec keeps fd 2999 and closes the O_CLOEXEC fd 2990;
 *   /proc/self/fd lists every open descriptor (0-2, 2500, 2999).
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <poll.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define LIMIT 3000

static int count_proc_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n - 1;		/* the directory's own descriptor */
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	int fd, last = -1, opened = 0, p[2];

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1) {		/* after exec */
		printf("after exec: fd 2999 %s, fd 2990 (cloexec) %s\n", fcntl(2999, F_GETFD) >= 0 ? "open" : "closed",
		       fcntl(2990, F_GETFD) >= 0 ? "open" : "closed");
		return 0;
	}
	for (fd = 3; fd < 64; fd++)
		close(fd);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = LIMIT;
	printf("setrlimit NOFILE %d: %d\n", LIMIT, setrlimit(RLIMIT_NOFILE, &rl));
	while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		last = fd;
		opened++;
	}
	printf("opened until %s, last fd %d\n", errno_name(errno), last);
	errno = 0;
	printf("pipe when full: %s\n", pipe(p) == 0 ? "ok" : errno_name(errno));
	for (fd = 3; fd <= last; fd++)
		close(fd);

	errno = 0;
	printf("dup2(0, 2999): %d\n", dup2(0, 2999));
	errno = 0;
	int r = dup2(0, 3000);
	printf("dup2(0, 3000): %d %s\n", r, errno_name(errno));
	errno = 0;
	printf("F_DUPFD 2500: %d\n", fcntl(0, F_DUPFD, 2500));
	errno = 0;
	r = fcntl(0, F_DUPFD, 3000);
	printf("F_DUPFD 3000: %d %s\n", r, errno_name(errno));
	printf("/proc/self/fd entries: %d\n", count_proc_fds());

	static struct pollfd pf[LIMIT + 1];
	for (int i = 0; i <= LIMIT; i++)
		pf[i] = (struct pollfd){ -1, POLLIN, 0 };
	pf[0].fd = 2999;
	errno = 0;
	r = poll(pf, LIMIT + 1, 0);
	printf("poll 3001 entries: %d %s\n", r, errno_name(errno));
	printf("poll 3000 entries: %d\n", poll(pf, LIMIT, 0));

	pipe(p);
	dup2(p[1], 2999);
	close(p[1]);
	if (fork() == 0) {
		write(2999, "via 2999", 8);
		_exit(0);
	}
	close(2999);
	char buf[16] = "";
	read(p[0], buf, 8);
	wait(NULL);
	printf("child wrote: %.8s\n", buf);

	dup2(0, 2999);
	dup3(0, 2990, O_CLOEXEC);
	execl("/proc/self/exe", argv[0], "after", (char *)NULL);
	printf("exec failed\n");
	return 1;
}
