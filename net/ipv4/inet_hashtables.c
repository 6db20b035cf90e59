/*
 * net/ipv4/inet_hashtables.c - addresses and ports (Linux:
 * net/ipv4/af_inet.c __inet_bind, net/ipv4/inet_connection_sock.c
 * inet_csk_get_port and inet_csk_bind_conflict, net/ipv4/udp.c
 * udp_lib_get_port, net/ipv4/inet_hashtables.c __inet_lookup_listener,
 * net/ipv4/udp.c __udp4_lib_lookup).
 *
 * The machine has one interface, lo, so the local addresses are
 * 127.0.0.0/8 (any 127.x.y.z, as Linux's "local 127.0.0.0/8 dev lo"
 * route makes them); the wildcard INADDR_ANY binds to all of them, and
 * as a destination means this host (ip_route_connect).  Multicast and
 * broadcast addresses may be bound, as on Linux; other addresses are
 * EADDRNOTAVAIL, and sending to them ENETUNREACH (no route).
 *
 * Every bound socket is on one list (Linux hashes them by port; a
 * teaching kernel's few sockets do without).  TCP and UDP ports are
 * separate spaces.  Two sockets may share a port if their addresses
 * differ (neither is the wildcard), or both set SO_REUSEADDR (for TCP:
 * and the other one is not listening), or both set SO_REUSEPORT and
 * belong to one user.  A socket leaves the list when it closes: there is
 * no TIME_WAIT here, so a port is free again at once.
 * Ephemeral ports (bind to port 0, connect or send unbound) come from
 * net.ipv4.ip_local_port_range, 32768-60999, from a random start.
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <cred.h>
#include <random.h>
#include <errno.h>
#include "inet_sock.h"

#define PORT_LOW 32768			/* Linux: net.ipv4.ip_local_port_range */
#define PORT_HIGH 60999
#define PROT_SOCK 1024			/* Linux: net.ipv4.ip_unprivileged_port_start */
#define IN_LOOPBACKNET 127

static LIST_HEAD(inet_bound);

static u32 host_order(u32 addr)
{
	return ((addr & 0xff) << 24) | ((addr & 0xff00) << 8) | ((addr >> 8) & 0xff00) | (addr >> 24);
}

bool inet_addr_is_local(u32 addr)
{
	return host_order(addr) >> 24 == IN_LOOPBACKNET;
}

/* Linux inet_addr_type: RTN_MULTICAST (224/4) or RTN_BROADCAST (all ones) may be bound too. */
static bool bindable(u32 addr)
{
	u32 h = host_order(addr);
	return addr == INADDR_ANY || inet_addr_is_local(addr) || h >> 28 == 0xe || h == 0xffffffffu;
}

u32 inet_route_daddr(u32 daddr)
{
	return daddr == INADDR_ANY ? LOOPBACK_ADDR : daddr;
}

static bool addr_overlap(u32 a, u32 b)
{
	return a == INADDR_ANY || b == INADDR_ANY || a == b;
}

/* May sk have (saddr, port) beside o?  Linux inet_csk_bind_conflict, udp_lib_lport_inuse. */
static bool conflicts(const struct inet_sock *sk, const struct inet_sock *o, u32 saddr)
{
	if (!addr_overlap(saddr, o->saddr))
		return false;
	if (sk->opt.reuseport && o->opt.reuseport && sk->uid == o->uid)
		return false;
	if (sk->opt.reuseaddr && o->opt.reuseaddr)
		return is_tcp(sk) && o->state == TCP_LISTEN;	/* so two listeners never share */
	return true;
}

static bool port_in_use(const struct inet_sock *sk, u32 saddr, u16 port)
{
	struct inet_sock *o;
	list_for_each_entry(o, &inet_bound, bind_node)
		if (o != sk && o->protocol == sk->protocol && o->sport == port && conflicts(sk, o, saddr))
			return true;
	return false;
}

static bool port_taken(const struct inet_sock *sk, u16 port)
{
	struct inet_sock *o;
	list_for_each_entry(o, &inet_bound, bind_node)
		if (o->protocol == sk->protocol && o->sport == port)
			return true;
	return false;
}

