/*
 * unix_socket_errors - every errno of socket, bind, listen, connect,
 * accept and the unconnected send/receive of AF_UNIX, in Linux's order
 * (net/socket.c __sys_socket, move_addr_to_kernel, __sys_accept4;
 * net/unix/af_unix.c unix_create, unix_bind, unix_listen,
 * unix_stream_connect, unix_accept, unix_stream_sendmsg,
 * unix_stream_read_generic), and the waits:
 *   - socket: bad flags or a type past SOCK_MAX EINVAL, an unknown family
 *     EAFNOSUPPORT, a protocol EPROTONOSUPPORT, type 7 ESOCKTNOSUPPORT;
 *     SOCK_RAW is a datagram socket; SOCK_NONBLOCK/SOCK_CLOEXEC land;
 *   - bind: lengths (EINVAL), wrong family, a name that exists
 *     (EADDRINUSE), the path walk (ENOENT, ENOTDIR, EACCES as nobody),
 *     a bound socket (EINVAL, and no file is left), EBADF, ENOTSOCK;
 *   - listen: datagram EOPNOTSUPP, unbound or connected EINVAL;
 *   - connect: nobody listening, not a socket file, a stale socket file
 *     (ECONNREFUSED), EPROTOTYPE, EISCONN, EINVAL lengths, EACCES, a full
 *     backlog (EAGAIN non-blocking; a blocking connect waits for accept);
 *   - accept: EBADF before bad flags (EINVAL) before ENOTSOCK, datagram
 *     EOPNOTSUPP, not listening EINVAL, EAGAIN, accept4's flags on the new
 *     descriptor; a blocking accept interrupted by a signal is EINTR,
 *     under SA_RESTART it goes on; after shutdown EINVAL;
 *   - unconnected: write ENOTCONN, read EINVAL, sendto a name EOPNOTSUPP
 *     (EISCONN once connected), seqpacket ENOTCONN both ways,
 *     getpeername ENOTCONN, SO_PEERCRED nobody (pid 0, ids -1);
 *     getsockname with a short length.
 */
#include "fsutil.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#define SA(a) ((struct sockaddr *)(a))

static char dir[64];
static struct sockaddr_un sa;		/* dir/s.sock */

static int sock(int type) { return socket(AF_UNIX, type, 0); }

static struct sockaddr_un *at(const char *name)
{
	static struct sockaddr_un a;
	a.sun_family = AF_UNIX;
	path_in(a.sun_path, sizeof a.sun_path, dir, name);
	return &a;
}

