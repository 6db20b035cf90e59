/*
 * RLIMIT_FSIZE: a write that would cross the limit is cut short at it; a
 * write at or past it, and a truncate that would grow the file past it,
 * fail with EFBIG and send SIGXFSZ to the caller (SI_USER, its own pid).
 * Shrinking, and growing up to the limit, are allowed.  With SIGXFSZ at
 * its default action the writer dies of it.  (Linux:
 * generic_write_check_limits, inode_newsize_ok.)
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define LIMIT 10000
#define FILE_NAME "fsize.tmp"

static volatile int xfsz, xfsz_code, xfsz_self;

static void on_xfsz(int sig, siginfo_t *si, void *ctx)
{
	xfsz++;
	xfsz_code = si->si_code;
	xfsz_self = si->si_pid == getpid();
}

static void show(const char *what, long r)
{
	printf("%-28s %ld %s, SIGXFSZ %d\n", what, r, r < 0 ? errno_name(errno) : "", xfsz);
}

int main(void)
{
	static char buf[12000];
	struct rlimit rl = { LIMIT, RLIM_INFINITY };
	struct sigaction sa = { 0 };
	struct stat st;
	int fd, status;

	setvbuf(stdout, NULL, _IONBF, 0);
	sa.sa_sigaction = on_xfsz;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGXFSZ, &sa, NULL);
	memset(buf, 'x', sizeof buf);
	unlink(FILE_NAME);
	fd = open(FILE_NAME, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0 || setrlimit(RLIMIT_FSIZE, &rl)) {
		printf("setup failed: %s\n", errno_name(errno));
		return 1;
	}
	show("write 12000 from 0:", write(fd, buf, sizeof buf));
	show("write 1 at the limit:", write(fd, buf, 1));
	printf("si_code SI_USER %d, from itself %d\n", xfsz_code == SI_USER, xfsz_self);
	show("pwrite 10 at 9995:", pwrite(fd, buf, 10, 9995));
	show("pwrite 0 at 20000:", pwrite(fd, buf, 0, 20000));
	show("ftruncate to 20000:", ftruncate(fd, 20000));
	show("ftruncate to 10000:", ftruncate(fd, 10000));
	show("ftruncate to 5000:", ftruncate(fd, 5000));
	show("truncate to 10001:", truncate(FILE_NAME, 10001));
	show("truncate to 7000:", truncate(FILE_NAME, 7000));
	fstat(fd, &st);
	printf("size %ld\n", (long)st.st_size);

	signal(SIGXFSZ, SIG_DFL);
	if (fork() == 0) {
		lseek(fd, LIMIT, SEEK_SET);
		write(fd, buf, 1);
		_exit(0);
	}
	wait(&status);
	printf("default action: signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
	close(fd);
	unlink(FILE_NAME);
	return 0;
}
