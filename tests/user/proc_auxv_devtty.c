/*
 * /proc/PID/auxv and /dev/tty without a controlling terminal.
 *   /proc/self/auxv holds the (type, value) pairs exec gave the program
 *   (Linux fs/proc/base.c proc_pid_auxv, from mm->saved_auxv): a multiple
 *   of 16 bytes, ending in AT_NULL, and each type getauxval() knows has the
 *   same value there; a forked child reads its parent's pairs from
 *   /proc/PPID/auxv (fork copies them).
 *   open("/dev/tty") in a new session (setsid: no controlling terminal)
 *   fails with ENXIO (Linux drivers/tty/tty_io.c tty_open_current_tty).
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/wait.h>

#define MAX_PAIRS 64

static int read_auxv(const char *path, unsigned long *v)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, (char *)v + total, 7)) > 0)	/* odd reads: the offset must carry */
		total += n;
	close(fd);
	return total;
}

static void check_auxv(const char *who, const char *path)
{
	static const struct { unsigned long type; const char *name; } types[] = {
		{ AT_PAGESZ, "AT_PAGESZ" }, { AT_PHDR, "AT_PHDR" }, { AT_PHNUM, "AT_PHNUM" },
		{ AT_ENTRY, "AT_ENTRY" }, { AT_UID, "AT_UID" }, { AT_EGID, "AT_EGID" },
		{ AT_RANDOM, "AT_RANDOM" }, { AT_EXECFN, "AT_EXECFN" }, { AT_SECURE, "AT_SECURE" },
		{ AT_CLKTCK, "AT_CLKTCK" },
	};
	unsigned long v[2 * MAX_PAIRS];
	int n = read_auxv(path, v);

	if (n <= 0) {
		printf("%s: read %s: %s\n", who, path, errno_name(errno));
		return;
	}
	printf("%s: size multiple of 16: %d, ends in AT_NULL: %d\n", who, n % 16 == 0,
	       v[n / 8 - 2] == AT_NULL && v[n / 8 - 1] == 0);
	for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++) {
		int found = 0, same = 0;
		for (int k = 0; k + 1 < n / 8; k += 2)
			if (v[k] == types[i].type) {
				found = 1;
				same = v[k + 1] == getauxval(types[i].type);
			}
		printf("  %s: present %d, equals getauxval %d\n", types[i].name, found, same);
	}
}

int main(void)
{
	char path[64];
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	check_auxv("self", "/proc/self/auxv");
	snprintf(path, sizeof path, "/proc/%d/auxv", getpid());
	if (fork() == 0) {
		check_auxv("child reading its parent", path);
		check_auxv("child reading itself", "/proc/self/auxv");
		_exit(0);
	}
	wait(&status);
	if (fork() == 0) {
		setsid();
		errno = 0;
		int fd = open("/dev/tty", O_RDWR);
		printf("after setsid, open /dev/tty: %s\n", fd >= 0 ? "ok" : errno_name(errno));
		_exit(0);
	}
	wait(&status);
	return 0;
}