static void creation(void)
{
	int s, v;
	socklen_t len = sizeof v;

	SHOW("socket(AF_UNIX, STREAM | 0x100)", socket(AF_UNIX, SOCK_STREAM | 0x100, 0));
	SHOW("socket(AF_UNIX, type 12)", socket(AF_UNIX, 12, 0));
	SHOW("socket(family 46, STREAM)", socket(46, SOCK_STREAM, 0));
	SHOW("socket(family -1, STREAM)", socket(-1, SOCK_STREAM, 0));
	SHOW("socket(family 200, type 12)", socket(200, 12, 0));
	SHOW("socket(AF_UNIX, STREAM, protocol 2)", socket(AF_UNIX, SOCK_STREAM, 2));
	SHOW("socket(AF_UNIX, STREAM, PF_UNIX)", s = socket(AF_UNIX, SOCK_STREAM, PF_UNIX));
	close(s);
	SHOW("socket(AF_UNIX, type 7)", socket(AF_UNIX, 7, 0));
	s = socket(AF_UNIX, SOCK_RAW, 0);
	getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
	printf("SOCK_RAW gives SO_TYPE %d (DGRAM %d)\n", v, SOCK_DGRAM);
	close(s);
	s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	printf("NONBLOCK %d CLOEXEC %d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK), !!(fcntl(s, F_GETFD) & FD_CLOEXEC));
	close(s);
}

static void binding(void)
{
	int s = sock(SOCK_STREAM), t = sock(SOCK_STREAM), f;
	struct sockaddr_un bad = sa;
	struct stat st;

	SHOW("bind addrlen 1", bind(s, SA(&sa), 1));
	SHOW("bind addrlen 111", bind(s, SA(&sa), 111));
	SHOW("bind addrlen 129", bind(s, SA(&sa), 129));
	SHOW("bind addrlen -1", bind(s, SA(&sa), -1));
	bad.sun_family = AF_INET;
	SHOW("bind family AF_INET", bind(s, SA(&bad), sizeof bad));
	SHOW("bind family AF_INET, addrlen 2", bind(s, SA(&bad), 2));
	f = open(at("file")->sun_path, O_CREAT | O_WRONLY, 0644);
	close(f);
	SHOW("bind to an existing file", bind(s, SA(at("file")), sizeof sa));
	SHOW("bind in a missing directory", bind(s, SA(at("none/s")), sizeof sa));
	SHOW("bind below a file", bind(s, SA(at("file/s")), sizeof sa));
	SHOW("bind", bind(s, SA(&sa), sizeof sa));
	SHOW("bind another socket to the same path", bind(t, SA(&sa), sizeof sa));
	SHOW("bind the bound socket to a new path", bind(s, SA(at("new.sock")), sizeof sa));
	SHOW("no file was left", stat(at("new.sock")->sun_path, &st));
	SHOW("bind fd 99", bind(99, SA(&sa), sizeof sa));
	SHOW("bind a regular file's fd", bind(0, SA(&sa), sizeof sa));
	close(s);
	close(t);
	unlink(sa.sun_path);
}

static void listening(void)
{
	int d = sock(SOCK_DGRAM), s = sock(SOCK_STREAM), sv[2];

	SHOW("listen on a datagram socket", listen(d, 1));
	SHOW("listen unbound", listen(s, 1));
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	SHOW("listen on a connected socket", listen(sv[0], 1));
	SHOW("listen fd 99", listen(99, 1));
	close(d);
	close(s);
	close(sv[0]);
	close(sv[1]);
}

static void connecting(void)
{
	int l = sock(SOCK_STREAM), c = sock(SOCK_STREAM), d = sock(SOCK_DGRAM), n1, n2, a;
	int nb = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);

	bind(l, SA(&sa), sizeof sa);
	SHOW("connect to a bound socket not listening", connect(c, SA(&sa), sizeof sa));
	SHOW("connect to a regular file", connect(c, SA(at("file")), sizeof sa));
	SHOW("connect to a missing path", connect(c, SA(at("nothing")), sizeof sa));
	SHOW("connect below a file", connect(c, SA(at("file/x")), sizeof sa));
	SHOW("connect addrlen 2", connect(c, SA(&sa), 2));
	SHOW("connect addrlen 129", connect(c, SA(&sa), 129));
	SHOW("datagram connect to a stream socket", connect(d, SA(&sa), sizeof sa));
	SHOW("datagram connect addrlen 1", connect(d, SA(&sa), 1));
	listen(l, 0);				/* room for one: backlog + 1 */
	SHOW("connect", connect(c, SA(&sa), sizeof sa));
	SHOW("connect again, backlog full", connect(nb, SA(&sa), sizeof sa));
	a = accept(l, NULL, NULL);
	SHOW("connect a connected socket", connect(c, SA(&sa), sizeof sa));
	SHOW("sendto a name on a connected stream", sendto(c, "x", 1, 0, SA(&sa), sizeof sa));
	n1 = sock(SOCK_STREAM);
	connect(n1, SA(&sa), sizeof sa);	/* fills the backlog again */
	if (fork() == 0) {
		usleep(100000);
		close(accept(l, NULL, NULL));
		_exit(0);
	}
	n2 = sock(SOCK_STREAM);
	SHOW("blocking connect, backlog full, until an accept", connect(n2, SA(&sa), sizeof sa));
	wait(NULL);
	close(l);
	SHOW("connect after the listener closed (the file stays)", connect(nb, SA(&sa), sizeof sa));
	SHOW("connect fd 99", connect(99, SA(&sa), sizeof sa));
	close(a);
	close(c);
	close(d);
	close(nb);
	close(n1);
	close(n2);
	unlink(sa.sun_path);
}

static void as_nobody(void)
{
	int l = sock(SOCK_STREAM), status;

	bind(l, SA(&sa), sizeof sa);		/* mode 0755 under umask 022 */
	listen(l, 1);
	chmod(dir, 0755);
	if (fork() == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(1);
		SHOW("nobody: connect to a 0755 socket", connect(sock(SOCK_STREAM), SA(&sa), sizeof sa));
		SHOW("nobody: bind in a 0755 directory", bind(sock(SOCK_STREAM), SA(at("mine")), sizeof sa));
		_exit(0);
	}
	wait(&status);
	chmod(dir, 0700);
	close(l);
	unlink(sa.sun_path);
}

static volatile int alarms;
static void on_alarm(int s) { (void)s; alarms++; }

