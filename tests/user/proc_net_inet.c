/*
 * /proc/net/tcp and /proc/net/udp as netstat reads them (Linux
 * tcp4_seq_show, udp4_seq_show; faultline net/ipv4/proc.c): the header,
 * lines padded to 149 (TCP) and 127 (UDP) characters, addresses in hex
 * of network order, ports in hex, the state, the queues, uid and inode.
 *   - a listener (0A) shows its accept backlog as rx_queue: 1 while a
 *     connection waits, and that connection (01) has inode 0 until
 *     accepted;
 *   - a connection with 5 unread bytes shows rx_queue 5;
 *   - a socket that is only bound is not in /proc/net/tcp; every bound
 *     UDP socket is in /proc/net/udp, 07 unconnected, 01 connected;
 *   - closed sockets are gone.
 * Ports are printed as names (LISTEN, CLIENT, ...), sockets found by inode
 * or port, so the host's other sockets do not matter.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdbool.h>

static char text[1 << 20];
static unsigned ports[8];
static const char *port_names[8];
static int nports;

static void load(const char *path)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	text[0] = '\0';
	if (fd < 0) {
		printf("open %s: %s\n", path, errno_name(errno));
		return;
	}
	while ((n = read(fd, text + total, sizeof(text) - 1 - total)) > 0)
		total += n;
	text[total] = '\0';
	close(fd);
}

static void name_port(unsigned port, const char *name)
{
	ports[nports] = port;
	port_names[nports++] = name;
}

static const char *port_name(unsigned port)
{
	for (int i = 0; i < nports; i++)
		if (ports[i] == port)
			return port_names[i];
	return port ? "other" : "0";
}

static unsigned long ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_ino;
}

static unsigned port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	getsockname(fd, (struct sockaddr *)&a, &len);
	return ntohs(a.sin_port);
}

static void header(void)
{
	size_t n = strcspn(text, "\n");

	printf("header width %zu: %.*s|\n", n, (int)n, text);
}

/* The line of the socket with inode @ino (0: the one with local port @lport and remote port @rport). */
static void show(const char *what, unsigned long ino, unsigned lport, unsigned rport, bool tcp)
{
	for (char *l = strchr(text, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		unsigned laddr, lp, raddr, rp, st, txq, rxq, uid;
		unsigned long inode;
		size_t width = strcspn(l + 1, "\n");
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)width, l + 1);
		if (sscanf(line, " %*d: %x:%x %x:%x %x %x:%x %*x:%*x %*x %u %*d %lu", &laddr, &lp, &raddr, &rp, &st, &txq,
			   &rxq, &uid, &inode) != 9)
			continue;
		if (inode != ino || (!ino && (lp != lport || rp != rport)))
			continue;
		printf("%s: %08X:%s %08X:%s st %02X tx %u rx %s uid %u inode %s width %zu\n", what, laddr,
		       port_name(lp), raddr, port_name(rp), st, txq,
		       tcp ? (snprintf(line, sizeof(line), "%u", rxq), line) : rxq ? "some" : "0", uid,
		       inode ? "the socket's" : "0", width);
		return;
	}
	printf("%s: not listed\n", what);
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int lis, cli, acc, bound, u1, u2;

	setvbuf(stdout, NULL, _IONBF, 0);
	load("/proc/net/tcp");
	header();
	load("/proc/net/udp");
	header();

	lis = socket(AF_INET, SOCK_STREAM, 0);
	bind(lis, (struct sockaddr *)&a, sizeof(a));
	listen(lis, 4);
	name_port(port_of(lis), "LISTEN");
	a.sin_port = htons(port_of(lis));
	cli = socket(AF_INET, SOCK_STREAM, 0);
	connect(cli, (struct sockaddr *)&a, sizeof(a));
	name_port(port_of(cli), "CLIENT");
	bound = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = 0;
	bind(bound, (struct sockaddr *)&a, sizeof(a));
	name_port(port_of(bound), "BOUND");

	load("/proc/self/net/tcp");
	show("listener, one waiting", ino_of(lis), 0, 0, true);
	show("client", ino_of(cli), 0, 0, true);
	show("queued connection", 0, port_of(lis), port_of(cli), true);
	show("bound only", ino_of(bound), 0, 0, true);

	acc = accept(lis, NULL, NULL);
	write(cli, "hello", 5);
	usleep(100000);
	load("/proc/net/tcp");
	show("listener after accept", ino_of(lis), 0, 0, true);
	show("accepted, 5 bytes unread", ino_of(acc), 0, 0, true);
	unsigned long cino = ino_of(cli);
	close(cli);
	close(acc);
	load("/proc/net/tcp");
	show("closed client", cino, 0, 0, true);

	u1 = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_port = 0;
	bind(u1, (struct sockaddr *)&a, sizeof(a));
	name_port(port_of(u1), "UDP1");
	u2 = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_port = htons(port_of(u1));
	connect(u2, (struct sockaddr *)&a, sizeof(a));
	name_port(port_of(u2), "UDP2");
	for (int i = 0; i < 3; i++)
		send(u2, "0123456789", 10, 0);
	load("/proc/net/udp");
	show("udp bound, 3 datagrams queued", ino_of(u1), 0, 0, false);
	show("udp connected", ino_of(u2), 0, 0, false);
	return 0;
}
