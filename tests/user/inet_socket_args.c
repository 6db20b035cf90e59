/*
 * inet_socket_args - AF_INET sockets over loopback: creation, bind and
 * ports, and the socket options (Linux net/ipv4/af_inet.c inet_create,
 * __inet_bind, inet_connection_sock.c inet_csk_get_port, net/core/sock.c
 * sk_setsockopt/sk_getsockopt, net/ipv4/tcp.c do_tcp_setsockopt):
 *   - socket(AF_INET, ...): SOCK_STREAM with 0 or IPPROTO_TCP, SOCK_DGRAM
 *     with 0 or IPPROTO_UDP; a wrong protocol EPROTONOSUPPORT, one out of
 *     range EINVAL, SOCK_SEQPACKET ESOCKTNOSUPPORT, SOCK_RAW with protocol
 *     0 EPROTONOSUPPORT, and EPERM for raw sockets without CAP_NET_RAW;
 *     socketpair(AF_INET) EOPNOTSUPP; fstat shows S_IFSOCK;
 *   - bind: a short length EINVAL, a wrong family EAFNOSUPPORT (AF_UNSPEC
 *     only with INADDR_ANY), a foreign address EADDRNOTAVAIL (any 127.x is
 *     local), port 0 picks one in 32768-60999, a second bind EINVAL, a
 *     port below 1024 EACCES without CAP_NET_BIND_SERVICE;
 *   - EADDRINUSE for a taken port (wildcard or same address), two
 *     addresses of 127/8 may share it, SO_REUSEADDR on both lets two
 *     non-listening sockets share it but not two listeners, a closed
 *     socket frees its port at once; TCP and UDP ports are separate;
 *   - listen on an unbound socket binds it to INADDR_ANY and a port;
 *   - getsockname of a fresh socket: 0.0.0.0 port 0, length 16;
 *     getpeername ENOTCONN;
 *   - options: SO_TYPE, SO_DOMAIN, SO_PROTOCOL (also for protocol 0),
 *     SO_ACCEPTCONN, SO_RCVBUF/SO_SNDBUF defaults (TCP 131072/16384, UDP
 *     212992) and Linux's doubling with its minimum (2304/4608),
 *     SO_REUSEADDR/SO_REUSEPORT/SO_KEEPALIVE/SO_LINGER, TCP_NODELAY,
 *     TCP_CORK, TCP_KEEPIDLE read back; a short optlen EINVAL; unknown
 *     names ENOPROTOOPT; a level the socket does not have ENOPROTOOPT to
 *     set and EOPNOTSUPP to get.
 */
#include "fsutil.h"
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#define SA(a) ((struct sockaddr *)(a))

static struct sockaddr_in in4(const char *addr, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	a.sin_addr.s_addr = inet_addr(addr);
	return a;
}

static int port_of(int s)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	if (getsockname(s, SA(&a), &len) < 0)
		return -1;
	return ntohs(a.sin_port);
}

static int geti(int s, int level, int name)
{
	int v = -7;
	socklen_t len = sizeof v;
	if (getsockopt(s, level, name, &v, &len) < 0)
		return -errno;
	return v;
}

static void seti(const char *label, int s, int level, int name, int v)
{
	SHOW(label, setsockopt(s, level, name, &v, sizeof v));
}

