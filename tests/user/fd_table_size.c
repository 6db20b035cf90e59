/*
 * fd_table_size - FDSize in /proc/self/status: the size of the descriptor
 * table (Linux fdt->max_fds).  A table starts with 64 slots
 * (NR_OPEN_DEFAULT = BITS_PER_LONG) and grows to the power of two that
 * holds the descriptor asked for (alloc_fdtable); it never shrinks while
 * the process lives.  fork copies only as much table as the open
 * descriptors need (dup_fd: sane_fdtable_size), so a child of a process
 * that closed its high descriptors is back at 64; exec keeps the table.
 * The harness may hand us descriptors anywhere, so everything runs in a
 * grandchild of a child that closed all but 0..2.
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>

static void fdsize(const char *tag)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY), n;

	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	p = strstr(buf, "FDSize:");
	printf("%-28s %d\n", tag, p ? atoi(p + strlen("FDSize:")) : -1);
	fflush(stdout);
}

static void in_child(void (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		fn();
		exit(0);
	}
	waitpid(pid, &status, 0);
}

static void low_only(void)
{
	fdsize("child, fds 0..2 open");
	dup2(1, 65);
	fdsize("child after dup2 to 65");
}

static void high_open(void)
{
	fdsize("child, fd 127 open");
}

static void grandchild(void)
{
	int p[2];

	fdsize("start");
	dup2(1, 63);
	fdsize("dup2 to 63");
	dup2(1, 64);
	fdsize("dup2 to 64");
	dup2(1, 127);
	fdsize("dup2 to 127");
	dup2(1, 128);
	fdsize("dup2 to 128");
	dup2(1, 700);
	fdsize("dup2 to 700");
	close(700);
	close(128);
	fdsize("700 and 128 closed");
	in_child(high_open);
	close(127);
	close(64);
	close(63);
	in_child(low_only);
	pipe(p);
	printf("F_DUPFD 300 gives %d\n", fcntl(p[0], F_DUPFD, 300));
	fdsize("after it");
}

static void child(void)
{
	struct rlimit r = { 1024, 1024 };

	setrlimit(RLIMIT_NOFILE, &r);
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	in_child(grandchild);
}

int main(void)
{
	in_child(child);
	return 0;
}
