/*
 * unix_dgram_abstract - abstract names, autobind and named datagram
 * sockets (Linux net/unix/af_unix.c: unix_autobind, unix_bind_abstract,
 * unix_dgram_connect, unix_dgram_sendmsg, unix_dgram_poll):
 *   - autobind (bind with only sun_family) picks "\0" and five hex digits,
 *     length 8; a second one changes nothing;
 *   - an abstract name makes no file, is per socket type (a stream and a
 *     datagram socket may share it, two streams may not: EADDRINUSE), and
 *     is free again once its socket closes;
 *   - sendto a name; recvfrom gives the sender's name (length 0 for an
 *     unnamed sender), the reply goes back to it; a path name works too;
 *   - a connected datagram socket: send without a name, getpeername;
 *     a receiver connected elsewhere refuses others (EPERM); AF_UNSPEC
 *     disconnects (then send is ENOTCONN);
 *   - a receiver not connected back takes 11 datagrams (max_dgram_qlen 10),
 *     then the sender gets EAGAIN and poll shows no POLLOUT until one is read;
 *   - the peer closes: the next send is ECONNREFUSED, then ENOTCONN;
 *     a datagram pair gets no end of file (EAGAIN) after the peer closes;
 *   - seqpacket over an abstract name keeps message boundaries.
 */
#include "fsutil.h"
#include <poll.h>
#include <ctype.h>
#include <sys/socket.h>
#include <sys/un.h>

#define SA(a) ((struct sockaddr *)(a))

static int dgram(void) { return socket(AF_UNIX, SOCK_DGRAM, 0); }

/* An abstract name unique to this run: "\0fl-NAME-pid"; its length. */
static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	return 2 + 1 + snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "fl-%s-%d", name, (int)getpid());
}

static void autobind(void)
{
	struct sockaddr_un a = { AF_UNIX }, b;
	socklen_t len = sizeof a;
	int s = dgram(), hex = 1;

	SHOW("autobind (addrlen 2)", bind(s, SA(&a), 2));
	getsockname(s, SA(&a), &len);
	for (int i = 1; i <= 5; i++)
		hex &= !!isxdigit((unsigned char)a.sun_path[i]);
	printf("autobound name: len %d, abstract %d, five hex digits %d\n", (int)len, a.sun_path[0] == 0, hex);
	SHOW("autobind again", bind(s, SA(&a), 2));
	len = sizeof b;
	getsockname(s, SA(&b), &len);
	printf("same name after it: %d\n", len == 8 && !memcmp(a.sun_path, b.sun_path, 6));
	close(s);
}

static void abstract_names(void)
{
	struct sockaddr_un a;
	socklen_t len = abstract(&a, "names");
	int st = socket(AF_UNIX, SOCK_STREAM, 0), dg = dgram(), st2 = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un got;
	socklen_t glen = sizeof got;

	SHOW("bind a stream to an abstract name", bind(st, SA(&a), len));
	getsockname(st, SA(&got), &glen);
	printf("getsockname: len is the bind's %d, same bytes %d\n", glen == len, !memcmp(&got, &a, len));
	SHOW("bind a datagram socket to the same name", bind(dg, SA(&a), len));
	SHOW("bind another stream to it", bind(st2, SA(&a), len));
	SHOW("bind the stream to a second name", bind(st, SA(&a), len - 1));
	close(st);
	SHOW("after close, the name is free", bind(st2, SA(&a), len));
	close(st2);
	close(dg);
}

static void names_on_datagrams(const char *dir)
{
	struct sockaddr_un srv, from, path = { AF_UNIX };
	socklen_t slen = abstract(&srv, "srv"), flen;
	int s = dgram(), anon = dgram(), named = dgram(), ps = dgram();
	char buf[32];
	ssize_t n;

	bind(s, SA(&srv), slen);
	SHOWN("unnamed sendto the server", sendto(anon, "ping", 4, 0, SA(&srv), slen));
	flen = sizeof from;
	n = recvfrom(s, buf, sizeof buf, 0, SA(&from), &flen);
	printf("recvfrom: %zd bytes, fromlen %d\n", n, (int)flen);
	bind(named, SA(&from), 2);		/* autobind */
	SHOWN("autobound sendto the server", sendto(named, "ping2", 5, 0, SA(&srv), slen));
	flen = sizeof from;
	n = recvfrom(s, buf, sizeof buf, 0, SA(&from), &flen);
	printf("recvfrom: %zd bytes, fromlen %d, abstract %d\n", n, (int)flen, from.sun_path[0] == 0);
	SHOWN("reply to that name", sendto(s, "pong", 4, 0, SA(&from), flen));
	flen = sizeof from;
	n = recvfrom(named, buf, sizeof buf, 0, SA(&from), &flen);
	printf("client gets %.*s from the server's name: %d\n", (int)n, buf, flen == slen && !memcmp(&from, &srv, slen));
	send(anon, "x", 1, 0);			/* not connected */
	printf("unconnected send: %s\n", errno_name(errno));
	sendto(named, "x", 1, 0, SA(&srv), slen);
	flen = 3;
	recvfrom(s, buf, sizeof buf, 0, SA(&from), &flen);
	printf("recvfrom with room for 3: fromlen %d (the whole length)\n", (int)flen);

	path_in(path.sun_path, sizeof path.sun_path, dir, "dgram.sock");
	SHOW("bind a datagram socket to a path", bind(ps, SA(&path), sizeof path));
	SHOWN("sendto the path", sendto(anon, "by path", 7, 0, SA(&path), sizeof path));
	SHOWN("recv it", recv(ps, buf, sizeof buf, 0));
	close(s);
	close(anon);
	close(named);
	close(ps);
}

