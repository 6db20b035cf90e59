/*
 * socketpair_unix - AF_UNIX socket pairs (Linux net/unix/af_unix.c):
 *   - socketpair for SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET; bad family
 *     (EAFNOSUPPORT), bad type (ESOCKTNOSUPPORT), bad protocol
 *     (EPROTONOSUPPORT), unknown type flags (EINVAL); fstat says S_IFSOCK;
 *     SOCK_CLOEXEC and SOCK_NONBLOCK land on the descriptors and files;
 *   - a stream carries bytes both ways and joins sends: two writes, one read;
 *     a datagram pair keeps message boundaries and cuts a long message to
 *     the buffer (MSG_TRUNC in recvmsg's flags, the real length with
 *     recv(MSG_TRUNC)); MSG_PEEK leaves data in place;
 *   - non-blocking: an empty socket is EAGAIN, a full one too (then poll
 *     has no POLLOUT), MSG_DONTWAIT on a blocking one;
 *   - shutdown(SHUT_WR): the peer reads EOF; a send after it is EPIPE with
 *     SIGPIPE (or without, given MSG_NOSIGNAL); closing one end: the other
 *     reads EOF and gets POLLHUP; a write gets EPIPE;
 *   - a blocking read is woken by a child's write; sendmsg/recvmsg with two
 *     iovecs; send on a pipe is ENOTSOCK, on a bad fd EBADF;
 *   - getsockopt SO_TYPE and SO_DOMAIN, getsockname's family;
 *   - SCM_RIGHTS: a pipe's read end sent to a child arrives as a new
 *     descriptor that reads what the parent writes; MSG_CMSG_CLOEXEC marks
 *     it close-on-exec; control room for no descriptor gives MSG_CTRUNC;
 *     a bad descriptor in the message is EBADF.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static void show(const char *what, long r)
{
	printf("%-46s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

static volatile int sigpipes;
static void on_pipe(int s) { (void)s; sigpipes++; }

static void creation(void)
{
	int sv[2];
	struct stat st;

	show("socketpair(family 200, STREAM)", socketpair(200, SOCK_STREAM, 0, sv));
	show("socketpair(AF_UNIX, type 9)", socketpair(AF_UNIX, 9, 0, sv));
	show("socketpair(AF_UNIX, STREAM, protocol 7)", socketpair(AF_UNIX, SOCK_STREAM, 7, sv));
	show("socketpair(AF_UNIX, STREAM | 0x100)", socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, sv));
	show("socketpair(AF_UNIX, STREAM|NONBLOCK|CLOEXEC)", socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
	fstat(sv[0], &st);
	printf("S_ISSOCK %d, FD_CLOEXEC %d, O_NONBLOCK %d %d\n", S_ISSOCK(st.st_mode), fcntl(sv[0], F_GETFD) & FD_CLOEXEC,
	       !!(fcntl(sv[0], F_GETFL) & O_NONBLOCK), !!(fcntl(sv[1], F_GETFL) & O_NONBLOCK));
	close(sv[0]);
	close(sv[1]);
}

static void stream(void)
{
	int sv[2], v, s;
	socklen_t len = sizeof v;
	char buf[64];
	struct sockaddr_un sa;
	struct pollfd p;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	show("write 5 then 6", write(sv[0], "hello", 5) + write(sv[0], " world", 6));
	show("read 64 gets both", read(sv[1], buf, sizeof buf));
	show("reply the other way", write(sv[1], "ok", 2));
	show("read it", read(sv[0], buf, sizeof buf));
	send(sv[0], "peek", 4, 0);
	show("recv MSG_PEEK", recv(sv[1], buf, sizeof buf, MSG_PEEK));
	show("recv after the peek", recv(sv[1], buf, sizeof buf, 0));
	show("recv MSG_DONTWAIT, empty", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
	getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len);
	printf("SO_TYPE %d (STREAM %d), len %d\n", v, SOCK_STREAM, (int)len);
	getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &v, &len);
	printf("SO_DOMAIN %d\n", v);
	len = sizeof sa;
	show("getsockname", getsockname(sv[0], (struct sockaddr *)&sa, &len));
	printf("family %d, len %d\n", sa.sun_family, (int)len);
	show("shutdown(SHUT_WR)", shutdown(sv[0], SHUT_WR));
	show("peer reads EOF", read(sv[1], buf, sizeof buf));
	signal(SIGPIPE, on_pipe);
	show("send after SHUT_WR", send(sv[0], "x", 1, 0));
	show("send MSG_NOSIGNAL after SHUT_WR", send(sv[0], "x", 1, MSG_NOSIGNAL));
	printf("SIGPIPEs: %d\n", sigpipes);
	show("shutdown(7)", shutdown(sv[0], 7));
	close(sv[1]);
	p = (struct pollfd){ sv[0], POLLIN | POLLOUT, 0 };
	poll(&p, 1, 0);
	printf("after the peer closed: POLLIN %d POLLHUP %d\n", !!(p.revents & POLLIN), !!(p.revents & POLLHUP));
	show("read after the peer closed", read(sv[0], buf, sizeof buf));
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	show("write to a closed peer", write(sv[0], "x", 1));
	printf("SIGPIPEs: %d\n", sigpipes);
	close(sv[0]);
	s = open("/dev/null", O_RDONLY);
	show("send on /dev/null", send(s, "x", 1, 0));
	close(s);
	show("send on fd 999", send(999, "x", 1, 0));
}

static void datagrams(int type, const char *name)
{
	int sv[2];
	char buf[8];
	struct iovec iov[2];
	struct msghdr m;

	socketpair(AF_UNIX, type, 0, sv);
	printf("%s:\n", name);
	send(sv[0], "first", 5, 0);
	send(sv[0], "second message", 14, 0);
	send(sv[0], "", 0, 0);
	show("  recv 64 takes one message", recv(sv[1], buf, 5, 0));
	memset(&m, 0, sizeof m);
	iov[0] = (struct iovec){ buf, 3 };
	iov[1] = (struct iovec){ buf + 3, 3 };
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	show("  recvmsg into 3+3 bytes", recvmsg(sv[1], &m, 0));
	printf("  MSG_TRUNC %d, got %.6s\n", !!(m.msg_flags & MSG_TRUNC), buf);
	show("  the empty message", recv(sv[1], buf, sizeof buf, 0));
	send(sv[0], "0123456789", 10, 0);
	show("  recv(MSG_TRUNC) into 4", recv(sv[1], buf, 4, MSG_TRUNC));
	iov[0] = (struct iovec){ "ab", 2 };
	iov[1] = (struct iovec){ "cd", 2 };
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	show("  sendmsg 2+2", sendmsg(sv[0], &m, 0));
	show("  recv it", recv(sv[1], buf, sizeof buf, 0));
	close(sv[0]);
	close(sv[1]);
}

static void blocking(void)
{
	int sv[2], n = 0;
	char buf[4096] = { 0 };
	struct pollfd p;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	while (write(sv[0], buf, sizeof buf) > 0 && n < 10000)
		n++;
	printf("non-blocking fill stops with %s after some data %d\n", errno_name(errno), n > 4);
	p = (struct pollfd){ sv[0], POLLOUT, 0 };
	poll(&p, 1, 0);
	printf("full: POLLOUT %d\n", !!(p.revents & POLLOUT));
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if ((pid = fork()) == 0) {
		usleep(30000);
		write(sv[1], "late", 4);
		_exit(0);
	}
	show("blocking read woken by a child's write", read(sv[0], buf, sizeof buf));
	waitpid(pid, NULL, 0);
	close(sv[0]);
	close(sv[1]);
}

static int send_fd(int sock, int fd)
{
	char byte = 'F';
	struct iovec iov = { &byte, 1 };
	union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	return sendmsg(sock, &m, 0);
}

/* => the received descriptor, -1 if none; *flags gets msg_flags. */
static int recv_fd(int sock, int rflags, size_t room, int *flags)
{
	char byte;
	struct iovec iov = { &byte, 1 };
	union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = room };
	struct cmsghdr *c;
	int fd = -1;

	if (recvmsg(sock, &m, rflags) < 0)
		return -2;
	*flags = m.msg_flags;
	c = CMSG_FIRSTHDR(&m);
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

