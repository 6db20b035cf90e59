/*
 * orphaned_pgrp - POSIX's orphaned process groups (Linux kernel/exit.c
 * kill_orphaned_pgrp): when a process group loses its last member whose
 * parent is in another group of the same session, and a member of it is
 * stopped, every member gets SIGHUP and then SIGCONT, so it is not left
 * stopped for ever.  If nobody in it is stopped, nothing is sent.
 *   G: a new session (setsid); it forks P; P forks C, which moves into its
 *   own group and (in the first round) stops itself; P exits.  C's only
 *   link to another group of the session was P, so its group is orphaned.
 * C reports through a pipe which of its handlers ran.
 * build: musl glibc
 */
#include "ftest.h"
#include <stdlib.h>

static int report_fd;

static void on_sig(int sig)
{
	char c = sig == SIGHUP ? 'H' : 'C';
	write(report_fd, &c, 1);
}

/* C: its own group; stopped or just waiting; tells what it got, then exits. */
static void child(int stop)
{
	setpgid(0, 0);
	signal(SIGHUP, on_sig);
	signal(SIGCONT, on_sig);
	if (stop)
		raise(SIGSTOP);
	else
		usleep(300000);
	write(report_fd, "X", 1);
	_exit(0);
}

static void round_(int stop)
{
	int fds[2], hup = 0, cont = 0, done = 0;
	char c;
	pid_t g;

	pipe(fds);
	if ((g = fork()) == 0) {
		pid_t p, kid;
		close(fds[0]);
		setsid();
		if ((p = fork()) == 0) {
			report_fd = fds[1];
			if ((kid = fork()) == 0)
				child(stop);
			if (stop)
				waitpid(kid, NULL, WUNTRACED);	/* C is stopped */
			else
				usleep(50000);
			_exit(0);			/* C's group is orphaned now */
		}
		waitpid(p, NULL, 0);
		_exit(0);
	}
	close(fds[1]);
	while (read(fds[0], &c, 1) == 1) {
		hup += c == 'H';
		cont += c == 'C';
		done += c == 'X';
	}
	waitpid(g, NULL, 0);
	printf("%s member: SIGHUP %d, SIGCONT handler %d, went on %d\n", stop ? "stopped" : "running", hup, cont, done);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	round_(1);
	round_(0);
	return 0;
}
