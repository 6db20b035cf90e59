/*
 * net/ipv4/tcp.c - TCP over loopback without segments (Linux:
 * net/ipv4/tcp.c, tcp_input.c's tcp_reset and tcp_fin, af_inet.c's
 * inet_stream_connect and inet_accept, inet_connection_sock.c).
 *
 * A connection is made Linux's way, minus the handshake: connect() makes
 * the server's end at once (a socket with no file yet), links the two
 * ends (peer) and queues the new one on the listener, so the client may
 * write before anyone accepts; accept() gives it a file.  What one end
 * writes goes straight onto the other's queue, up to the receiver's
 * SO_RCVBUF plus the sender's SO_SNDBUF, the two buffers Linux would fill.
 *
 * The three ways a connection ends, as the other end sees them:
 *   FIN   shutdown(SHUT_WR), or close with nothing left unread: reads
 *         drain the queue, then give 0; writes still work (CLOSE_WAIT).
 *         A write to an end that is closed is answered by a reset: that
 *         write succeeds, the socket's error becomes EPIPE and its next
 *         write fails with EPIPE and SIGPIPE (Linux: the RST comes back
 *         at once over lo).
 *   RST   close with unread data, SO_LINGER with a zero time, or a
 *         listener closed with connections nobody accepted: the next
 *         call reports ECONNRESET (EPIPE after a FIN), then reads give 0
 *         and writes EPIPE (tcp_reset, tcp_done).
 *   none  connect to a port nobody listens on: ECONNREFUSED (the RST to
 *         the SYN).
 * A non-blocking connect answers EINPROGRESS, as Linux does even over lo,
 * and the socket is writable (or has its error) at once.  Not here: a
 * listener's backlog refusing a non-blocking connect (it completes
 * anyway), urgent data (MSG_OOB), TIME_WAIT.
 */
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <errno.h>
#include <uapi/asm-generic/poll.h>
#include "inet_sock.h"

/* ---------------------------------------------------------------- endings */
/* The port goes with the connection unless bind() chose it (Linux tcp_set_state(TCP_CLOSE)). */
static void tcp_set_close(struct inet_sock *sk)
{
	sk->state = TCP_CLOSE;
	if (!(sk->userlocks & SOCK_BINDPORT_LOCK))
		inet_unhash(sk);
}

static void drop_peer(struct inet_sock *sk)
{
	struct inet_sock *peer = sk->peer;
	sk->peer = NULL;
	if (peer)
		inet_sock_put(peer);
}

/* Linux tcp_reset and tcp_done: a RST came. */
static void tcp_reset(struct inet_sock *sk)
{
	if (sk->state == TCP_CLOSE)
		return;
	sk->err = sk->state == TCP_CLOSE_WAIT ? EPIPE : ECONNRESET;
	sk->shutdown = SHUTDOWN_MASK;
	tcp_set_close(sk);
	drop_peer(sk);
	wake_up(sk);
	wake_up(&sk->queue);
}

/* Linux tcp_fin: the peer will send no more. */
static void tcp_fin(struct inet_sock *sk)
{
	sk->shutdown |= RCV_SHUTDOWN;
	sk->done = true;
	if (sk->state == TCP_ESTABLISHED)
		sk->state = TCP_CLOSE_WAIT;
	wake_up(sk);
}

/* shutdown(SHUT_WR) sends our FIN (Linux tcp_shutdown). */
void tcp_shutdown(struct inet_sock *sk, int how)
{
	if ((how & SEND_SHUTDOWN) && sk->peer && !sk->peer->dead)
		tcp_fin(sk->peer);
}

/* A connection nobody accepted goes with its listener: its client is reset. */
static void release_embryo(struct inet_sock *child)
{
	list_del(&child->accept_node);
	child->dead = true;
	if (child->peer)
		tcp_reset(child->peer);
	drop_peer(child);
	inet_unhash(child);
	inet_sock_put(child);			/* the queue's reference */
}

static void listen_stop(struct inet_sock *sk)
{
	while (!list_empty(&sk->accept_q))
		release_embryo(list_first_entry(&sk->accept_q, struct inet_sock, accept_node));
	sk->accept_qlen = 0;
	wake_up(sk);
	wake_up(&sk->accept_q);
}

