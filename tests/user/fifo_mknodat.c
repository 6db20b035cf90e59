/*
 * fifo_mknodat - named pipes made with mknodat(S_IFIFO) and mkfifoat
 * relative to a directory fd (fs/namei.c, fs/pipe.c fifo_open). Expected:
 * mknodat makes a FIFO (S_ISFIFO, size 0), EEXIST the second time; an
 * O_RDWR open never waits and the descriptor is both ends (poll: POLLOUT,
 * then POLLIN|POLLOUT after a write); a non-blocking writer opens once a
 * reader exists (ENXIO before); a blocking writer waits for a reader that a
 * child opens later, then the data goes through and the reader sees
 * end-of-file when the writer closes (POLLHUP); epoll watches a FIFO like
 * a pipe; the FIFO's name stays after everyone closed it, empty.
 */
#include "fsutil.h"
#include <poll.h>
#include <sys/epoll.h>

static unsigned revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	poll(&p, 1, 0);
	return p.revents;
}

int main(void)
{
	char dir[64], buf[32] = { 0 };
	struct stat st;
	int d, rw, r, w, ep;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "fifoat");
	d = open(dir, O_RDONLY | O_DIRECTORY);
	SHOW("mknodat S_IFIFO", mknodat(d, "f", S_IFIFO | 0600, 0));
	SHOW("mknodat again", mknodat(d, "f", S_IFIFO | 0600, 0));
	SHOW("mkfifoat", mkfifoat(d, "g", 0600));
	SHOW("fstatat", fstatat(d, "f", &st, 0));
	printf("S_ISFIFO %d, size %ld, mode 0%o\n", S_ISFIFO(st.st_mode), (long)st.st_size, st.st_mode & 0777);

	w = openat(d, "f", O_WRONLY | O_NONBLOCK);
	printf("non-blocking writer, no reader: %s\n", w < 0 ? errno_name(errno) : "opened");
	rw = openat(d, "f", O_RDWR);
	SHOW("O_RDWR open (does not wait)", rw);
	printf("poll O_RDWR, empty: 0x%x\n", revents(rw));
	w = openat(d, "f", O_WRONLY | O_NONBLOCK);
	SHOW("non-blocking writer, a reader exists", w);
	SHOWN("write", write(w, "abc", 3));
	printf("poll O_RDWR, data: 0x%x\n", revents(rw));
	SHOWN("read through O_RDWR", read(rw, buf, sizeof buf));
	close(w);
	close(rw);

	if (fork() == 0) {
		usleep(30000);
		int fd = openat(d, "g", O_RDONLY);
		char b[16] = { 0 };
		int n = read(fd, b, sizeof b);
		_exit(n == 5 && !memcmp(b, "fifo!", 5) ? 0 : 1);
	}
	w = openat(d, "g", O_WRONLY);
	SHOW("blocking writer, a reader comes later", w);
	SHOWN("write", write(w, "fifo!", 5));
	{
		int status;
		wait(&status);
		printf("child read it: %d\n", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	close(w);

	r = openat(d, "f", O_RDONLY | O_NONBLOCK);
	w = openat(d, "f", O_WRONLY);
	ep = epoll_create1(0);
	{
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, out[2];
		epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev);
		SHOWN("epoll, empty FIFO", epoll_wait(ep, out, 2, 0));
		write(w, "x", 1);
		SHOWN("epoll after a write", epoll_wait(ep, out, 2, 0));
		printf("events 0x%x data %llu\n", out[0].events, (unsigned long long)out[0].data.u64);
		read(r, buf, 1);
		close(w);
		SHOWN("epoll, writer gone", epoll_wait(ep, out, 2, 0));
		printf("events 0x%x\n", out[0].events);
		SHOWN("read: end-of-file", read(r, buf, 1));
	}
	close(ep);
	close(r);
	SHOW("stat after all closed", fstatat(d, "f", &st, 0));
	printf("size %ld\n", (long)st.st_size);
	close(d);
	SHOW("cleanup", rm_rf(dir));
	return 0;
}
