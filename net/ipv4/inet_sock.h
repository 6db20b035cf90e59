/*
 * net/ipv4/inet_sock.h - what the files of net/ipv4/ share: the socket
 * (Linux: include/net/inet_sock.h, include/net/sock.h, struct tcp_sock),
 * reduced to a machine whose only interface is lo.
 *
 * There are no packets.  A "sent" segment or datagram is put straight on
 * the receiving socket's queue, as Linux's loopback device ends up doing;
 * what Linux learns from a RST or an ICMP error is set on the socket at
 * once.  Addresses are kept in network order (as in the sockaddr_in),
 * ports in host order.
 *
 * Who holds a struct inet_sock (refcnt, Linux sock_hold/sock_put):
 *   - its file, from socket()/accept() until close, or, for a connection
 *     not accepted yet, its listener's queue;
 *   - the other end of a TCP connection (peer), so a closed socket stays
 *     until its peer learns of the close (writes to it are answered with a
 *     reset, tcp_reset).
 * Nothing here locks: faultline has one CPU and does not preempt the
 * kernel, so only a sleep lets another task in.
 */
#ifndef _FAULTLINE_NET_IPV4_INET_SOCK_H
#define _FAULTLINE_NET_IPV4_INET_SOCK_H
#include <net.h>
#include <list.h>

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_MAX 263			/* Linux: IPPROTO_MPTCP + 1 */

/* sk_state (Linux include/net/tcp_states.h) */
#define TCP_ESTABLISHED 1
#define TCP_CLOSE 7
#define TCP_CLOSE_WAIT 8		/* the peer sent its FIN: reads end, writes go on */
#define TCP_LISTEN 10

/* struct socket's state (Linux socket_state): a non-blocking connect
 * completes at once here but stays SS_CONNECTING until connect() is
 * called again and answers 0 (or the error). */
#define SS_UNCONNECTED 1
#define SS_CONNECTING 2
#define SS_CONNECTED 3

#define RCV_SHUTDOWN 1			/* Linux sk_shutdown bits */
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

#define SOCK_BINDADDR_LOCK 4		/* Linux sk_userlocks: bind() chose the address, the port */
#define SOCK_BINDPORT_LOCK 8

#define INADDR_ANY 0u
#define LOOPBACK_ADDR 0x0100007fu	/* 127.0.0.1 in network order */

/* Linux defaults: net.ipv4.tcp_rmem[1], tcp_wmem[1], net.core.rmem_default,
 * rmem_max (wmem_* are the same), SOCK_MIN_RCVBUF and SOCK_MIN_SNDBUF. */
#define TCP_RCVBUF 131072
#define TCP_SNDBUF 16384
#define UDP_BUF 212992
#define SOCKBUF_MAX 212992
#define SOCK_MIN_RCVBUF 2304
#define SOCK_MIN_SNDBUF 4608
#define UDP_SKB_OVERHEAD 256		/* what a queued datagram costs beyond its bytes (skb truesize) */

struct linger { int l_onoff, l_linger; };
struct timeval_k { s64 tv_sec, tv_usec; };

/* What setsockopt stores (Linux struct sock's flags and fields). */
struct inet_opts {
	int rcvbuf, sndbuf;
	bool reuseaddr, reuseport, keepalive, broadcast, nodelay, cork;
	struct linger linger;
	struct timeval_k rcvtimeo, sndtimeo;	/* kept and read back, not enforced */
	int keepidle, keepintvl, keepcnt;
};

