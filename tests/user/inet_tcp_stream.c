/*
 * inet_tcp_stream - TCP over 127.0.0.1 (Linux net/ipv4/tcp.c tcp_sendmsg,
 * tcp_recvmsg, tcp_poll, tcp_shutdown, tcp_close, tcp_input.c tcp_reset,
 * af_inet.c inet_stream_connect, inet_accept):
 *   - connect to a listener: 0 before anyone accepts; the client's name is
 *     127.0.0.1 and a port, the accepted socket's peer is the client's
 *     name and its own name the listener's port; accept4 flags; a second
 *     connect EISCONN, connect on a listener EISCONN, listen on a
 *     connected socket EINVAL, accept on it EINVAL, connect to 0.0.0.0
 *     reaches 127.0.0.1;
 *   - nothing listening: ECONNREFUSED, and the socket may try again; a
 *     non-blocking connect: EINPROGRESS, then writable, SO_ERROR 0 and a
 *     second connect 0, then EISCONN; refused: EINPROGRESS, POLLERR,
 *     SO_ERROR ECONNREFUSED, then ECONNABORTED;
 *   - data: read/write, send/recv, MSG_PEEK, MSG_DONTWAIT (EAGAIN),
 *     MSG_WAITALL across writes (a child writes), MSG_TRUNC drops bytes,
 *     sendto's address is ignored, recvfrom names nobody (length 0),
 *     recvmsg with two buffers, FIONREAD;
 *   - a fresh socket polls POLLOUT|POLLHUP, a listener POLLIN once a
 *     connection waits; shutdown(SHUT_WR) gives the peer POLLIN|POLLRDHUP
 *     and end of file, and us EPIPE with SIGPIPE (none with MSG_NOSIGNAL);
 *     shutdown on an unconnected socket ENOTCONN; epoll sees EPOLLRDHUP;
 *   - the peer closes cleanly: read 0, the next write succeeds and earns a
 *     reset (SO_ERROR EPIPE), the one after EPIPE and SIGPIPE; the peer
 *     closes with data unread: ECONNRESET once, then 0, then EPIPE;
 *     getpeername after the reset ENOTCONN;
 *   - a listener closed with a connection nobody accepted resets it;
 *     shutdown(SHUT_RD) of a listener stops it (accept EINVAL);
 *   - a blocking echo across fork: accept and read sleep until the other
 *     side acts; a non-blocking writer fills the buffers up to EAGAIN and
 *     the reader drains every byte.
 */
#include "fsutil.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define SA(a) ((struct sockaddr *)(a))

static volatile int sigpipes;
static void on_sigpipe(int sig) { (void)sig; sigpipes++; }

static struct sockaddr_in in4(const char *addr, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	a.sin_addr.s_addr = inet_addr(addr);
	return a;
}

static int tcp(void) { return socket(AF_INET, SOCK_STREAM, 0); }

/* A listener on 127.0.0.1 and an ephemeral port; its address in *a. */
static int listener(struct sockaddr_in *a, int backlog)
{
	socklen_t len = sizeof *a;
	int l = tcp();
	*a = in4("127.0.0.1", 0);
	bind(l, SA(a), sizeof *a);
	listen(l, backlog);
	getsockname(l, SA(a), &len);
	return l;
}

static const char *pollbits(int fd)
{
	static char buf[96];
	struct pollfd p = { fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
	poll(&p, 1, 0);
	snprintf(buf, sizeof buf, "%s%s%s%s%s", p.revents & POLLIN ? "IN " : "", p.revents & POLLOUT ? "OUT " : "",
		 p.revents & POLLRDHUP ? "RDHUP " : "", p.revents & POLLHUP ? "HUP " : "",
		 p.revents & POLLERR ? "ERR " : "");
	return p.revents ? buf : "none";
}

static int so_error(int s)
{
	int v = -1;
	socklen_t len = sizeof v;
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len);
	return v;
}

/* A connected pair through l: *c the client, the accepted end returned. */
static int pair(int l, const struct sockaddr_in *a, int *c)
{
	*c = tcp();
	connect(*c, SA(a), sizeof *a);
	return accept(l, NULL, NULL);
}

