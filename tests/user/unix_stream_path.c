/*
 * unix_stream_path - a stream echo server and its client, across fork,
 * through a socket file (Linux net/unix/af_unix.c: unix_bind_bsd,
 * unix_listen, unix_stream_connect, unix_accept):
 *   - bind makes an S_IFSOCK file, mode 0777 & ~umask (umask 022: 0755);
 *     getsockname gives the path, length 2 + strlen + 1;
 *   - the listener is readable (POLLIN, no POLLOUT) once a client waits;
 *     accept gives the client's name (unnamed: length 2), the new socket's
 *     own name is the listener's, the client's peer name is the path;
 *   - SO_PEERCRED: the server sees the client's pid, the client the
 *     listener's (the pid that called listen);
 *   - data both ways, MSG_PEEK, a descriptor (SCM_RIGHTS) over the named
 *     connection; shutdown(SHUT_WR) reads as EOF on the other end;
 *   - epoll_wait on the listener wakes when a client connects later
 *     (EPOLLIN); a blocking accept waits for such a client too, and a
 *     client may send before it is accepted;
 *   - unlink removes the file but not the listener: connect by the path is
 *     then ENOENT, and a bind to the path works again;
 *   - closing the listener with a connection nobody accepted: the client
 *     reads ECONNRESET, then EOF; its writes get EPIPE.
 */
#include "fsutil.h"
#include <poll.h>
#include <sys/epoll.h>
#include <ctype.h>
#include <sys/socket.h>
#include <sys/un.h>

static char dir[64];
static struct sockaddr_un sa;

static int client(void)
{
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	return connect(c, (struct sockaddr *)&sa, sizeof sa) < 0 ? -1 : c;
}

/* Send fd over s with one byte (SCM_RIGHTS). */
static void send_fd(int s, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { "F", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	sendmsg(s, &m, 0);
}

static int recv_fd(int s)
{
	char cbuf[CMSG_SPACE(sizeof(int))], b;
	struct iovec iov = { &b, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf };
	int fd = -1;

	if (recvmsg(s, &m, 0) == 1 && CMSG_FIRSTHDR(&m))
		memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof fd);
	return fd;
}

/* The child: connect, talk, pass a pipe, half-close, read to EOF.  It
 * prints only at the end, after the server closed, so the lines keep
 * their order. */
static void client_side(void)
{
	struct sockaddr_un peer;
	struct ucred cred;
	socklen_t len = sizeof peer;
	char buf[64], out[512];
	int c = client(), p[2], o;
	ssize_t n;

	if (c < 0)
		_exit(1);
	getpeername(c, (struct sockaddr *)&peer, &len);
	o = snprintf(out, sizeof out, "client: peer name is the path %d, len ok %d\n",
		     !strcmp(peer.sun_path, sa.sun_path), len == 2 + strlen(sa.sun_path) + 1);
	len = sizeof peer;
	getsockname(c, (struct sockaddr *)&peer, &len);
	o += snprintf(out + o, sizeof out - o, "client: own name len %d\n", (int)len);
	len = sizeof cred;
	getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &len);
	o += snprintf(out + o, sizeof out - o, "client: SO_PEERCRED is the listener's pid %d, euid %d, len %d\n",
		      cred.pid == getppid(), cred.uid == geteuid(), (int)len);
	write(c, "hello, server", 13);
	n = read(c, buf, sizeof buf);
	o += snprintf(out + o, sizeof out - o, "client: echo %.*s\n", (int)n, buf);
	pipe(p);
	send_fd(c, p[0]);
	write(p[1], "through the pipe", 16);
	shutdown(c, SHUT_WR);
	n = read(c, buf, sizeof buf);
	o += snprintf(out + o, sizeof out - o, "client: after SHUT_WR the server says %.*s", (int)n, buf);
	printf("%s, then read %zd\n", out, read(c, buf, sizeof buf));
	_exit(0);
}

