/*
 * pipe_slots - a pipe's capacity is counted in page slots, not bytes (pipe(7):
 * 16 pages by default; Linux fs/pipe.c: a ring of pipe_buffers, one page
 * each).  A write first tops up the last slot if the pipe is not empty and
 * the write's part beyond whole pages fits in that slot's page; the rest
 * takes fresh slots, a page each.  The pipe is writable (POLLOUT) while a
 * slot is free, whatever room the last page has; a slot is freed only when
 * all its bytes are read.
 *   - a 1-page pipe holding 100 bytes is not writable, yet a 100-byte
 *     write fits (it tops up the page) and a 4000-byte one does not:
 *     EAGAIN, written whole or not at all (PIPE_BUF atomicity);
 *   - LTP epoll_wait06: in a full 1-page pipe, reading half gives no
 *     EPOLLOUT edge; reading the rest does;
 *   - an EPOLLET EPOLLOUT item is not reported again after a read from a
 *     pipe that was not full (Linux wakes writers only when a slot of a
 *     full pipe is freed), while an EPOLLET EPOLLIN item is after every
 *     write;
 *   - a non-blocking write longer than PIPE_BUF into a partly used pipe
 *     returns how much fitted: the top-up plus a page per free slot;
 *   - FIONREAD counts bytes; F_GETPIPE_SZ stays slots * 4096 whatever the
 *     writes; F_SETPIPE_SZ is EBUSY if the slots in use would not fit,
 *     even when the bytes would;
 *   - sendfile puts each page of the file in a slot of its own, which no
 *     write tops up.
 */
#include "ftest.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>

static char buf[3 * 65536];

