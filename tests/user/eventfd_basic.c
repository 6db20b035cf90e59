/*
 * eventfd_basic - eventfd(2) and eventfd2 (fs/eventfd.c). Expected: a read
 * returns the counter (8 bytes) and zeroes it; with nothing there a
 * non-blocking read is EAGAIN; writes add up; EFD_SEMAPHORE reads 1 at a
 * time; fewer than 8 bytes is EINVAL for read and write, more than 8 moves
 * 8; writing ~0 is EINVAL; the counter stops at 0xfffffffffffffffe (a
 * non-blocking write past it is EAGAIN); poll says POLLIN while the counter
 * is not 0 and POLLOUT while one more fits; unknown flags are EINVAL;
 * EFD_CLOEXEC sets FD_CLOEXEC and EFD_NONBLOCK O_NONBLOCK; fstat shows mode
 * 0600 and no file type; a blocked read wakes up when another process
 * writes.
 */
#include "fsutil.h"
#include <poll.h>
#include <sys/eventfd.h>

static unsigned revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	poll(&p, 1, 0);
	return p.revents;
}

int main(void)
{
	uint64_t v = 0;
	unsigned char big[16] = { 0 };
	struct stat st;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	fd = eventfd(3, EFD_NONBLOCK);
	SHOW("eventfd(3, EFD_NONBLOCK)", fd);
	SHOWN("read", read(fd, &v, 8));
	printf("value %llu\n", (unsigned long long)v);
	SHOWN("read again", read(fd, &v, 8));
	printf("poll empty: 0x%x\n", revents(fd));
	v = 5; write(fd, &v, 8);
	v = 7; SHOWN("write 7", write(fd, &v, 8));
	printf("poll with 12: 0x%x\n", revents(fd));
	SHOWN("4-byte read", read(fd, &v, 4));
	SHOWN("16-byte read", read(fd, big, 16));
	memcpy(&v, big, 8);
	printf("5 + 7 = %llu\n", (unsigned long long)v);
	SHOWN("4-byte write", write(fd, &v, 4));
	v = ~0ULL;
	SHOWN("write ~0", write(fd, &v, 8));
	v = 0xfffffffffffffffeULL;
	SHOWN("write max", write(fd, &v, 8));
	printf("poll at max: 0x%x\n", revents(fd));
	v = 1;
	SHOWN("write 1 more", write(fd, &v, 8));
	v = 0;
	SHOWN("write 0", write(fd, &v, 8));
	read(fd, &v, 8);
	printf("max read back: 0x%llx\n", (unsigned long long)v);
	SHOW("fstat", fstat(fd, &st));
	printf("mode 0%o, S_IFMT 0%o\n", st.st_mode & 07777, st.st_mode & S_IFMT);
	printf("F_GETFL O_NONBLOCK %d O_RDWR %d, F_GETFD %d\n", !!(fcntl(fd, F_GETFL) & O_NONBLOCK),
	       (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, fcntl(fd, F_GETFD));
	close(fd);

	fd = eventfd(2, EFD_NONBLOCK | EFD_SEMAPHORE | EFD_CLOEXEC);
	SHOW("eventfd(2, SEMAPHORE|CLOEXEC)", fd);
	printf("F_GETFD %d\n", fcntl(fd, F_GETFD));
	for (int i = 0; i < 3; i++) {
		v = 99;
		errno = 0;
		long r = read(fd, &v, 8);
		printf("semaphore read %d: %s %llu\n", i, r < 0 ? errno_name(errno) : "ok",
		       (unsigned long long)v);
	}
	close(fd);

	SHOW("eventfd2 bad flags", syscall(SYS_eventfd2, 0, 0x4));
	SHOW("eventfd (284)", fd = syscall(SYS_eventfd, 1));
	printf("F_GETFL O_NONBLOCK %d\n", !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
	close(fd);

	fd = eventfd(0, 0);
	if (fork() == 0) {
		usleep(20000);
		v = 42;
		write(fd, &v, 8);
		_exit(0);
	}
	v = 0;
	SHOWN("blocking read", read(fd, &v, 8));
	printf("got %llu from the child\n", (unsigned long long)v);
	wait(NULL);
	close(fd);
	return 0;
}
