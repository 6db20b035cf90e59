/*
 * Linux calls that ordinary libc functions make and that no other test
 * covers (docs/linux-abi.md §2 table: 318 getrandom; §3 errno values; §11
 * process facts).  Only lengths, booleans and errno names are printed:
 *   getrandom(16, 0) and getrandom(16, GRND_NONBLOCK) fill 16 bytes (two
 *     calls differ); getrandom with flag 0x100 -> EINVAL; getentropy(32)
 *     -> 0, getentropy(257) -> EIO (musl's own check);
 *   prctl(PR_GET_NAME) is the program's file name, truncated to 15 bytes;
 *     PR_SET_NAME "renamed-task" reads back; a fork child inherits it;
 *   ioctl(FIONREAD) on a pipe with 5 bytes in it -> 5; on an empty pipe 0;
 *   ioctl(TIOCGWINSZ) on a pipe -> ENOTTY (so isatty() is 0);
 *   sched_getaffinity: at least one CPU in the mask; sched_getscheduler(0)
 *     -> SCHED_OTHER; sched_get_priority_max(SCHED_FIFO) -> 99;
 *   getpriority(PRIO_PROCESS, 0) == getpriority of a fork child (nice is
 *     inherited); setpriority to a higher nice value then works in a child
 *     and reads back +1;
 *   sysinfo: totalram > 0, mem_unit >= 1, procs >= 1.
 */
#include "ftest.h"
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>

#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); \
	printf("%s: %ld %s\n", label, _r, _r < 0 ? errno_name(errno) : ""); } while (0)

int main(int argc, char **argv)
{
	unsigned char a[16], b[16], big[300];
	char name[32], want[16];
	int p[2], status;

	(void)argc;
	setvbuf(stdout, NULL, _IONBF, 0);

	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	SHOW("getrandom 16", getrandom(a, sizeof a, 0));
	SHOW("getrandom 16 GRND_NONBLOCK", getrandom(b, sizeof b, GRND_NONBLOCK));
	printf("  the two differ %d\n", memcmp(a, b, sizeof a) != 0);
	SHOW("getrandom flag 0x100", getrandom(a, sizeof a, 0x100));
	SHOW("getentropy 32", getentropy(big, 32));
	SHOW("getentropy 257", getentropy(big, 257));

	{
		const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
		snprintf(want, sizeof want, "%s", base);
		memset(name, 0, sizeof name);
		SHOW("prctl PR_GET_NAME", prctl(PR_GET_NAME, name));
		printf("  name is the file name (15 bytes max) %d\n", strcmp(name, want) == 0);
		SHOW("prctl PR_SET_NAME", prctl(PR_SET_NAME, "renamed-task"));
		memset(name, 0, sizeof name);
		prctl(PR_GET_NAME, name);
		printf("  now \"%s\"\n", name);
		pid_t pid = fork();
		if (pid == 0) {
			memset(name, 0, sizeof name);
			prctl(PR_GET_NAME, name);
			_exit(strcmp(name, "renamed-task") == 0 ? 0 : 1);
		}
		waitpid(pid, &status, 0);
		print_wait_status("  child inherits the name (0)", status);
	}

	{
		int n = -1;
		struct winsize ws;

		pipe(p);
		write(p[1], "hello", 5);
		SHOW("ioctl FIONREAD, 5 bytes in the pipe", ioctl(p[0], FIONREAD, &n));
		printf("  n %d\n", n);
		char c[5];
		read(p[0], c, 5);
		n = -1;
		SHOW("ioctl FIONREAD, empty pipe", ioctl(p[0], FIONREAD, &n));
		printf("  n %d\n", n);
		SHOW("ioctl TIOCGWINSZ on a pipe", ioctl(p[1], TIOCGWINSZ, &ws));
		printf("  isatty %d\n", isatty(p[1]));
	}

	{
		cpu_set_t set;

		CPU_ZERO(&set);
		SHOW("sched_getaffinity", sched_getaffinity(0, sizeof set, &set));
		printf("  at least one CPU %d\n", CPU_COUNT(&set) >= 1);
		SHOW("sched_getscheduler", sched_getscheduler(0));
		SHOW("sched_get_priority_max(SCHED_FIFO)", sched_get_priority_max(SCHED_FIFO));
	}

	{
		errno = 0;
		int prio = getpriority(PRIO_PROCESS, 0);
		int err = errno;
		printf("getpriority: errno %s\n", errno_name(err));
		pid_t pid = fork();
		if (pid == 0) {
			errno = 0;
			int cp = getpriority(PRIO_PROCESS, 0);
			if (errno || cp != prio)
				_exit(1);
			if (setpriority(PRIO_PROCESS, 0, prio + 1))
				_exit(2);
			_exit(getpriority(PRIO_PROCESS, 0) == prio + 1 ? 0 : 3);
		}
		waitpid(pid, &status, 0);
		print_wait_status("  child: inherited nice, +1 works (0)", status);
	}

	{
		struct sysinfo si;
		memset(&si, 0, sizeof si);
		SHOW("sysinfo", sysinfo(&si));
		printf("  totalram > 0 %d mem_unit >= 1 %d procs >= 1 %d\n", si.totalram > 0,
		       si.mem_unit >= 1, si.procs >= 1);
	}
	return 0;
}
