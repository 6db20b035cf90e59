/*
 * threads_close_race - a descriptor closed by one thread while another
 * thread is blocked in a call on it (Linux: the blocked call holds its own
 * reference to the file, fdget/fdput, so close(2) only removes the
 * descriptor; the call goes on with the open file):
 *   - a thread blocked in read() on a pipe whose read end main closes
 *     still gets the bytes main then writes;
 *   - the descriptor is gone for everyone else at once (fcntl: EBADF),
 *     and a new open reuses its number while the read is still blocked;
 *   - a thread blocked in recv() on a socket pair end that main closes
 *     returns when the peer writes.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>

static int rfd;
static volatile int reading;
static long got = -2;
static char buf[32];

static void *reader(void *arg)
{
	(void)arg;
	reading = 1;
	got = read(rfd, buf, sizeof buf);
	return NULL;
}

static void *receiver(void *arg)
{
	(void)arg;
	reading = 1;
	got = recv(rfd, buf, sizeof buf, 0);
	return NULL;
}

static void race(void *(*fn)(void *), int wfd, const char *what)
{
	pthread_t th;
	int reused;

	reading = 0;
	got = -2;
	memset(buf, 0, sizeof buf);
	pthread_create(&th, NULL, fn, NULL);
	while (!reading)
		usleep(1000);
	usleep(50000);				/* let it block */
	printf("%s: close while blocked: %d\n", what, close(rfd));
	printf("  fcntl on the closed fd: %s\n", fcntl(rfd, F_GETFD) < 0 ? errno_name(errno) : "open");
	reused = open("/", O_RDONLY);
	printf("  a new open reuses the number: %d\n", reused == rfd);
	write(wfd, "hello", 5);
	pthread_join(th, NULL);
	printf("  the blocked call returned %ld \"%s\"\n", got, buf);
	close(reused);
	close(wfd);
}

int main(void)
{
	int p[2], sv[2];

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(p);
	rfd = p[0];
	race(reader, p[1], "pipe read");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	rfd = sv[0];
	race(receiver, sv[1], "socket recv");
	return 0;
}