static void show(const char *what, long r)
{
	printf("%-56s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

static int writable(int fd)
{
	struct pollfd p = { fd, POLLOUT, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
}

static int fionread(int fd)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

/* A non-blocking pipe of @pages pages. */
static void make_pipe(int p[2], int pages)
{
	pipe2(p, O_NONBLOCK);
	if (pages)
		fcntl(p[1], F_SETPIPE_SZ, pages * 4096);
}

static void close_pipe(int p[2])
{
	close(p[0]);
	close(p[1]);
}

static void one_page(void)
{
	int p[2];

	make_pipe(p, 1);
	printf("1-page pipe:\n");
	show("  write 100", write(p[1], buf, 100));
	printf("  POLLOUT %d, FIONREAD %d\n", writable(p[1]), fionread(p[0]));
	show("  write 100 more (tops up the page)", write(p[1], buf, 100));
	show("  write 4000 (does not fit the page)", write(p[1], buf, 4000));
	show("  write 3896 (fills it exactly)", write(p[1], buf, 3896));
	show("  write 1", write(p[1], buf, 1));
	show("  read 4000", read(p[0], buf, 4000));
	printf("  POLLOUT %d, FIONREAD %d\n", writable(p[1]), fionread(p[0]));
	show("  write 10 (the page is used to its end)", write(p[1], buf, 10));
	show("  read 96", read(p[0], buf, 96));
	printf("  POLLOUT %d, FIONREAD %d\n", writable(p[1]), fionread(p[0]));
	close_pipe(p);
}

static int epoll_ready(int ep, int *fd)
{
	struct epoll_event ev;
	int n = epoll_wait(ep, &ev, 1, 0);

	*fd = n == 1 ? ev.data.fd : -1;
	return n;
}

static int add(int ep, int fd, unsigned events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* LTP epoll_wait06, and the EPOLLOUT edge of a pipe that was never full. */
static void edges(void)
{
	int p[2], ep = epoll_create1(0), fd, n;

	make_pipe(p, 1);
	add(ep, p[0], EPOLLIN | EPOLLET);
	add(ep, p[1], EPOLLOUT | EPOLLET);
	printf("EPOLLET on a 1-page pipe:\n");
	show("  write 4096", write(p[1], buf, 4096));
	n = epoll_ready(ep, &fd);
	printf("  epoll_wait: %d (%s)\n", n, fd == p[0] ? "read end" : fd == p[1] ? "write end" : "-");
	show("  read 2048", read(p[0], buf, 2048));
	n = epoll_ready(ep, &fd);
	printf("  epoll_wait: %d (%s)\n", n, fd == p[0] ? "read end" : fd == p[1] ? "write end" : "-");
	show("  read 2048", read(p[0], buf, 2048));
	n = epoll_ready(ep, &fd);
	printf("  epoll_wait: %d (%s)\n", n, fd == p[0] ? "read end" : fd == p[1] ? "write end" : "-");
	close_pipe(p);
	close(ep);

	ep = epoll_create1(0);
	make_pipe(p, 0);
	write(p[1], buf, 100);
	add(ep, p[1], EPOLLOUT | EPOLLET);
	printf("EPOLLET EPOLLOUT on a 16-page pipe holding 100 bytes:\n");
	printf("  epoll_wait: %d\n", epoll_ready(ep, &fd));
	show("  read 50", read(p[0], buf, 50));
	printf("  epoll_wait: %d\n", epoll_ready(ep, &fd));
	close(ep);
	ep = epoll_create1(0);
	add(ep, p[0], EPOLLIN | EPOLLET);
	printf("EPOLLET EPOLLIN on the same pipe:\n");
	printf("  epoll_wait: %d\n", epoll_ready(ep, &fd));
	show("  write 10", write(p[1], buf, 10));
	printf("  epoll_wait: %d\n", epoll_ready(ep, &fd));
	printf("  epoll_wait: %d\n", epoll_ready(ep, &fd));
	close_pipe(p);
	close(ep);
}

static void sizes(void)
{
	int p[2];

	make_pipe(p, 0);
	printf("16-page pipe:\n");
	printf("  F_GETPIPE_SZ %d\n", fcntl(p[1], F_GETPIPE_SZ));
	for (int i = 0; i < 16; i++)
		write(p[1], buf, 100);
	printf("  after 16 writes of 100: F_GETPIPE_SZ %d, FIONREAD %d, POLLOUT %d\n",
	       fcntl(p[1], F_GETPIPE_SZ), fionread(p[0]), writable(p[1]));
	show("  write 65536 (15 slots are free)", write(p[1], buf, 65536));
	show("  read 1600", read(p[0], buf, 1600));
	show("  write 10000 (one slot free)", write(p[1], buf, 10000));
	printf("  FIONREAD %d\n", fionread(p[0]));
	close_pipe(p);

	make_pipe(p, 2);
	printf("2-page pipe holding 100 bytes:\n");
	write(p[1], buf, 100);
	show("  write 10000 (the top-up, then one page)", write(p[1], buf, 10000));
	printf("  FIONREAD %d\n", fionread(p[0]));
	close_pipe(p);

	make_pipe(p, 0);
	printf("F_SETPIPE_SZ:\n");
	write(p[1], buf, 4096);
	read(p[0], buf, 4000);
	write(p[1], buf, 10);
	printf("  2 slots holding 106 bytes, FIONREAD %d\n", fionread(p[0]));
	show("  F_SETPIPE_SZ 4096", fcntl(p[1], F_SETPIPE_SZ, 4096));
	show("  F_SETPIPE_SZ 8192", fcntl(p[1], F_SETPIPE_SZ, 8192));
	show("  write 1 (the last page has room: tops it up)", write(p[1], buf, 1));
	show("  write 4096 (needs a slot)", write(p[1], buf, 4096));
	printf("  POLLOUT %d, FIONREAD %d\n", writable(p[1]), fionread(p[0]));
	close_pipe(p);
}

/* sendfile fills a slot per page of the file, never merged into (Linux's
 * page-cache pipe_buffers): 200 bytes across a page boundary take 2. */
static void sendfile_slots(void)
{
	int p[2], fd = open("pipe_slots.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	off_t off = 4000;

	write(fd, buf, 8192);
	make_pipe(p, 0);
	printf("sendfile into a pipe:\n");
	show("  200 bytes from offset 4000", sendfile(p[1], fd, &off, 200));
	show("  F_SETPIPE_SZ 4096", fcntl(p[1], F_SETPIPE_SZ, 4096));
	show("  write 1 (no top-up of a page-cache slot)", write(p[1], buf, 1));
	show("  F_SETPIPE_SZ 8192", fcntl(p[1], F_SETPIPE_SZ, 8192));
	printf("  FIONREAD %d\n", fionread(p[0]));
	close_pipe(p);
	close(fd);
	unlink("pipe_slots.tmp");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	one_page();
	edges();
	sizes();
	sendfile_slots();
	return 0;
}