struct inet_sock {
	int refcnt;
	int type, protocol;		/* SOCK_STREAM/IPPROTO_TCP or SOCK_DGRAM/IPPROTO_UDP */
	int state;			/* TCP_CLOSE, TCP_LISTEN, TCP_ESTABLISHED, TCP_CLOSE_WAIT */
	int ss;				/* socket_state: what connect() and listen() go by */
	int shutdown;			/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int err;			/* sk_err: for the next call, or SO_ERROR */
	bool done;			/* SOCK_DONE: the peer's FIN came */
	bool dead;			/* its file is closed */
	u32 saddr, daddr;		/* own and peer address (network order) */
	u16 sport, dport;		/* own and peer port (host order); sport 0: unbound */
	bool hashed;			/* in the table of bound sockets (inet_hashtables.c) */
	int userlocks;			/* SOCK_BINDADDR_LOCK | SOCK_BINDPORT_LOCK */
	u32 uid;			/* who made it (SO_REUSEPORT shares only within one user) */
	struct inet_sock *peer;		/* TCP: the other end (a reference), or NULL */
	struct list_head queue;		/* received, not read yet (struct inet_skb) */
	size_t queued;
	int qlen;
	struct list_head accept_q;	/* a listener: connections not accepted yet */
	int accept_qlen, backlog;
	struct list_head accept_node;	/* a connection not accepted: its place in accept_q */
	struct list_head bind_node;	/* in the table of bound sockets */
	struct inet_opts opt;
	u64 ino;			/* its socket file's inode number; 0 before it has a file */
};

/* What one send left on a receiver's queue, and who sent it (recvfrom). */
struct inet_skb {
	struct list_head list;
	size_t len, off;		/* bytes, bytes already read (TCP) */
	u32 saddr;
	u16 sport;
	u8 data[];
};

static inline bool is_tcp(const struct inet_sock *sk) { return sk->type == SOCK_STREAM; }

static inline bool inet_nonblocking(struct file *f, int flags)
{
	return (f->f_flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
}

/* af_inet.c */
struct inet_sock *inet_sk(struct file *f);
struct inet_sock *inet_alloc(int type, int protocol);
void inet_sock_hold(struct inet_sock *sk);
void inet_sock_put(struct inet_sock *sk);
int inet_install(struct inet_sock *sk, u32 flags);
int inet_sock_error(struct inet_sock *sk);	/* the pending error as -errno, cleared; 0 if none */
struct inet_skb *inet_skb_from_iov(const struct iovec *iov, int iovcnt, size_t at, size_t len);
void inet_queue_skb(struct inet_sock *to, struct inet_skb *skb);
void inet_consume(struct inet_sock *sk, struct inet_skb *skb, size_t n);
void inet_purge_queue(struct inet_sock *sk);
void inet_fill_addr(struct sockaddr_storage *out, u32 addr, u16 port);	/* a sockaddr_in; its length */
int inet_addr_from(const struct sockaddr_storage *a, int len, u32 *addr, u16 *port);

/* inet_hashtables.c: addresses and ports */
bool inet_addr_is_local(u32 addr);
int inet_bind(struct file *f, struct sockaddr_storage *a, int len);
int inet_get_port(struct inet_sock *sk, u16 port);	/* 0: an ephemeral one */
int inet_autobind(struct inet_sock *sk);
void inet_unhash(struct inet_sock *sk);
int inet_listen_conflict(struct inet_sock *sk);
struct inet_sock *inet_lookup_listener(u32 daddr, u16 dport);
struct inet_sock *udp_lookup(u32 saddr, u16 sport, u32 daddr, u16 dport);
u32 inet_route_daddr(u32 daddr);		/* INADDR_ANY means this host */
struct inet_sock *inet_next_bound(struct inet_sock *prev);	/* the bound sockets, oldest first (NULL: the first) */


/* tcp.c */
int tcp_listen(struct file *f, int backlog);
int tcp_connect(struct file *f, struct sockaddr_storage *a, int len);
int tcp_accept(struct file *f, u32 flags, struct sockaddr_storage *peer, int *peerlen);
ssize_t tcp_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags);
ssize_t tcp_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags);
void tcp_shutdown(struct inet_sock *sk, int how);
int tcp_disconnect(struct inet_sock *sk);
void tcp_close(struct inet_sock *sk);
unsigned tcp_poll(struct inet_sock *sk);

/* udp.c */
int udp_connect(struct file *f, struct sockaddr_storage *a, int len);
ssize_t udp_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags,
		    struct sockaddr_storage *to, int tolen);
ssize_t udp_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
		    struct sockaddr_storage *from, int *fromlen);
void udp_close(struct inet_sock *sk);
unsigned udp_poll(struct inet_sock *sk);

/* sockopt.c */
void inet_opts_init(struct inet_sock *sk);
int inet_getsockopt(struct file *f, int level, int optname, void *val);
int inet_setsockopt(struct file *f, int level, int optname, const void *val, int len);

#endif