/* Linux tcp_disconnect: connect(AF_UNSPEC), or shutdown(SHUT_RD) of a listener. */
int tcp_disconnect(struct inet_sock *sk)
{
	if (sk->state == TCP_LISTEN)
		listen_stop(sk);
	else if (sk->peer && !sk->peer->dead)
		tcp_reset(sk->peer);		/* tcp_need_reset: an established connection is aborted */
	drop_peer(sk);
	tcp_set_close(sk);
	inet_purge_queue(sk);
	sk->shutdown = 0;
	sk->err = 0;
	sk->done = false;
	sk->daddr = 0;
	sk->dport = 0;
	sk->ss = SS_UNCONNECTED;
	return 0;
}

/* Linux tcp_close: unread data (or SO_LINGER 0) resets the peer; otherwise it gets our FIN. */
void tcp_close(struct inet_sock *sk)
{
	struct inet_sock *peer = sk->peer;
	if (sk->state == TCP_LISTEN)
		listen_stop(sk);
	if (peer && !peer->dead) {
		bool abort = !list_empty(&sk->queue) || (sk->opt.linger.l_onoff && !sk->opt.linger.l_linger);
		if (abort)
			tcp_reset(peer);
		else if (!(sk->shutdown & SEND_SHUTDOWN))
			tcp_fin(peer);
	}
	drop_peer(sk);
	sk->state = TCP_CLOSE;
	inet_unhash(sk);
	inet_purge_queue(sk);
}

/* ---------------------------------------------------------------- listen, connect, accept */
/* Linux inet_listen and inet_csk_listen_start: an unbound socket gets a port. */
int tcp_listen(struct file *f, int backlog)
{
	struct inet_sock *sk = inet_sk(f);
	int err;
	if (sk->ss != SS_UNCONNECTED || (sk->state != TCP_CLOSE && sk->state != TCP_LISTEN))
		return -EINVAL;
	if (sk->state == TCP_CLOSE) {
		sk->state = TCP_LISTEN;
		err = sk->hashed ? inet_listen_conflict(sk) : inet_get_port(sk, 0);
		if (err) {
			sk->state = TCP_CLOSE;
			return err;
		}
	}
	if (backlog > sk->backlog)
		wake_up(&sk->accept_q);
	sk->backlog = backlog;
	return 0;
}

/* The server's end of a new connection from sk to listener l (Linux tcp_create_openreq_child). */
static struct inet_sock *make_child(struct inet_sock *sk, struct inet_sock *l, u32 daddr)
{
	struct inet_sock *child = inet_alloc(SOCK_STREAM, IPPROTO_TCP);
	if (!child)
		return NULL;
	child->state = TCP_ESTABLISHED;
	child->ss = SS_CONNECTED;
	child->opt = l->opt;			/* sk_clone: the listener's options */
	child->uid = l->uid;
	child->saddr = daddr;
	child->sport = l->sport;
	child->daddr = sk->saddr;
	child->dport = sk->sport;
	child->userlocks = SOCK_BINDADDR_LOCK | SOCK_BINDPORT_LOCK;
	child->hashed = true;			/* it shares the listener's port (inet_inherit_port) */
	list_add_tail(&child->bind_node, &l->bind_node);
	child->peer = sk;
	inet_sock_hold(sk);
	sk->peer = child;
	inet_sock_hold(child);			/* one for the accept queue, one for sk->peer */
	return child;
}

#define CONNECT_RETRY 1

/* One try to reach a listener on daddr:dport: 0, CONNECT_RETRY after a sleep, or -errno. */
static int connect_to(struct file *f, struct inet_sock *sk, u32 daddr, u16 dport)
{
	struct inet_sock *l = inet_lookup_listener(daddr, dport), *child;
	if (!l)
		return -ECONNREFUSED;
	if (l->accept_qlen > l->backlog && !(f->f_flags & O_NONBLOCK))
		return sleep_on(&l->accept_q) ? -ERESTARTSYS : CONNECT_RETRY;
	if (!(child = make_child(sk, l, daddr)))
		return -ENOMEM;
	sk->daddr = daddr;
	sk->dport = dport;
	sk->state = TCP_ESTABLISHED;
	list_add_tail(&child->accept_node, &l->accept_q);
	l->accept_qlen++;
	wake_up(l);
	return 0;
}

/* Nobody listens: the SYN is answered by a RST (Linux tcp_reset in SYN_SENT, tcp_done). */
static int refused(struct file *f, struct inet_sock *sk)
{
	tcp_set_close(sk);
	if (!(f->f_flags & O_NONBLOCK))
		return -ECONNREFUSED;
	sk->err = ECONNREFUSED;
	sk->shutdown = SHUTDOWN_MASK;
	sk->ss = SS_CONNECTING;
	return -EINPROGRESS;
}

