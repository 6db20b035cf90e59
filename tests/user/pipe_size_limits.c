/*
 * pipe_size_limits - F_SETPIPE_SZ's limits (Linux fs/pipe.c pipe_set_size,
 * round_pipe_size): a size is rounded up to a power-of-two number of pages
 * (0 and 1 give one page); more than 2 GiB is EINVAL; growing a pipe past
 * /proc/sys/fs/pipe-max-size (1 MiB by default) needs CAP_SYS_RESOURCE, so
 * nobody gets EPERM there but may reach the limit itself, and may shrink a
 * pipe that root grew.  Root's own growth past the limit is not shown: it
 * depends on CAP_SYS_RESOURCE, which a container's root may lack.
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "credutil.h"
#include <fcntl.h>

static int p[2];

static void nobody_sizes(void)
{
	SHOWN("nobody: F_SETPIPE_SZ(pipe-max-size + 1)", fcntl(p[1], F_SETPIPE_SZ, (1 << 20) + 1));
	SHOWN("nobody: F_SETPIPE_SZ(2 MiB)", fcntl(p[1], F_SETPIPE_SZ, 2 << 20));
	SHOWN("nobody: F_SETPIPE_SZ(pipe-max-size)", fcntl(p[1], F_SETPIPE_SZ, 1 << 20));
	SHOWN("nobody: F_SETPIPE_SZ(8192)", fcntl(p[1], F_SETPIPE_SZ, 8192));
}

int main(void)
{
	char max[32] = "";
	FILE *f = fopen("/proc/sys/fs/pipe-max-size", "r");

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("pipe-max-size: %s", f && fgets(max, sizeof(max), f) ? max : "unreadable\n");
	if (pipe(p))
		return 1;
	SHOWN("F_GETPIPE_SZ of a new pipe", fcntl(p[0], F_GETPIPE_SZ));
	SHOWN("F_SETPIPE_SZ(0)", fcntl(p[0], F_SETPIPE_SZ, 0));
	SHOWN("F_SETPIPE_SZ(1)", fcntl(p[0], F_SETPIPE_SZ, 1));
	SHOWN("F_SETPIPE_SZ(4097)", fcntl(p[0], F_SETPIPE_SZ, 4097));
	SHOWN("F_SETPIPE_SZ(100000)", fcntl(p[0], F_SETPIPE_SZ, 100000));
	SHOWN("F_SETPIPE_SZ(2 GiB + 1)", fcntl(p[0], F_SETPIPE_SZ, (1UL << 31) + 1));
	SHOWN("F_SETPIPE_SZ(-1)", fcntl(p[0], F_SETPIPE_SZ, -1L));
	SHOWN("F_GETPIPE_SZ after the refusals", fcntl(p[0], F_GETPIPE_SZ));
	as_nobody("F_SETPIPE_SZ as nobody", nobody_sizes);
	SHOWN("F_GETPIPE_SZ after nobody", fcntl(p[0], F_GETPIPE_SZ));
	if (f)
		SHOWN("F_SETPIPE_SZ on a file that is no pipe", fcntl(fileno(f), F_SETPIPE_SZ, 4096));
	return 0;
}