static void connecting(void)
{
	struct sockaddr_in a, cn, pn, sn;
	socklen_t len;
	int l = listener(&a, 5), c = tcp(), s;

	printf("fresh socket polls: %s\n", pollbits(c));
	printf("listener polls: %s\n", pollbits(l));
	SHOW("connect", connect(c, SA(&a), sizeof a));
	printf("listener with a connection waiting polls: %s\n", pollbits(l));
	len = sizeof cn;
	getsockname(c, SA(&cn), &len);
	printf("client name: 127.0.0.1 %d, port nonzero %d\n", cn.sin_addr.s_addr == htonl(INADDR_LOOPBACK), cn.sin_port != 0);
	len = sizeof pn;
	s = accept4(l, SA(&pn), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	SHOW("accept4 (SOCK_NONBLOCK|SOCK_CLOEXEC)", s);
	printf("accepted: peer is the client %d, len %d, O_NONBLOCK %d, FD_CLOEXEC %d\n",
	       pn.sin_addr.s_addr == cn.sin_addr.s_addr && pn.sin_port == cn.sin_port, (int)len,
	       !!(fcntl(s, F_GETFL) & O_NONBLOCK), !!(fcntl(s, F_GETFD) & FD_CLOEXEC));
	len = sizeof sn;
	getsockname(s, SA(&sn), &len);
	printf("accepted socket's name is the listener's port %d\n", sn.sin_port == a.sin_port);
	len = sizeof pn;
	getpeername(c, SA(&pn), &len);
	printf("client's peer is the listener's address %d\n", pn.sin_port == a.sin_port && pn.sin_addr.s_addr == a.sin_addr.s_addr);
	printf("connected sockets poll: %s / %s\n", pollbits(c), pollbits(s));
	SHOW("connect again", connect(c, SA(&a), sizeof a));
	SHOW("connect on a listener", connect(l, SA(&a), sizeof a));
	SHOW("listen on a connected socket", listen(c, 1));
	SHOW("accept on a connected socket", accept(c, NULL, NULL));
	SHOW("accept4 with bad flags (the raw call)", syscall(SYS_accept4, l, NULL, NULL, 0x1000));
	fcntl(l, F_SETFL, O_NONBLOCK);
	SHOW("non-blocking accept, none waiting", accept(l, NULL, NULL));
	close(c);
	close(s);

	c = tcp();
	cn = a;
	cn.sin_addr.s_addr = 0;
	SHOW("connect to 0.0.0.0 and the port", connect(c, SA(&cn), sizeof cn));
	len = sizeof pn;
	getpeername(c, SA(&pn), &len);
	printf("peer is 127.0.0.1: %d\n", pn.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	close(accept(l, NULL, NULL));
	close(c);

	c = tcp();
	SHOW("connect, length 8", connect(c, SA(&a), 8));
	cn = a;
	cn.sin_family = AF_UNIX;
	SHOW("connect, family AF_UNIX", connect(c, SA(&cn), sizeof cn));
	close(c);
	close(l);
}

static void nonblocking_connect(void)
{
	struct sockaddr_in a;
	int l = listener(&a, 5), c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	SHOW("non-blocking connect", connect(c, SA(&a), sizeof a));
	printf("then polls: %s, SO_ERROR %d\n", pollbits(c), so_error(c));
	SHOW("connect again", connect(c, SA(&a), sizeof a));
	SHOW("and again", connect(c, SA(&a), sizeof a));
	close(c);
	close(l);

	c = tcp();
	SHOW("connect, nobody listening", connect(c, SA(&a), sizeof a));
	printf("then polls: %s\n", pollbits(c));
	l = listener(&a, 5);
	SHOW("the same socket, once someone listens", connect(c, SA(&a), sizeof a));
	close(c);
	close(l);

	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	SHOW("non-blocking connect, nobody listening", connect(c, SA(&a), sizeof a));
	printf("then polls: %s\n", pollbits(c));
	SHOW("connect again", connect(c, SA(&a), sizeof a));
	printf("then polls: %s\n", pollbits(c));
	close(c);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, SA(&a), sizeof a);
	printf("non-blocking, refused: SO_ERROR %s\n", errno_name(so_error(c)));
	SHOW("connect after SO_ERROR took it", connect(c, SA(&a), sizeof a));
	close(c);
}

static void data(void)
{
	struct sockaddr_in a, from;
	int l = listener(&a, 5), c, s, n = -1;
	char buf[64] = "";
	char b1[3], b2[8];
	struct iovec iov[2] = { { b1, sizeof b1 }, { b2, sizeof b2 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
	socklen_t len;

	s = pair(l, &a, &c);
	SHOWN("write 5", write(c, "hello", 5));
	SHOWN("send 6", send(c, " world", 6, 0));
	ioctl(s, FIONREAD, &n);
	printf("FIONREAD: %d\n", n);
	SHOWN("recv MSG_PEEK 64", recv(s, buf, sizeof buf, MSG_PEEK));
	printf("peeked %.11s\n", buf);
	SHOWN("read 3", read(s, buf, 3));
	SHOWN("recvmsg into 3+8", recvmsg(s, &m, 0));
	printf("got %.3s|%.5s\n", b1, b2);
	SHOWN("recv MSG_DONTWAIT, empty", recv(s, buf, sizeof buf, MSG_DONTWAIT));
	SHOWN("sendto with an address (ignored)", sendto(c, "abc", 3, 0, SA(&a), sizeof a));
	len = sizeof from;
	SHOWN("recvfrom", recvfrom(s, buf, sizeof buf, 0, SA(&from), &len));
	printf("recvfrom's length: %d\n", (int)len);
	send(c, "0123456789", 10, 0);
	SHOWN("recv MSG_TRUNC 4 (dropped)", recv(s, NULL, 4, MSG_TRUNC));
	SHOWN("recv the rest", recv(s, buf, sizeof buf, 0));
	printf("rest: %.6s\n", buf);
	ioctl(s, FIONREAD, &n);
	printf("FIONREAD, empty: %d\n", n);
	SHOW("FIONREAD on the listener", ioctl(l, FIONREAD, &n));

	if (fork() == 0) {
		for (int i = 0; i < 4; i++) {
			usleep(20000);
			write(c, "ab", 2);
		}
		_exit(0);
	}
	SHOWN("recv MSG_WAITALL 8 (a child writes 2 at a time)", recv(s, buf, 8, MSG_WAITALL));
	wait(NULL);
	close(c);
	close(s);
	close(l);
}

static void shutting_down(void)
{
	struct sockaddr_in a;
	int l = listener(&a, 5), c, s, u = tcp(), ep = epoll_create1(0), n;
	struct epoll_event ev = { EPOLLIN | EPOLLRDHUP, { 0 } }, out;
	char buf[16];

	SHOW("shutdown on an unconnected socket", shutdown(u, SHUT_RDWR));
	printf("it polls: %s\n", pollbits(u));
	close(u);
	s = pair(l, &a, &c);
	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	SHOW("shutdown, how 7", shutdown(c, 7));
	write(c, "last", 4);
	SHOW("client shutdown(SHUT_WR)", shutdown(c, SHUT_WR));
	printf("server polls: %s\n", pollbits(s));
	n = epoll_wait(ep, &out, 1, 0);
	printf("epoll: %d event(s), EPOLLIN %d EPOLLRDHUP %d\n", n, !!(out.events & EPOLLIN), !!(out.events & EPOLLRDHUP));
	SHOWN("server reads", read(s, buf, sizeof buf));
	SHOWN("server reads at the end", read(s, buf, sizeof buf));
	SHOWN("server writes back", write(s, "ok", 2));
	SHOWN("client still reads", read(c, buf, sizeof buf));
	printf("client polls: %s\n", pollbits(c));
	sigpipes = 0;
	SHOWN("client writes after SHUT_WR", write(c, "x", 1));
	printf("SIGPIPE: %d\n", sigpipes);
	SHOWN("send MSG_NOSIGNAL", send(c, "x", 1, MSG_NOSIGNAL));
	printf("SIGPIPE: %d\n", sigpipes);
	SHOW("server shutdown(SHUT_RD)", shutdown(s, SHUT_RD));
	printf("server polls: %s\n", pollbits(s));
	close(c);
	close(s);
	close(ep);

	u = tcp();
	sigpipes = 0;
	SHOWN("send on an unconnected socket", send(u, "x", 1, 0));
	printf("SIGPIPE: %d\n", sigpipes);
	SHOWN("recv on an unconnected socket", recv(u, buf, 1, 0));
	SHOWN("recv on a listener", recv(l, buf, 1, 0));
	close(u);
	close(l);
}

static void endings(void)
{
	struct sockaddr_in a, pn;
	socklen_t len = sizeof pn;
	int l = listener(&a, 5), c, s, n;
	char buf[16];

	s = pair(l, &a, &c);
	close(s);
	printf("peer closed cleanly, client polls: %s\n", pollbits(c));
	SHOWN("read", read(c, buf, sizeof buf));
	sigpipes = 0;
	SHOWN("write (answered by a reset)", write(c, "x", 1));
	printf("SIGPIPE %d, polls: %s\n", sigpipes, pollbits(c));
	printf("SO_ERROR: %s\n", errno_name(so_error(c)));
	SHOWN("write again", write(c, "x", 1));
	printf("SIGPIPE %d\n", sigpipes);
	SHOWN("read", read(c, buf, sizeof buf));
	SHOW("getpeername after the reset", getpeername(c, SA(&pn), &len));
	close(c);

	s = pair(l, &a, &c);
	write(c, "unread", 6);
	close(s);
	printf("peer closed with data unread, client polls: %s\n", pollbits(c));
	SHOWN("read", read(c, buf, sizeof buf));
	SHOWN("read", read(c, buf, sizeof buf));
	sigpipes = 0;
	SHOWN("write", write(c, "x", 1));
	printf("SIGPIPE %d\n", sigpipes);
	close(c);

	s = pair(l, &a, &c);
	write(c, "unread", 6);
	close(s);
	SHOWN("reset first seen by a write", write(c, "x", 1));
	close(c);

	c = tcp();
	connect(c, SA(&a), sizeof a);
	write(c, "early", 5);
	close(l);
	printf("listener closed before accept, client polls: %s\n", pollbits(c));
	SHOWN("read", read(c, buf, sizeof buf));
	close(c);

	l = listener(&a, 5);
	SHOW("listener shutdown(SHUT_RD)", shutdown(l, SHUT_RD));
	n = -1;
	getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &n, &len);
	printf("SO_ACCEPTCONN %d, polls: %s\n", n, pollbits(l));
	SHOW("accept", accept(l, NULL, NULL));
	c = tcp();
	SHOW("connect to it", connect(c, SA(&a), sizeof a));
	close(c);
	close(l);
}

/* The server sleeps in accept and read; the client sleeps until the echo. */
static void echo_across_fork(void)
{
	struct sockaddr_in a;
	int l = listener(&a, 5), c;
	char buf[32];
	pid_t pid = fork();

	if (pid == 0) {
		int s = accept(l, NULL, NULL);
		ssize_t n;
		while ((n = read(s, buf, sizeof buf)) > 0)
			write(s, buf, n);
		close(s);
		_exit(0);
	}
	close(l);
	usleep(20000);
	c = tcp();
	SHOW("connect to the child", connect(c, SA(&a), sizeof a));
	SHOWN("write", write(c, "echo me", 7));
	SHOWN("read the echo", read(c, buf, sizeof buf));
	shutdown(c, SHUT_WR);
	SHOWN("after SHUT_WR the child closes: read", read(c, buf, sizeof buf));
	waitpid(pid, NULL, 0);
	close(c);
}

/* Fill the connection without blocking, then read it all in a child. */
static void fill_and_drain(void)
{
	static char chunk[65536];
	struct sockaddr_in a;
	int l = listener(&a, 5), c, s, st;
	long total = 0, n;
	pid_t pid;

	s = pair(l, &a, &c);
	fcntl(c, F_SETFL, O_NONBLOCK);
	while ((n = write(c, chunk, sizeof chunk)) > 0)
		total += n;
	printf("filled until: %s, some bytes queued %d\n", errno_name(errno), total > 0);
	printf("full: client polls %s\n", pollbits(c));
	pid = fork();
	if (pid == 0) {
		long got = 0;
		close(c);			/* or the connection never ends */
		while ((n = read(s, chunk, sizeof chunk)) > 0)
			got += n;
		_exit(got == total + (long)sizeof chunk ? 0 : 1);	/* and the blocking write's */
	}
	close(s);
	fcntl(c, F_SETFL, 0);
	SHOWN("a blocking write of 64 KiB waits for room", write(c, chunk, sizeof chunk) == sizeof chunk ? 0 : -1);
	close(c);
	waitpid(pid, &st, 0);
	printf("reader got every byte: %d\n", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(l);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, on_sigpipe);
	connecting();
	nonblocking_connect();
	data();
	shutting_down();
	endings();
	echo_across_fork();
	fill_and_drain();
	return 0;
}