static void set_alarm(int flags)
{
	struct sigaction act = { .sa_handler = on_alarm, .sa_flags = flags };
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };

	sigaction(SIGALRM, &act, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void accepting(void)
{
	int l = sock(SOCK_STREAM), d = sock(SOCK_DGRAM), c, a;
	struct sockaddr_un peer;
	socklen_t plen = sizeof peer;

	int null = open("/dev/null", O_RDONLY);

	/* the raw call: musl's accept4 retries an EINVAL as a plain accept */
	SHOW("accept4 fd 99, bad flags", syscall(SYS_accept4, 99, NULL, NULL, 0x1));
	SHOW("accept4 /dev/null, bad flags", syscall(SYS_accept4, null, NULL, NULL, 0x1));
	SHOW("accept4 /dev/null", syscall(SYS_accept4, null, NULL, NULL, 0));
	close(null);
	SHOW("accept on a datagram socket", accept(d, NULL, NULL));
	SHOW("accept on an unbound socket", accept(l, NULL, NULL));
	bind(l, SA(&sa), sizeof sa);
	SHOW("accept bound, not listening", accept(l, NULL, NULL));
	listen(l, 5);
	SHOW("accept4 on a listener, bad flags", syscall(SYS_accept4, l, NULL, NULL, 0x1));
	fcntl(l, F_SETFL, O_NONBLOCK);
	SHOW("accept, none waiting, O_NONBLOCK", accept(l, NULL, NULL));
	fcntl(l, F_SETFL, 0);
	set_alarm(0);
	SHOW("blocking accept, a signal comes", accept(l, NULL, NULL));
	if (fork() == 0) {
		usleep(300000);			/* after the 50 ms alarm */
		c = sock(SOCK_STREAM);
		connect(c, SA(&sa), sizeof sa);
		_exit(0);
	}
	set_alarm(SA_RESTART);
	a = accept4(l, SA(&peer), &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);
	printf("blocking accept4 under SA_RESTART: %s, signals %d, peer len %d\n", a < 0 ? errno_name(errno) : "ok",
	       alarms, (int)plen);
	printf("accept4 flags: NONBLOCK %d CLOEXEC %d; the listener's O_NONBLOCK is not inherited\n",
	       !!(fcntl(a, F_GETFL) & O_NONBLOCK), !!(fcntl(a, F_GETFD) & FD_CLOEXEC));
	wait(NULL);
	close(a);
	shutdown(l, SHUT_RD);
	SHOW("accept after shutdown(SHUT_RD)", accept(l, NULL, NULL));
	close(l);
	close(d);
	unlink(sa.sun_path);
}

static void unconnected(void)
{
	int s = sock(SOCK_STREAM), q = sock(SOCK_SEQPACKET), d = sock(SOCK_DGRAM);
	struct sockaddr_un name;
	socklen_t len = sizeof name;
	char buf[4];

	SHOW("write on an unconnected stream", write(s, "x", 1));
	SHOW("read on an unconnected stream", read(s, buf, 1));
	SHOW("sendto a name on an unconnected stream", sendto(s, "x", 1, 0, SA(&sa), sizeof sa));
	SHOW("seqpacket send, unconnected", send(q, "x", 1, 0));
	SHOW("seqpacket recv, unconnected", recv(q, buf, 1, 0));
	SHOW("datagram send, unconnected", send(d, "x", 1, 0));
	SHOW("datagram recv MSG_DONTWAIT", recv(d, buf, 1, MSG_DONTWAIT));
	SHOW("datagram sendto addrlen 1", sendto(d, "x", 1, 0, SA(&sa), 1));
	SHOW("datagram sendto a missing path", sendto(d, "x", 1, 0, SA(at("nothing")), sizeof sa));
	SHOW("getpeername unconnected", getpeername(s, SA(&name), &len));
	SHOW("getsockname", getsockname(s, SA(&name), &len));
	printf("unnamed: len %d family %d\n", (int)len, name.sun_family);
	struct ucred cred;
	len = sizeof cred;
	getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &len);
	printf("SO_PEERCRED unconnected: pid %d uid %d gid %d len %d\n", cred.pid, cred.uid, cred.gid, (int)len);
	bind(s, SA(&sa), sizeof sa);
	len = 4;
	memset(&name, 0, sizeof name);
	SHOW("getsockname with room for 4", getsockname(s, SA(&name), &len));
	printf("len is the whole name's %d, copied 2 bytes of the path %d\n", len == 2 + strlen(sa.sun_path) + 1,
	       name.sun_path[0] == sa.sun_path[0] && name.sun_path[1] == sa.sun_path[1] && !name.sun_path[2]);
	len = -1;
	SHOW("getsockname len -1", getsockname(s, SA(&name), &len));
	close(s);
	close(q);
	close(d);
	unlink(sa.sun_path);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(022);
	make_tmpdir(dir, sizeof dir, "unix_socket_errors");
	sa = *at("s.sock");
	creation();
	binding();
	listening();
	connecting();
	as_nobody();
	accepting();
	unconnected();
	rm_rf(dir);
	return 0;
}