/* Linux inet_csk_get_port / udp_lib_get_port: sk takes port (0: a free ephemeral one). */
int inet_get_port(struct inet_sock *sk, u16 port)
{
	if (!port) {
		u32 n = PORT_HIGH - PORT_LOW + 1, start = get_random_u32() % n, i;
		for (i = 0; i < n; i++)
			if (!port_taken(sk, PORT_LOW + (start + i) % n))
				break;
		if (i == n)
			return -EADDRINUSE;
		port = PORT_LOW + (start + i) % n;
	} else if (port_in_use(sk, sk->saddr, port)) {
		return -EADDRINUSE;
	}
	sk->sport = port;
	sk->hashed = true;
	list_add_tail(&sk->bind_node, &inet_bound);
	return 0;
}

/* connect or a first send on an unbound socket: an ephemeral port (Linux inet_autobind). */
int inet_autobind(struct inet_sock *sk)
{
	return sk->hashed ? 0 : inet_get_port(sk, 0);
}

/* The port is free again (Linux inet_put_port); a port bind() chose stays in getsockname. */
struct inet_sock *inet_next_bound(struct inet_sock *prev)
{
	struct list_head *next = prev ? prev->bind_node.next : inet_bound.next;

	return next == &inet_bound ? NULL : list_entry(next, struct inet_sock, bind_node);
}

void inet_unhash(struct inet_sock *sk)
{
	if (!sk->hashed)
		return;
	list_del(&sk->bind_node);
	sk->hashed = false;
	if (!(sk->userlocks & SOCK_BINDPORT_LOCK))
		sk->sport = 0;
	if (!(sk->userlocks & SOCK_BINDADDR_LOCK))
		sk->saddr = INADDR_ANY;
}

/* listen(): may sk listen on its port, now that it would be a listener? */
int inet_listen_conflict(struct inet_sock *sk)
{
	return port_in_use(sk, sk->saddr, sk->sport) ? -EADDRINUSE : 0;
}

/*
 * Linux __inet_bind, in its order: the length, the family (AF_UNSPEC is
 * taken for INADDR_ANY only, "compatibility games"), a local address, a
 * privileged port, a socket bound or connected already (EINVAL), then the
 * port's users.
 */
int inet_bind(struct file *f, struct sockaddr_storage *a, int len)
{
	struct inet_sock *sk = inet_sk(f);
	u32 addr;
	u16 port;
	int err;
	if ((err = inet_addr_from(a, len, &addr, &port)))
		return err;
	if (a->ss_family != AF_INET && (a->ss_family != AF_UNSPEC || addr != INADDR_ANY))
		return -EAFNOSUPPORT;
	if (!bindable(addr))
		return -EADDRNOTAVAIL;
	if (port && port < PROT_SOCK && !capable(CAP_NET_BIND_SERVICE))
		return -EACCES;
	if (sk->state != TCP_CLOSE || sk->hashed)
		return -EINVAL;
	sk->saddr = addr;
	if ((err = inet_get_port(sk, port))) {
		sk->saddr = INADDR_ANY;
		return err;
	}
	sk->userlocks = (addr != INADDR_ANY ? SOCK_BINDADDR_LOCK : 0) | (port ? SOCK_BINDPORT_LOCK : 0);
	return 0;
}

/* The listener a SYN to daddr:dport reaches; one on the exact address first. */
struct inet_sock *inet_lookup_listener(u32 daddr, u16 dport)
{
	struct inet_sock *o, *best = NULL;
	list_for_each_entry(o, &inet_bound, bind_node) {
		if (o->protocol != IPPROTO_TCP || o->state != TCP_LISTEN || o->sport != dport)
			continue;
		if (o->saddr == daddr)
			return o;
		if (o->saddr == INADDR_ANY && !best)
			best = o;
	}
	return best;
}

/* Linux __udp4_lib_lookup's score: the socket a datagram from saddr:sport to
 * daddr:dport goes to.  A connected socket takes only its peer's. */
struct inet_sock *udp_lookup(u32 saddr, u16 sport, u32 daddr, u16 dport)
{
	struct inet_sock *o, *best = NULL;
	int best_score = 0;
	list_for_each_entry(o, &inet_bound, bind_node) {
		int score = 1;
		if (o->protocol != IPPROTO_UDP || o->sport != dport)
			continue;
		if (o->saddr != INADDR_ANY && o->saddr != daddr)
			continue;
		score += o->saddr != INADDR_ANY ? 2 : 0;
		if (o->state == TCP_ESTABLISHED) {
			if (o->daddr != saddr || o->dport != sport)
				continue;
			score += 4;
		}
		if (score > best_score) {
			best = o;
			best_score = score;
		}
	}
	return best;
}
