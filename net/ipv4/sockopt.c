/*
 * net/ipv4/sockopt.c - the socket options of AF_INET sockets (Linux:
 * net/core/sock.c sk_setsockopt and sk_getsockopt, net/ipv4/tcp.c
 * do_tcp_setsockopt and do_tcp_getsockopt, net/ipv4/ip_sockglue.c).
 *
 * Most are kept and read back only: nothing here sends keepalives, waits
 * on a linger time, delays small segments (TCP_NODELAY, TCP_CORK) or
 * times out a receive (SO_RCVTIMEO).  SO_RCVBUF and SO_SNDBUF are real:
 * they bound what a receiver queues.  Linux doubles the value asked for
 * ("to allow room for bookkeeping overhead", socket(7)), after capping it
 * at net.core.rmem_max/wmem_max and before raising it to a minimum.
 * A level other than SOL_SOCKET and (for TCP) SOL_TCP goes to
 * ip_setsockopt, which knows no other: ENOPROTOOPT when setting,
 * EOPNOTSUPP when getting.  No IP-level option (IP_TOS, IP_TTL...) yet.
 */
#include <fs.h>
#include <string.h>
#include <errno.h>
#include "inet_sock.h"

#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20			/* the _OLD pair: a struct timeval */
#define SO_SNDTIMEO 21
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

#define SOL_TCP IPPROTO_TCP
#define TCP_NODELAY 1
#define TCP_CORK 3
#define TCP_KEEPIDLE 4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT 6
#define MAX_TCP_KEEPIDLE 32767		/* Linux include/net/tcp.h */
#define MAX_TCP_KEEPINTVL 32767
#define MAX_TCP_KEEPCNT 127
#define USEC_PER_SEC 1000000

void inet_opts_init(struct inet_sock *sk)
{
	sk->opt.rcvbuf = is_tcp(sk) ? TCP_RCVBUF : UDP_BUF;
	sk->opt.sndbuf = is_tcp(sk) ? TCP_SNDBUF : UDP_BUF;
	sk->opt.keepidle = 7200;		/* Linux: tcp_keepalive_time, _intvl, _probes */
	sk->opt.keepintvl = 75;
	sk->opt.keepcnt = 9;
}

/* ---------------------------------------------------------------- get */
static int sock_get(struct inet_sock *sk, int optname, void *val)
{
	int *v = val;
	switch (optname) {
	case SO_TYPE: *v = sk->type; break;
	case SO_PROTOCOL: *v = sk->protocol; break;
	case SO_DOMAIN: *v = AF_INET; break;
	case SO_ERROR: *v = -inet_sock_error(sk); break;
	case SO_ACCEPTCONN: *v = sk->state == TCP_LISTEN; break;
	case SO_REUSEADDR: *v = sk->opt.reuseaddr; break;
	case SO_REUSEPORT: *v = sk->opt.reuseport; break;
	case SO_KEEPALIVE: *v = sk->opt.keepalive; break;
	case SO_BROADCAST: *v = sk->opt.broadcast; break;
	case SO_SNDBUF: *v = sk->opt.sndbuf; break;
	case SO_RCVBUF: *v = sk->opt.rcvbuf; break;
	case SO_RCVLOWAT: case SO_SNDLOWAT: *v = 1; break;
	case SO_LINGER:
		memcpy(val, &sk->opt.linger, sizeof(struct linger));
		return sizeof(struct linger);
	case SO_RCVTIMEO: case SO_SNDTIMEO:
		memcpy(val, optname == SO_RCVTIMEO ? &sk->opt.rcvtimeo : &sk->opt.sndtimeo, sizeof(struct timeval_k));
		return sizeof(struct timeval_k);
	case SO_PEERCRED:			/* no process behind an inet peer: pid 0, ids -1 */
		*(struct ucred *)val = (struct ucred){ 0, (u32)-1, (u32)-1 };
		return sizeof(struct ucred);
	default:
		return -ENOPROTOOPT;
	}
	return sizeof(int);
}

static int tcp_get(struct inet_sock *sk, int optname, int *v)
{
	switch (optname) {
	case TCP_NODELAY: *v = sk->opt.nodelay; break;
	case TCP_CORK: *v = sk->opt.cork; break;
	case TCP_KEEPIDLE: *v = sk->opt.keepidle; break;
	case TCP_KEEPINTVL: *v = sk->opt.keepintvl; break;
	case TCP_KEEPCNT: *v = sk->opt.keepcnt; break;
	default: return -ENOPROTOOPT;
	}
	return sizeof(int);
}