static void server_side(int s, pid_t child)
{
	struct ucred cred;
	socklen_t clen = sizeof cred;
	struct sockaddr_un peer, mine;
	socklen_t plen = sizeof peer, mlen = sizeof mine;
	struct pollfd pfd = { s, POLLIN | POLLOUT, 0 };
	char buf[64];
	int a, fd;
	ssize_t n;

	poll(&pfd, 1, 5000);
	printf("listener with a client waiting: POLLIN %d POLLOUT %d\n", !!(pfd.revents & POLLIN),
	       !!(pfd.revents & POLLOUT));
	a = accept(s, (struct sockaddr *)&peer, &plen);
	printf("accept: %s, peer family %d len %d\n", a < 0 ? errno_name(errno) : "ok", peer.sun_family, (int)plen);
	getsockname(a, (struct sockaddr *)&mine, &mlen);
	printf("accepted socket's name is the listener's: %d\n", !strcmp(mine.sun_path, sa.sun_path));
	getsockopt(a, SOL_SOCKET, SO_PEERCRED, &cred, &clen);
	printf("SO_PEERCRED: the client's pid %d, euid %d, egid %d\n", cred.pid == child, cred.uid == geteuid(),
	       cred.gid == getegid());
	SHOWN("recv MSG_PEEK", recv(a, buf, 5, MSG_PEEK));
	n = read(a, buf, sizeof buf);
	printf("server: got %.*s\n", (int)n, buf);
	for (int i = 0; i < n; i++)
		buf[i] = toupper((unsigned char)buf[i]);
	write(a, buf, n);
	fd = recv_fd(a);
	n = read(fd, buf, sizeof buf);
	printf("server: the passed pipe reads %.*s\n", (int)n, buf);
	SHOWN("server: read after the client's SHUT_WR", read(a, buf, sizeof buf));
	write(a, "bye", 3);
	close(a);
}

static void later_client(void)
{
	usleep(100000);
	int c = client();
	write(c, "early", 5);		/* before accept */
	_exit(c < 0);
}

static void pending_at_close(void)
{
	char buf[8];
	int s = socket(AF_UNIX, SOCK_STREAM, 0), c;

	SHOW("bind the unlinked path again", bind(s, (struct sockaddr *)&sa, sizeof sa));
	listen(s, 1);
	c = client();
	SHOWN("client writes before accept", write(c, "abc", 3));
	close(s);
	SHOWN("listener closed: client reads", read(c, buf, sizeof buf));
	SHOWN("then", read(c, buf, sizeof buf));
	SHOWN("and writes", send(c, "x", 1, MSG_NOSIGNAL));
	close(c);
}

int main(void)
{
	struct stat st;
	struct sockaddr_un name;
	socklen_t len = sizeof name;
	int s, status, a;
	char buf[8];

	setvbuf(stdout, NULL, _IONBF, 0);
	umask(022);
	make_tmpdir(dir, sizeof dir, "unix_stream_path");
	sa.sun_family = AF_UNIX;
	path_in(sa.sun_path, sizeof sa.sun_path, dir, "echo.sock");

	s = socket(AF_UNIX, SOCK_STREAM, 0);
	SHOW("bind to a path", bind(s, (struct sockaddr *)&sa, sizeof sa));
	stat(sa.sun_path, &st);
	printf("the file: S_ISSOCK %d mode 0%o\n", S_ISSOCK(st.st_mode), st.st_mode & 07777);
	getsockname(s, (struct sockaddr *)&name, &len);
	printf("getsockname: the path %d, len is 2 + strlen + 1: %d\n", !strcmp(name.sun_path, sa.sun_path),
	       len == 2 + strlen(sa.sun_path) + 1);
	SHOW("listen", listen(s, 5));

	pid_t child = fork();
	if (child == 0)
		client_side();
	server_side(s, child);
	wait(&status);
	printf("client exit %d\n", WEXITSTATUS(status));

	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT }, got = { 0 };
	int ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	if (fork() == 0)
		later_client();
	SHOWN("epoll_wait on the listener", epoll_wait(ep, &got, 1, 5000));
	printf("events: EPOLLIN %d EPOLLOUT %d\n", !!(got.events & EPOLLIN), !!(got.events & EPOLLOUT));
	close(ep);
	wait(&status);
	close(accept(s, NULL, NULL));		/* that client's connection */
	if (fork() == 0)
		later_client();
	a = accept(s, NULL, NULL);		/* blocks until the client comes */
	SHOWN("blocking accept, then read what came before it", read(a, buf, sizeof buf));
	close(a);
	wait(&status);

	SHOW("unlink the socket file", unlink(sa.sun_path));
	SHOW("connect by the unlinked path", client());
	pending_at_close();
	close(s);
	unlink(sa.sun_path);
	rm_rf(dir);
	return 0;
}