/* Linux tcp_v4_connect: check the address, pick the source, take a port, reach the listener. */
static int tcp_v4_connect(struct file *f, struct inet_sock *sk, struct sockaddr_storage *a, int len)
{
	u32 daddr;
	u16 dport;
	int err;
	if ((err = inet_addr_from(a, len, &daddr, &dport)))
		return err;
	if (a->ss_family != AF_INET)
		return -EAFNOSUPPORT;
	daddr = inet_route_daddr(daddr);
	if (!inet_addr_is_local(daddr))
		return -ENETUNREACH;		/* only lo: no route to anywhere else */
	if (sk->saddr == INADDR_ANY)
		sk->saddr = LOOPBACK_ADDR;	/* lo's source address */
	if ((err = inet_autobind(sk)))
		return err == -EADDRINUSE ? -EADDRNOTAVAIL : err;
	sk->shutdown = 0;
	sk->err = 0;
	sk->done = false;
	do
		err = connect_to(f, sk, daddr, dport);
	while (err == CONNECT_RETRY);
	if (err == -ECONNREFUSED)
		return refused(f, sk);
	if (err)
		return err;
	if (f->f_flags & O_NONBLOCK) {
		sk->ss = SS_CONNECTING;
		return -EINPROGRESS;
	}
	sk->ss = SS_CONNECTED;
	return 0;
}

/* Linux inet_stream_connect: AF_UNSPEC disconnects; a connect after a
 * non-blocking one reports how it ended. */
int tcp_connect(struct file *f, struct sockaddr_storage *a, int len)
{
	struct inet_sock *sk = inet_sk(f);
	int err;
	if (len < (int)sizeof(a->ss_family))
		return -EINVAL;
	if (a->ss_family == AF_UNSPEC)
		return tcp_disconnect(sk);
	switch (sk->ss) {
	case SS_CONNECTED:
		return -EISCONN;
	case SS_CONNECTING:
		if (sk->state != TCP_CLOSE) {
			sk->ss = SS_CONNECTED;
			return 0;
		}
		err = inet_sock_error(sk);	/* sock_error, or ECONNABORTED if SO_ERROR took it */
		tcp_disconnect(sk);
		return err ? err : -ECONNABORTED;
	}
	if (sk->state != TCP_CLOSE)
		return -EISCONN;		/* a listener */
	return tcp_v4_connect(f, sk, a, len);
}

/* Linux inet_csk_accept: the oldest connection gets a file. */
int tcp_accept(struct file *f, u32 flags, struct sockaddr_storage *peer, int *peerlen)
{
	struct inet_sock *sk = inet_sk(f), *child;
	int fd;
	if (sk->state != TCP_LISTEN)
		return -EINVAL;
	while (list_empty(&sk->accept_q)) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(sk))
			return -ERESTARTSYS;
		if (sk->state != TCP_LISTEN)
			return -EINVAL;
	}
	child = list_first_entry(&sk->accept_q, struct inet_sock, accept_node);
	if ((fd = inet_install(child, flags)) < 0)
		return fd;			/* EMFILE: it stays queued */
	list_del(&child->accept_node);	/* the queue's reference is the file's now */
	sk->accept_qlen--;
	wake_up(&sk->accept_q);
	if (peer) {
		inet_fill_addr(peer, child->daddr, child->dport);
		*peerlen = sizeof(struct sockaddr_in);
	}
	return fd;
}

/* ---------------------------------------------------------------- data */
static size_t room_at(const struct inet_sock *sk, const struct inet_sock *peer)
{
	size_t limit = (size_t)peer->opt.rcvbuf + sk->opt.sndbuf;
	return peer->queued < limit ? limit - peer->queued : 0;
}

/* Linux sk_stream_error: EPIPE comes with SIGPIPE unless MSG_NOSIGNAL. */
static ssize_t stream_error(struct inet_sock *sk, int flags)
{
	int err = inet_sock_error(sk);
	if (!err)
		err = -EPIPE;
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_signal_thread(current, SIGPIPE, NULL);
	return err;
}