int inet_getsockopt(struct file *f, int level, int optname, void *val)
{
	struct inet_sock *sk = inet_sk(f);
	if (level == SOL_SOCKET)
		return sock_get(sk, optname, val);
	if (level == SOL_TCP && is_tcp(sk))
		return tcp_get(sk, optname, val);
	return -EOPNOTSUPP;			/* ip_getsockopt: not SOL_IP */
}

/* ---------------------------------------------------------------- set */
/* Linux: val = min_t(u32, val, max) * 2, at least the minimum (a negative val is huge). */
static int sockbuf(int val, int min)
{
	u32 v = MIN((u32)val, (u32)SOCKBUF_MAX);
	return MAX((int)(v * 2), min);
}

static int set_timeout(struct timeval_k *t, const void *val, int len)
{
	const struct timeval_k *tv = val;
	if (len < (int)sizeof(*tv))
		return -EINVAL;
	if (tv->tv_usec < 0 || tv->tv_usec >= USEC_PER_SEC)
		return -EDOM;
	*t = *tv;
	return 0;
}

static int sock_set(struct inet_sock *sk, int optname, const void *val, int len)
{
	int v = *(const int *)val;
	const struct linger *l = val;
	if (len < (int)sizeof(int))
		return -EINVAL;
	switch (optname) {
	case SO_REUSEADDR: sk->opt.reuseaddr = v != 0; break;
	case SO_REUSEPORT: sk->opt.reuseport = v != 0; break;
	case SO_KEEPALIVE: sk->opt.keepalive = v != 0; break;
	case SO_BROADCAST: sk->opt.broadcast = v != 0; break;
	case SO_SNDBUF: sk->opt.sndbuf = sockbuf(v, SOCK_MIN_SNDBUF); break;
	case SO_RCVBUF: sk->opt.rcvbuf = sockbuf(v, SOCK_MIN_RCVBUF); break;
	case SO_RCVLOWAT: break;		/* accepted; a read wakes for a byte */
	case SO_LINGER:
		if (len < (int)sizeof(*l))
			return -EINVAL;
		sk->opt.linger.l_onoff = l->l_onoff != 0;
		if (l->l_onoff)			/* Linux keeps the old time when turning it off */
			sk->opt.linger.l_linger = l->l_linger;
		break;
	case SO_RCVTIMEO: return set_timeout(&sk->opt.rcvtimeo, val, len);
	case SO_SNDTIMEO: return set_timeout(&sk->opt.sndtimeo, val, len);
	default: return -ENOPROTOOPT;
	}
	return 0;
}

/* Linux do_tcp_setsockopt: an int, and the keepalive times in their ranges. */
static int tcp_set(struct inet_sock *sk, int optname, const void *val, int len)
{
	int v = *(const int *)val;
	if (len < (int)sizeof(int))
		return -EINVAL;
	switch (optname) {
	case TCP_NODELAY: sk->opt.nodelay = v != 0; break;
	case TCP_CORK: sk->opt.cork = v != 0; break;
	case TCP_KEEPIDLE:
		if (v < 1 || v > MAX_TCP_KEEPIDLE)
			return -EINVAL;
		sk->opt.keepidle = v;
		break;
	case TCP_KEEPINTVL:
		if (v < 1 || v > MAX_TCP_KEEPINTVL)
			return -EINVAL;
		sk->opt.keepintvl = v;
		break;
	case TCP_KEEPCNT:
		if (v < 1 || v > MAX_TCP_KEEPCNT)
			return -EINVAL;
		sk->opt.keepcnt = v;
		break;
	default: return -ENOPROTOOPT;
	}
	return 0;
}

int inet_setsockopt(struct file *f, int level, int optname, const void *val, int len)
{
	struct inet_sock *sk = inet_sk(f);
	if (level == SOL_SOCKET)
		return sock_set(sk, optname, val, len);
	if (level == SOL_TCP && is_tcp(sk))
		return tcp_set(sk, optname, val, len);
	return -ENOPROTOOPT;			/* ip_setsockopt: not SOL_IP */
}
