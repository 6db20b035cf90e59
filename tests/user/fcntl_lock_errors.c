/*
 * fcntl record-lock errors, in Linux's order (fs/fcntl.c do_fcntl,
 * fs/locks.c fcntl_getlk / fcntl_setlk / flock64_to_posix_lock):
 *   EFAULT for a struct flock that cannot be read (NULL, a bad address);
 *   EINVAL for an l_type or l_whence Linux does not know, for a range that
 *   starts before byte 0 (directly or through a negative l_len), for
 *   F_GETLK of F_UNLCK, and for an F_OFD_ command with l_pid not 0;
 *   EOVERFLOW for a start or end past the largest offset;
 *   EBADF for F_RDLCK on a descriptor not open for reading, F_WRLCK on one
 *   not open for writing, a closed descriptor, an O_PATH one; F_UNLCK and
 *   F_GETLK need neither mode;
 *   F_GETLK leaves the other fields alone when it answers F_UNLCK;
 *   F_GETLK64 etc. are the same commands on x86-64 (12-14 are EINVAL).
 * build: musl glibc
 */
#include "lockutil.h"
#include <limits.h>

static void call(const char *what, int fd, int cmd, void *arg)
{
	errno = 0;
	int r = fcntl(fd, cmd, arg);
	printf("%s: %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

int main(void)
{
	int rw, ro, wo, op;

	setvbuf(stdout, NULL, _IONBF, 0);
	rw = open("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(rw, "0123456789", 10);
	ro = open("lockfile", O_RDONLY);
	wo = open("lockfile", O_WRONLY);
	op = open("lockfile", O_PATH);

	call("F_SETLK NULL", rw, F_SETLK, NULL);
	call("F_GETLK bad address", rw, F_GETLK, (void *)16);
	call("F_OFD_SETLKW NULL", rw, F_OFD_SETLKW, NULL);

	lk("l_type 5", rw, F_SETLK, 5, SEEK_SET, 0, 1);
	lk("l_whence 3", rw, F_SETLK, F_WRLCK, 3, 0, 1);
	lk("l_start -1", rw, F_SETLK, F_WRLCK, SEEK_SET, -1, 1);
	lk("SEEK_END -11 (size 10)", rw, F_SETLK, F_WRLCK, SEEK_END, -11, 1);
	lk("SEEK_END -10 (size 10)", rw, F_SETLK, F_WRLCK, SEEK_END, -10, 1);
	lk("l_start 2, l_len -3", rw, F_SETLK, F_WRLCK, SEEK_SET, 2, -3);
	lk("l_start 2, l_len -2", rw, F_SETLK, F_WRLCK, SEEK_SET, 2, -2);
	lk("SEEK_END + LLONG_MAX", rw, F_SETLK, F_WRLCK, SEEK_END, LLONG_MAX, 1);
	lk("l_start 2, l_len LLONG_MAX", rw, F_SETLK, F_WRLCK, SEEK_SET, 2, LLONG_MAX);
	lk("l_start 1, l_len LLONG_MAX", rw, F_SETLK, F_WRLCK, SEEK_SET, 1, LLONG_MAX);
	lk("l_start 0, l_len LLONG_MAX", rw, F_SETLK, F_WRLCK, SEEK_SET, 0, LLONG_MAX);
	lk("l_type 5 and l_whence 3", rw, F_SETLK, 5, 3, 0, 1);
	lk("l_type 5, l_start -1", rw, F_SETLK, 5, SEEK_SET, -1, 1);
	lk("F_GETLK of F_UNLCK", rw, F_GETLK, F_UNLCK, SEEK_SET, 0, 1);

	lk("F_RDLCK on O_WRONLY", wo, F_SETLK, F_RDLCK, SEEK_SET, 0, 1);
	lk("F_WRLCK on O_RDONLY", ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	lk("F_OFD_SETLK F_WRLCK on O_RDONLY", ro, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	lk("F_RDLCK on O_RDONLY", ro, F_SETLK, F_RDLCK, SEEK_SET, 20, 1);
	lk("F_WRLCK on O_WRONLY", wo, F_SETLK, F_WRLCK, SEEK_SET, 30, 1);
	lk("F_UNLCK on O_RDONLY", ro, F_SETLK, F_UNLCK, SEEK_SET, 30, 1);
	lk("F_GETLK F_WRLCK on O_RDONLY", ro, F_GETLK, F_WRLCK, SEEK_SET, 0, 1);
	lk("F_SETLK on O_PATH", op, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);
	lk("F_GETLK on O_PATH", op, F_GETLK, F_WRLCK, SEEK_SET, 0, 1);
	lk("F_SETLK on a closed descriptor", 99, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);

	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1, .l_pid = 1 };
	call("F_OFD_SETLK l_pid 1", rw, F_OFD_SETLK, &fl);
	call("F_OFD_GETLK l_pid 1", rw, F_OFD_GETLK, &fl);
	call("F_SETLK l_pid 1 (ignored)", rw, F_SETLK, &fl);

	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 7, .l_len = 3, .l_pid = 12345 };
	printf("F_GETLK, no conflict: %d\n", fcntl(rw, F_GETLK, &fl));
	printf("  -> %s whence %d start %lld len %lld pid %d\n", lock_type_name(fl.l_type), fl.l_whence,
	       (long long)fl.l_start, (long long)fl.l_len, fl.l_pid);
	call("fcntl cmd 12", rw, 12, &fl);
	call("fcntl cmd 13", rw, 13, &fl);
	call("fcntl cmd 14", rw, 14, &fl);
	unlink("lockfile");
	return 0;
}