static void creation(void)
{
	int sv[2];
	struct stat st;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	SHOW("stream, protocol 0", s);
	printf("O_NONBLOCK %d, FD_CLOEXEC %d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK), !!(fcntl(s, F_GETFD) & FD_CLOEXEC));
	fstat(s, &st);
	printf("fstat: socket %d\n", S_ISSOCK(st.st_mode));
	close(s);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	SHOW("stream, IPPROTO_TCP", s);
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	SHOW("dgram, protocol 0", s);
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	SHOW("dgram, IPPROTO_UDP", s);
	close(s);
	SHOW("stream, IPPROTO_UDP", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
	SHOW("dgram, IPPROTO_TCP", socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
	SHOW("stream, protocol 300", socket(AF_INET, SOCK_STREAM, 300));
	SHOW("stream, protocol -1", socket(AF_INET, SOCK_STREAM, -1));
	SHOW("stream, protocol 132 (SCTP)", socket(AF_INET, SOCK_STREAM, 132));
	SHOW("seqpacket", socket(AF_INET, SOCK_SEQPACKET, 0));
	SHOW("SOCK_RDM", socket(AF_INET, SOCK_RDM, 0));
	SHOW("raw, protocol 0", socket(AF_INET, SOCK_RAW, 0));
	SHOW("type 15", socket(AF_INET, 15, 0));
	SHOW("socketpair(AF_INET, SOCK_STREAM)", socketpair(AF_INET, SOCK_STREAM, 0, sv));
	SHOW("socketpair(AF_INET, SOCK_DGRAM)", socketpair(AF_INET, SOCK_DGRAM, 0, sv));
	SHOW("socketpair(AF_INET, SOCK_SEQPACKET)", socketpair(AF_INET, SOCK_SEQPACKET, 0, sv));
}

/* Without the capabilities: raw sockets and ports below 1024. */
static void unprivileged(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct sockaddr_in a = in4("127.0.0.1", 80);
		int s;
		if (setuid(65534) < 0)
			_exit(1);
		SHOW("as nobody: raw ICMP", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
		s = socket(AF_INET, SOCK_STREAM, 0);
		SHOW("as nobody: bind port 80", bind(s, SA(&a), sizeof a));
		a.sin_port = htons(0);
		SHOW("as nobody: bind port 0", bind(s, SA(&a), sizeof a));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void binding(void)
{
	struct sockaddr_in a = in4("127.0.0.1", 0), got;
	socklen_t len = sizeof got;
	int s = socket(AF_INET, SOCK_STREAM, 0), t, port;

	SHOW("getsockname of a fresh socket", getsockname(s, SA(&got), &len));
	printf("family AF_INET %d, address 0 %d, port 0 %d, len %d\n", got.sin_family == AF_INET,
	       got.sin_addr.s_addr == 0, got.sin_port == 0, (int)len);
	len = sizeof got;
	SHOW("getpeername of a fresh socket", getpeername(s, SA(&got), &len));
	SHOW("bind, length 15", bind(s, SA(&a), 15));
	a.sin_family = 99;
	SHOW("bind, family 99", bind(s, SA(&a), sizeof a));
	a.sin_family = AF_UNSPEC;
	SHOW("bind, AF_UNSPEC with 127.0.0.1", bind(s, SA(&a), sizeof a));
	a = in4("10.1.2.3", 0);
	SHOW("bind 10.1.2.3", bind(s, SA(&a), sizeof a));
	a = in4("0.0.0.0", 0);
	a.sin_family = AF_UNSPEC;
	SHOW("bind, AF_UNSPEC with INADDR_ANY", bind(s, SA(&a), sizeof a));
	port = port_of(s);
	printf("port 0 gave an ephemeral port: %d\n", port >= 32768 && port <= 60999);
	len = sizeof got;
	getsockname(s, SA(&got), &len);
	printf("getsockname: AF_INET %d, INADDR_ANY %d\n", got.sin_family == AF_INET, got.sin_addr.s_addr == 0);
	a = in4("127.0.0.1", 0);
	SHOW("bind again", bind(s, SA(&a), sizeof a));
	a = in4("10.1.2.3", 0);
	SHOW("bind again to 10.1.2.3", bind(s, SA(&a), sizeof a));

	t = socket(AF_INET, SOCK_STREAM, 0);
	a = in4("127.0.0.1", port);
	SHOW("a second socket: 127.0.0.1, the same port", bind(t, SA(&a), sizeof a));
	close(s);
	SHOW("after close, the port is free", bind(t, SA(&a), sizeof a));
	s = socket(AF_INET, SOCK_STREAM, 0);
	a = in4("127.0.0.2", port);
	SHOW("127.0.0.2, same port", bind(s, SA(&a), sizeof a));
	close(s);
	s = socket(AF_INET, SOCK_STREAM, 0);
	a = in4("0.0.0.0", port);
	SHOW("INADDR_ANY, same port", bind(s, SA(&a), sizeof a));
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	SHOW("UDP, same port", bind(s, SA(&a), sizeof a));
	close(s);
	close(t);

	a = in4("127.9.8.7", 0);
	s = socket(AF_INET, SOCK_STREAM, 0);
	SHOW("bind 127.9.8.7", bind(s, SA(&a), sizeof a));
	close(s);
}

static void reuse(void)
{
	struct sockaddr_in a = in4("127.0.0.1", 0);
	int s = socket(AF_INET, SOCK_STREAM, 0), t = socket(AF_INET, SOCK_STREAM, 0);
	int u = socket(AF_INET, SOCK_DGRAM, 0), v = socket(AF_INET, SOCK_DGRAM, 0);

	seti("SO_REUSEADDR on s", s, SOL_SOCKET, SO_REUSEADDR, 1);
	seti("SO_REUSEADDR on t", t, SOL_SOCKET, SO_REUSEADDR, 1);
	bind(s, SA(&a), sizeof a);
	a.sin_port = htons(port_of(s));
	SHOW("both SO_REUSEADDR, neither listening", bind(t, SA(&a), sizeof a));
	SHOW("s listens", listen(s, 1));
	SHOW("t listens too", listen(t, 1));
	close(t);
	t = socket(AF_INET, SOCK_STREAM, 0);
	seti("SO_REUSEADDR on a third", t, SOL_SOCKET, SO_REUSEADDR, 1);
	SHOW("bind beside a listener", bind(t, SA(&a), sizeof a));
	close(s);
	close(t);

	a.sin_port = 0;
	bind(u, SA(&a), sizeof a);
	a.sin_port = htons(port_of(u));
	SHOW("UDP: same port, no SO_REUSEADDR", bind(v, SA(&a), sizeof a));
	close(u);
	close(v);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	v = socket(AF_INET, SOCK_DGRAM, 0);
	seti("SO_REUSEADDR on u", u, SOL_SOCKET, SO_REUSEADDR, 1);
	seti("SO_REUSEADDR on v", v, SOL_SOCKET, SO_REUSEADDR, 1);
	a.sin_port = 0;
	bind(u, SA(&a), sizeof a);
	a.sin_port = htons(port_of(u));
	SHOW("UDP: both SO_REUSEADDR", bind(v, SA(&a), sizeof a));
	close(u);
	close(v);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	v = socket(AF_INET, SOCK_DGRAM, 0);
	seti("SO_REUSEPORT on u", u, SOL_SOCKET, SO_REUSEPORT, 1);
	seti("SO_REUSEPORT on v", v, SOL_SOCKET, SO_REUSEPORT, 1);
	a.sin_port = 0;
	bind(u, SA(&a), sizeof a);
	a.sin_port = htons(port_of(u));
	SHOW("UDP: both SO_REUSEPORT", bind(v, SA(&a), sizeof a));
	close(u);
	close(v);

	s = socket(AF_INET, SOCK_STREAM, 0);
	SHOW("listen on an unbound socket", listen(s, 5));
	printf("it has a port in range: %d\n", port_of(s) >= 32768 && port_of(s) <= 60999);
	printf("SO_ACCEPTCONN: %d\n", geti(s, SOL_SOCKET, SO_ACCEPTCONN));
	SHOW("listen again (a new backlog)", listen(s, 1));
	close(s);
}

static void options(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	struct linger lg = { 1, 5 };
	socklen_t len;
	int v;

	printf("TCP: SO_TYPE %d SO_DOMAIN %d SO_PROTOCOL %d SO_ACCEPTCONN %d SO_ERROR %d\n", geti(t, SOL_SOCKET, SO_TYPE),
	       geti(t, SOL_SOCKET, SO_DOMAIN), geti(t, SOL_SOCKET, SO_PROTOCOL), geti(t, SOL_SOCKET, SO_ACCEPTCONN),
	       geti(t, SOL_SOCKET, SO_ERROR));
	printf("UDP: SO_TYPE %d SO_DOMAIN %d SO_PROTOCOL %d SO_ACCEPTCONN %d\n", geti(u, SOL_SOCKET, SO_TYPE),
	       geti(u, SOL_SOCKET, SO_DOMAIN), geti(u, SOL_SOCKET, SO_PROTOCOL), geti(u, SOL_SOCKET, SO_ACCEPTCONN));
	printf("TCP buffers: SO_RCVBUF %d SO_SNDBUF %d\n", geti(t, SOL_SOCKET, SO_RCVBUF), geti(t, SOL_SOCKET, SO_SNDBUF));
	printf("UDP buffers: SO_RCVBUF %d SO_SNDBUF %d\n", geti(u, SOL_SOCKET, SO_RCVBUF), geti(u, SOL_SOCKET, SO_SNDBUF));
	seti("SO_RCVBUF 100000", u, SOL_SOCKET, SO_RCVBUF, 100000);
	seti("SO_SNDBUF 100000", u, SOL_SOCKET, SO_SNDBUF, 100000);
	printf("doubled: %d %d\n", geti(u, SOL_SOCKET, SO_RCVBUF), geti(u, SOL_SOCKET, SO_SNDBUF));
	seti("SO_RCVBUF 1000", t, SOL_SOCKET, SO_RCVBUF, 1000);
	seti("SO_SNDBUF 1000", t, SOL_SOCKET, SO_SNDBUF, 1000);
	printf("the minimums: %d %d\n", geti(t, SOL_SOCKET, SO_RCVBUF), geti(t, SOL_SOCKET, SO_SNDBUF));
	seti("SO_RCVBUF 2000", t, SOL_SOCKET, SO_RCVBUF, 2000);
	printf("2000 doubled: %d\n", geti(t, SOL_SOCKET, SO_RCVBUF));

	printf("defaults: SO_REUSEADDR %d SO_REUSEPORT %d SO_KEEPALIVE %d TCP_NODELAY %d TCP_CORK %d\n",
	       geti(t, SOL_SOCKET, SO_REUSEADDR), geti(t, SOL_SOCKET, SO_REUSEPORT), geti(t, SOL_SOCKET, SO_KEEPALIVE),
	       geti(t, IPPROTO_TCP, TCP_NODELAY), geti(t, IPPROTO_TCP, TCP_CORK));
	seti("SO_REUSEADDR 2", t, SOL_SOCKET, SO_REUSEADDR, 2);
	seti("SO_REUSEPORT 1", t, SOL_SOCKET, SO_REUSEPORT, 1);
	seti("SO_KEEPALIVE 1", t, SOL_SOCKET, SO_KEEPALIVE, 1);
	seti("TCP_NODELAY 5", t, IPPROTO_TCP, TCP_NODELAY, 5);
	seti("TCP_CORK 1", t, IPPROTO_TCP, TCP_CORK, 1);
	seti("TCP_KEEPIDLE 60", t, IPPROTO_TCP, TCP_KEEPIDLE, 60);
	seti("TCP_KEEPIDLE 0", t, IPPROTO_TCP, TCP_KEEPIDLE, 0);
	printf("read back: SO_REUSEADDR %d SO_REUSEPORT %d SO_KEEPALIVE %d TCP_NODELAY %d TCP_CORK %d TCP_KEEPIDLE %d\n",
	       geti(t, SOL_SOCKET, SO_REUSEADDR), geti(t, SOL_SOCKET, SO_REUSEPORT), geti(t, SOL_SOCKET, SO_KEEPALIVE),
	       geti(t, IPPROTO_TCP, TCP_NODELAY), geti(t, IPPROTO_TCP, TCP_CORK), geti(t, IPPROTO_TCP, TCP_KEEPIDLE));

	len = sizeof lg;
	getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len);
	printf("SO_LINGER default: on %d, %d s, len %d\n", lg.l_onoff, lg.l_linger, (int)len);
	lg = (struct linger){ 1, 5 };
	SHOW("SO_LINGER, length 4", setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, 4));
	SHOW("SO_LINGER on, 5 s", setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	lg = (struct linger){ 0, 9 };
	len = sizeof lg;
	getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len);
	printf("SO_LINGER: on %d, %d s\n", lg.l_onoff, lg.l_linger);
	lg = (struct linger){ 0, 9 };
	setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	len = sizeof lg;
	getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len);
	printf("SO_LINGER off (time 9 ignored): on %d, %d s\n", lg.l_onoff, lg.l_linger);

	v = 1;
	SHOW("SO_KEEPALIVE, length 3", setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &v, 3));
	SHOW("TCP_NODELAY, length 2", setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, 2));
	SHOW("SOL_SOCKET option 999", setsockopt(t, SOL_SOCKET, 999, &v, sizeof v));
	printf("get SOL_SOCKET option 999: %s\n", errno_name(-geti(t, SOL_SOCKET, 999)));
	SHOW("SO_TYPE is read-only", setsockopt(t, SOL_SOCKET, SO_TYPE, &v, sizeof v));
	SHOW("IPPROTO_TCP option 999", setsockopt(t, IPPROTO_TCP, 999, &v, sizeof v));
	printf("get IPPROTO_TCP option 999: %s\n", errno_name(-geti(t, IPPROTO_TCP, 999)));
	SHOW("level 1234", setsockopt(t, 1234, 1, &v, sizeof v));
	printf("get level 1234: %s\n", errno_name(-geti(t, 1234, 1)));
	SHOW("UDP: TCP_NODELAY", setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v));
	printf("UDP: get TCP_NODELAY: %s\n", errno_name(-geti(u, IPPROTO_TCP, TCP_NODELAY)));
	v = 0;
	len = 2;
	SHOW("get SO_TYPE into 2 bytes", getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &len));
	printf("len %d, value %d\n", (int)len, v);
	len = -1;
	SHOW("get with length -1", getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &len));
	close(t);
	close(u);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	creation();
	unprivileged();
	binding();
	reuse();
	options();
	return 0;
}