static void connected(void)
{
	struct sockaddr_un a, b, un = { AF_UNSPEC };
	socklen_t alen = abstract(&a, "conn-a"), blen = abstract(&b, "conn-b"), plen;
	int sa = dgram(), sb = dgram(), other = dgram(), c;
	char buf[16];

	bind(sa, SA(&a), alen);
	bind(sb, SA(&b), blen);
	SHOW("connect a to b", connect(sa, SA(&b), blen));
	SHOWN("send without a name", send(sa, "hi b", 4, 0));
	SHOWN("b reads it", recv(sb, buf, sizeof buf, 0));
	plen = sizeof b;
	SHOW("getpeername", getpeername(sa, SA(&b), &plen));
	printf("peer len is b's %d\n", plen == blen);
	SHOW("connect b to a", connect(sb, SA(&a), alen));
	SHOWN("a third socket sends to a (connected to b)", sendto(other, "x", 1, 0, SA(&a), alen));
	SHOW("connect a with AF_UNSPEC", connect(sa, SA(&un), sizeof un));
	SHOWN("send after it", send(sa, "x", 1, 0));
	plen = sizeof b;
	SHOW("getpeername after it", getpeername(sa, SA(&b), &plen));
	SHOW("connect a to b again", connect(sa, SA(&b), blen));
	close(sb);
	SHOWN("b closed: send", send(sa, "x", 1, 0));
	SHOWN("send again", send(sa, "x", 1, 0));
	close(sa);
	close(other);

	int sv[2];
	socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv);
	close(sv[1]);
	SHOWN("datagram pair, peer closed: read", read(sv[0], buf, sizeof buf));
	SHOWN("write", write(sv[0], "x", 1));
	close(sv[0]);
	c = dgram();
	SHOW("connect to a closed name", connect(c, SA(&b), blen));
	close(c);
}

static void queue_limit(void)
{
	struct sockaddr_un a;
	socklen_t alen = abstract(&a, "full");
	int r = dgram(), s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0), n;
	struct pollfd p = { s, POLLOUT, 0 };
	char buf[4];

	bind(r, SA(&a), alen);
	for (n = 0; n < 20 && sendto(s, "x", 1, 0, SA(&a), alen) == 1; n++)
		;
	printf("datagrams queued before %s: %d\n", errno_name(errno), n);
	connect(s, SA(&a), alen);
	poll(&p, 1, 0);
	printf("poll a sender connected to the full socket: POLLOUT %d\n", !!(p.revents & POLLOUT));
	recv(r, buf, sizeof buf, 0);
	poll(&p, 1, 0);
	printf("after one is read: POLLOUT %d\n", !!(p.revents & POLLOUT));
	close(r);
	close(s);
}

static void seqpacket(void)
{
	struct sockaddr_un a;
	socklen_t alen = abstract(&a, "seq");
	int l = socket(AF_UNIX, SOCK_SEQPACKET, 0), c = socket(AF_UNIX, SOCK_SEQPACKET, 0), s;
	char buf[16];

	bind(l, SA(&a), alen);
	listen(l, 1);
	SHOW("seqpacket connect to an abstract name", connect(c, SA(&a), alen));
	s = accept(l, NULL, NULL);
	send(c, "one", 3, 0);
	send(c, "two!", 4, 0);
	SHOWN("first message", recv(s, buf, sizeof buf, 0));
	SHOWN("second, cut to 2, MSG_TRUNC gives its length", recv(s, buf, 2, MSG_TRUNC));
	close(c);
	SHOWN("peer closed: recv", recv(s, buf, sizeof buf, 0));
	SHOWN("send", send(s, "x", 1, MSG_NOSIGNAL));
	close(s);
	close(l);
}

int main(void)
{
	char dir[64];

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "unix_dgram_abstract");
	autobind();
	abstract_names();
	names_on_datagrams(dir);
	connected();
	queue_limit();
	seqpacket();
	rm_rf(dir);
	return 0;
}
