/*
 * user/pftrace.c - "pftrace PROG [ARGS...]": run PROG with its page faults
 * traced, the way strace runs a program with its system calls traced.
 *
 * It turns on its own flag (/proc/self/pftrace, see fs/proc/base.c), which
 * execve keeps and fork and clone copy, and then becomes PROG.  So PROG and
 * every process PROG starts are traced, and nothing else is.  Each fault
 * becomes one line on the trace channel: ttyS3, which `make run` sends to
 * build/pftrace.log (PFTRACE=FILE to choose) and `tools/qrun --pftrace FILE`
 * to FILE; a machine without ttyS3 gets the lines in the kernel log.
 *
 * PROG is looked up in PATH as a shell would (execvp); a bare name that is
 * not in PATH is then tried in the current directory (tools/qrun --pftrace
 * runs "pftrace prog" for a program at the root).  Exit status: PROG's,
 * or 127 if it cannot be run, 126 if it is not executable, 1 if tracing
 * cannot be turned on (a kernel without /proc/PID/pftrace: Linux).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: pftrace PROG [ARGS...]\n"
			"  runs PROG with its page faults (and its children's) traced;\n"
			"  the lines go to the trace channel (make run: build/pftrace.log)\n");
	return 2;
}

static int trace_self(void)
{
	int fd = open("/proc/self/pftrace", O_WRONLY);

	if (fd < 0 || write(fd, "1\n", 2) != 2) {
		fprintf(stderr, "pftrace: cannot turn tracing on: /proc/self/pftrace: %s\n", strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage();
	if (trace_self())
		return 1;
	execvp(argv[1], argv + 1);
	if (errno == ENOENT && !strchr(argv[1], '/'))
		execv(argv[1], argv + 1);
	fprintf(stderr, "pftrace: %s: %s\n", argv[1], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