/* Linux tcp_sendmsg_locked: a blocking send queues it all, a non-blocking one what fits. */
ssize_t tcp_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags)
{
	struct inet_sock *sk = inet_sk(f);
	size_t len = iov_total(iov, iovcnt), copied = 0;
	if (sk->state != TCP_ESTABLISHED && sk->state != TCP_CLOSE_WAIT)
		return stream_error(sk, flags);	/* sk_stream_wait_connect: EPIPE */
	while (copied < len || !len) {
		struct inet_sock *peer = sk->peer;
		struct inet_skb *skb;
		size_t piece;
		if (sk->err || (sk->shutdown & SEND_SHUTDOWN) || !peer)
			return copied ? (ssize_t)copied : stream_error(sk, flags);
		if (!len)
			return 0;
		if (peer->dead) {		/* it is gone: its stack answers with a RST */
			tcp_reset(sk);
			return len;
		}
		if (!(piece = MIN(len - copied, room_at(sk, peer)))) {
			if (inet_nonblocking(f, flags))
				return copied ? (ssize_t)copied : -EAGAIN;
			if (sleep_on(&peer->queue))
				return copied ? (ssize_t)copied : -ERESTARTSYS;
			continue;
		}
		skb = inet_skb_from_iov(iov, iovcnt, copied, piece);
		if (IS_ERR(skb))
			return copied ? (ssize_t)copied : PTR_ERR(skb);
		skb->saddr = sk->saddr;
		skb->sport = sk->sport;
		inet_queue_skb(peer, skb);
		copied += piece;
	}
	return copied;
}

/* Copy (or, MSG_PEEK, look at) up to max bytes of the queue into the buffers at @at. */
static ssize_t take(struct inet_sock *sk, const struct iovec *iov, int iovcnt, size_t at, size_t max, int flags)
{
	struct list_head *p = sk->queue.next;
	size_t done = 0, skip = (flags & MSG_PEEK) ? at : 0;
	while (p != &sk->queue && done < max) {
		struct inet_skb *skb = list_entry(p, struct inet_skb, list);
		size_t avail = skb->len - skb->off, n;
		p = p->next;			/* before inet_consume frees skb */
		if (skip >= avail) {
			skip -= avail;
			continue;
		}
		n = MIN(avail - skip, max - done);
		if (!(flags & MSG_TRUNC) && iov_copy_to(iov, iovcnt, at + done, skb->data + skb->off + skip, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
		skip = 0;
		if (!(flags & MSG_PEEK))
			inet_consume(sk, skb, n);
	}
	return done;
}

/*
 * Linux tcp_recvmsg_locked, in its order once the queue is empty: the
 * peer's FIN (0), the pending error, our own shutdown (0), a closed
 * socket (ENOTCONN), then EAGAIN or a sleep.  MSG_WAITALL waits for the
 * whole length; MSG_TRUNC drops the bytes instead of copying them.
 */
ssize_t tcp_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags)
{
	struct inet_sock *sk = inet_sk(f);
	size_t want = iov_total(iov, iovcnt), got = 0;
	if (sk->state == TCP_LISTEN)
		return -ENOTCONN;
	if (flags & MSG_OOB)
		return -EINVAL;			/* no urgent data, ever */
	for (;;) {
		ssize_t n = take(sk, iov, iovcnt, got, want - got, flags);
		if (n < 0)
			return got ? (ssize_t)got : n;
		got += n;
		if (got == want || (got && !(flags & MSG_WAITALL)))
			break;
		if (sk->done)
			break;
		if (sk->err)
			return got ? (ssize_t)got : inet_sock_error(sk);
		if (sk->shutdown & RCV_SHUTDOWN)
			break;
		if (sk->state == TCP_CLOSE)
			return got ? (ssize_t)got : -ENOTCONN;
		if (inet_nonblocking(f, flags))
			return got ? (ssize_t)got : -EAGAIN;
		if (sleep_on(sk))
			return got ? (ssize_t)got : -ERESTARTSYS;
	}
	return got;
}

/* Linux tcp_poll. */
unsigned tcp_poll(struct inet_sock *sk)
{
	unsigned mask = 0;
	if (sk->state == TCP_LISTEN)
		return list_empty(&sk->accept_q) ? 0 : POLLIN | POLLRDNORM;
	if (sk->shutdown == SHUTDOWN_MASK || sk->state == TCP_CLOSE)
		mask |= POLLHUP;
	if (sk->shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (!list_empty(&sk->queue))
		mask |= POLLIN | POLLRDNORM;
	if ((sk->shutdown & SEND_SHUTDOWN) || !sk->peer || sk->peer->dead || room_at(sk, sk->peer))
		mask |= POLLOUT | POLLWRNORM;
	if (sk->err)
		mask |= POLLERR;
	return mask;
}
