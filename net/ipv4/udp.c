/*
 * net/ipv4/udp.c - UDP over loopback (Linux: net/ipv4/udp.c udp_sendmsg,
 * udp_recvmsg, __udp_disconnect, net/ipv4/datagram.c
 * ip4_datagram_connect, net/core/datagram.c datagram_poll).
 *
 * A datagram goes whole onto the queue of the socket its address names
 * (udp_lookup: bound to that port and address or the wildcard; a
 * connected socket takes only its peer's), with its sender's address and
 * port for recvfrom; a receive takes one datagram and cuts what does not
 * fit (MSG_TRUNC).  A receiver whose queue holds more than SO_RCVBUF
 * drops it, silently, as Linux does.  A first send or a connect binds an
 * unbound socket to an ephemeral port.  A datagram to a port nobody
 * holds is lost; if the sender is connected, the ICMP "port unreachable"
 * Linux would get back sets its error, so its next call fails with
 * ECONNREFUSED (__udp4_lib_err: only connected sockets hear of it).
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <errno.h>
#include <uapi/asm-generic/poll.h>
#include "inet_sock.h"

#define UDP_MAX_PAYLOAD 65507		/* 65535 - the IP header (20) - the UDP header (8) */
#define BROADCAST_ADDR 0xffffffffu

/* Linux __udp_disconnect: connect(AF_UNSPEC); what bind() did not choose goes. */
static int udp_disconnect(struct inet_sock *sk)
{
	sk->state = TCP_CLOSE;
	sk->daddr = 0;
	sk->dport = 0;
	if (!(sk->userlocks & SOCK_BINDPORT_LOCK))
		inet_unhash(sk);
	else if (!(sk->userlocks & SOCK_BINDADDR_LOCK))
		sk->saddr = INADDR_ANY;
	return 0;
}

/* Where a datagram may go: this host only (Linux ip_route_output: no route otherwise). */
static int udp_route(struct inet_sock *sk, u32 *daddr)
{
	if (*daddr == BROADCAST_ADDR && !sk->opt.broadcast)
		return -EACCES;
	*daddr = inet_route_daddr(*daddr);
	return inet_addr_is_local(*daddr) ? 0 : -ENETUNREACH;
}

/* Linux inet_dgram_connect and ip4_datagram_connect: the port is taken first, whatever follows. */
int udp_connect(struct file *f, struct sockaddr_storage *a, int len)
{
	struct inet_sock *sk = inet_sk(f);
	u32 daddr;
	u16 dport;
	int err;
	if (len < (int)sizeof(a->ss_family))
		return -EINVAL;
	if (a->ss_family == AF_UNSPEC)
		return udp_disconnect(sk);
	if (inet_autobind(sk))
		return -EAGAIN;
	if ((err = inet_addr_from(a, len, &daddr, &dport)))
		return err;
	if (a->ss_family != AF_INET)
		return -EAFNOSUPPORT;
	if ((err = udp_route(sk, &daddr)))
		return err;
	if (sk->saddr == INADDR_ANY)
		sk->saddr = LOOPBACK_ADDR;
	sk->daddr = daddr;
	sk->dport = dport;
	sk->state = TCP_ESTABLISHED;
	return 0;
}

/* sendto's address, checked in udp_sendmsg's order. */
static int udp_dest(struct inet_sock *sk, struct sockaddr_storage *to, int tolen, u32 *daddr, u16 *dport)
{
	int err;
	if (!to) {
		if (sk->state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		*daddr = sk->daddr;
		*dport = sk->dport;
		return 0;
	}
	if ((err = inet_addr_from(to, tolen, daddr, dport)))
		return err;
	if (to->ss_family != AF_INET && to->ss_family != AF_UNSPEC)
		return -EAFNOSUPPORT;
	return *dport ? 0 : -EINVAL;
}

/* The datagram reaches whoever holds daddr:dport, if anyone, and if it has room. */
static void udp_deliver(struct inet_sock *sk, struct inet_skb *skb, u32 daddr, u16 dport)
{
	struct inet_sock *to = udp_lookup(skb->saddr, skb->sport, daddr, dport);
	if (!to) {
		if (sk->state == TCP_ESTABLISHED)
			sk->err = ECONNREFUSED;	/* ICMP port unreachable */
		kfree(skb);
		return;
	}
	if (to->queued + (size_t)to->qlen * UDP_SKB_OVERHEAD > (size_t)to->opt.rcvbuf) {
		kfree(skb);			/* udp_rmem_schedule: dropped */
		return;
	}
	inet_queue_skb(to, skb);
}

ssize_t udp_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags,
		    struct sockaddr_storage *to, int tolen)
{
	struct inet_sock *sk = inet_sk(f);
	size_t len = iov_total(iov, iovcnt);
	struct inet_skb *skb;
	u32 daddr;
	u16 dport;
	int err;
	if (inet_autobind(sk))			/* inet_send_prepare */
		return -EAGAIN;
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if ((err = udp_dest(sk, to, tolen, &daddr, &dport)) || (err = udp_route(sk, &daddr)))
		return err;
	if (sk->err)				/* sock_alloc_send_pskb: the error, then shutdown */
		return inet_sock_error(sk);
	if (sk->shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	skb = inet_skb_from_iov(iov, iovcnt, 0, len);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	skb->saddr = sk->saddr != INADDR_ANY ? sk->saddr : LOOPBACK_ADDR;
	skb->sport = sk->sport;
	udp_deliver(sk, skb, daddr, dport);
	return len;
}

/* Linux __skb_recv_udp: the pending error first, then a datagram; after
 * SHUT_RD an empty queue gives 0 to a blocking call, EAGAIN otherwise. */
static int udp_wait(struct file *f, struct inet_sock *sk, int flags)
{
	for (;;) {
		if (sk->err)
			return inet_sock_error(sk);
		if (!list_empty(&sk->queue))
			return 1;
		if (inet_nonblocking(f, flags))
			return -EAGAIN;
		if (sk->shutdown & RCV_SHUTDOWN)
			return 0;
		if (sleep_on(sk))
			return -ERESTARTSYS;
	}
}

ssize_t udp_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
		    struct sockaddr_storage *from, int *fromlen)
{
	struct inet_sock *sk = inet_sk(f);
	struct inet_skb *skb;
	size_t n;
	int r = udp_wait(f, sk, flags);
	if (r <= 0)
		return r;
	skb = list_first_entry(&sk->queue, struct inet_skb, list);
	n = MIN(skb->len, iov_total(iov, iovcnt));
	if (iov_copy_to(iov, iovcnt, 0, skb->data, n))
		return -EFAULT;
	if (n < skb->len)
		*msg_flags |= MSG_TRUNC;
	if (from) {
		inet_fill_addr(from, skb->saddr, skb->sport);
		*fromlen = sizeof(struct sockaddr_in);
	}
	r = (flags & MSG_TRUNC) ? (int)skb->len : (int)n;	/* MSG_TRUNC: the real length */
	if (!(flags & MSG_PEEK))
		inet_consume(sk, skb, n);
	return r;
}

void udp_close(struct inet_sock *sk)
{
	inet_unhash(sk);
	inet_purge_queue(sk);
}

/* Linux udp_poll and datagram_poll: always writable (nothing waits to go out). */
unsigned udp_poll(struct inet_sock *sk)
{
	unsigned mask = POLLOUT | POLLWRNORM | POLLWRBAND;
	if (sk->err)
		mask |= POLLERR;
	if (sk->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (sk->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (!list_empty(&sk->queue))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}