static void rights(void)
{
	int sv[2], p[2], flags = 0, fd, st;
	char buf[32] = { 0 };
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	if ((pid = fork()) == 0) {
		int got = recv_fd(sv[1], MSG_CMSG_CLOEXEC, CMSG_SPACE(sizeof(int)), &flags);
		ssize_t n = read(got, buf, sizeof buf - 1);
		printf("child: got a descriptor %d, cloexec %d, read \"%.*s\"\n", got >= 0,
		       fcntl(got, F_GETFD) & FD_CLOEXEC, (int)(n > 0 ? n : 0), buf);
		_exit(0);
	}
	show("sendmsg with SCM_RIGHTS (a pipe's read end)", send_fd(sv[0], p[0]));
	write(p[1], "through the pipe", 16);
	waitpid(pid, &st, 0);
	show("sendmsg again", send_fd(sv[0], p[0]));
	fd = recv_fd(sv[1], 0, 0, &flags);
	printf("no control room: descriptor %d, MSG_CTRUNC %d\n", fd >= 0, !!(flags & MSG_CTRUNC));
	show("sendmsg naming fd 999", send_fd(sv[0], 999));
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	creation();
	stream();
	datagrams(SOCK_DGRAM, "SOCK_DGRAM");
	datagrams(SOCK_SEQPACKET, "SOCK_SEQPACKET");
	blocking();
	rights();
	return 0;
}
