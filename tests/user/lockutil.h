/*
 * lockutil.h - helpers for the record-lock tests (fcntl_lock_*.c): set a
 * lock and print what happened, list another process's locks as F_GETLK
 * sees them, and wait until a child sleeps (in the lock wait it is about to
 * enter).
 */
#ifndef LOCKUTIL_H
#define LOCKUTIL_H

#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>

FT_UNUSED static const char *lock_type_name(int type)
{
	return type == F_RDLCK ? "F_RDLCK" : type == F_WRLCK ? "F_WRLCK" : type == F_UNLCK ? "F_UNLCK" : "?";
}

/* fcntl(fd, cmd, {type, whence, start, len}), printed as "what: result errno". */
FT_UNUSED static int lk(const char *what, int fd, int cmd, int type, int whence, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = len };

	errno = 0;
	int r = fcntl(fd, cmd, &fl);
	printf("%s: %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
	return r;
}

/*
 * Every lock in fd's file that a write lock of this process would run into,
 * lowest first, as F_GETLK reports them one after the other: type, start,
 * length (0: to the end) and whose it is (nothing for @holder, "ofd" for
 * an OFD lock (l_pid -1), else "other").  Run in a process holding none.
 */
FT_UNUSED static void show_locks(const char *what, int fd, pid_t holder)
{
	off_t pos = 0;

	printf("%s:", what);
	for (;;) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = pos, .l_len = 0 };

		if (fcntl(fd, F_GETLK, &fl)) {
			printf(" F_GETLK %s", errno_name(errno));
			break;
		}
		if (fl.l_type == F_UNLCK)
			break;
		printf(" %c[%lld,", fl.l_type == F_RDLCK ? 'r' : 'w', (long long)fl.l_start);
		if (fl.l_len)
			printf("%lld)", (long long)(fl.l_start + fl.l_len));
		else
			printf("EOF)");
		if (fl.l_pid != holder)
			printf("%s", fl.l_pid == -1 ? "ofd" : "other");
		if (!fl.l_len || fl.l_whence != SEEK_SET)
			break;
		pos = fl.l_start + fl.l_len;
	}
	printf("\n");
}

/* show_locks from a fork's child, which owns none of the parent's POSIX locks. */
FT_UNUSED static void show_locks_from_child(const char *what, int fd)
{
	pid_t parent = getpid();

	if (fork() == 0) {
		show_locks(what, fd, parent);
		_exit(0);
	}
	wait(NULL);
}

/* Until @pid sleeps (state S in /proc/PID/stat): it is in the wait it was about to enter. */
FT_UNUSED static void wait_sleeping(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	for (int i = 0; i < 10000; i++) {
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

		if (f)
			fclose(f);
		buf[n] = 0;
		if ((p = strrchr(buf, ')')) && p[1] == ' ' && p[2] == 'S')
			return;
		usleep(1000);
	}
	printf("pid never slept\n");
}

#endif
