/*
 * net/unix/msg.c - what Unix-domain sockets send and receive (Linux:
 * net/unix/af_unix.c unix_stream_sendmsg, unix_dgram_sendmsg,
 * unix_seqpacket_sendmsg, unix_stream_read_generic, unix_dgram_recvmsg,
 * unix_poll, unix_dgram_poll).
 *
 * What one socket sends waits in the receiver's queue until it is
 * received.  The queue is a list of buffers (struct unix_skb), one per send:
 *   SOCK_STREAM     a byte stream: a receive takes bytes across buffers;
 *   SOCK_DGRAM,     messages: a receive takes one buffer, and cuts what
 *   SOCK_SEQPACKET  does not fit (MSG_TRUNC tells how long it was).
 * A datagram socket may also send to any name (sendto), and each buffer
 * carries its sender's name for recvfrom.
 *
 * A sender blocks (or gets EAGAIN) while the receiver holds more than
 * UNIX_RCVBUF bytes, or, for a datagram receiver not connected back to
 * the sender, more than UNIX_MAX_DGRAM_QLEN buffers (Linux
 * unix_recvq_full); it sleeps on the receiver's queue.  A receiver sleeps
 * on its socket while the queue is empty.  A stream's EPIPE comes with
 * SIGPIPE (unless MSG_NOSIGNAL), a message socket's without, as Linux's.
 * Open files ride along with a buffer (SCM_RIGHTS, struct unix_fds): each
 * holds a reference while in flight, and the receiver gets new
 * descriptors for them.  Not here: SCM_CREDENTIALS, MSG_OOB.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <uapi/asm-generic/poll.h>
#include "af_unix.h"

#define UNIX_MSG_MAX (208 * 1024)	/* a datagram larger than the buffer: EMSGSIZE */
#define POLL_WRITABLE (POLLOUT | POLLWRNORM | POLLWRBAND)

static bool is_stream(const struct unix_sock *u) { return u->type == SOCK_STREAM; }

static bool nonblocking(struct file *f, int flags)
{
	return (f->f_flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
}

/* ---------------------------------------------------------------- send */
static int send_closed(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		send_signal_thread(current, SIGPIPE, NULL);
	return -EPIPE;
}

/* Could other take n more bytes now? */
static bool has_room(const struct unix_sock *other, size_t n)
{
	return other->queued + n <= UNIX_RCVBUF || !other->queued;
}

/* Linux unix_recvq_full (and the byte limit): may u not queue a datagram of len at other? */
static bool dgram_full(const struct unix_sock *u, const struct unix_sock *other, size_t len)
{
	if (!has_room(other, len))
		return true;
	return other != u && other->peer != u && other->qlen > UNIX_MAX_DGRAM_QLEN;
}

/* Gather the sender's buffers into one skb of len bytes. */
static struct unix_skb *skb_from_iov(const struct iovec *iov, int iovcnt, size_t len)
{
	struct unix_skb *skb = kzalloc(sizeof(*skb) + len);
	if (!skb)
		return ERR_PTR(-ENOBUFS);
	if (iov_copy_from(skb->data, iov, iovcnt, 0, len)) {
		kfree(skb);
		return ERR_PTR(-EFAULT);
	}
	skb->len = len;
	return skb;
}

/* skb joins other's queue, with the files and the sender's name. */
static void queue_skb(struct unix_sock *u, struct unix_sock *other, struct unix_skb *skb, struct unix_fds **fds)
{
	if (fds) {				/* the references move into the buffer */
		skb->fds = *fds;
		*fds = NULL;
	}
	skb->from = unix_addr_get(u->addr);
	list_add_tail(&skb->list, &other->queue);
	other->queued += skb->len;
	other->qlen++;
	wake_up(other);
}

/* Linux unix_stream_sendmsg: what fits now (at least a byte) goes to the peer. */
static ssize_t unix_stream_send(struct file *f, const struct iovec *iov, int iovcnt, int flags,
				struct unix_fds **fds, bool named)
{
	struct unix_sock *u = unix_sk(f), *other = u->peer;
	size_t len = iov_total(iov, iovcnt), piece;
	struct unix_skb *skb;
	if (named)
		return u->state == TCP_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
	if (!other)
		return -ENOTCONN;
	for (;;) {
		if ((u->shutdown & SEND_SHUTDOWN) || other->dead || (other->shutdown & RCV_SHUTDOWN))
			return send_closed(flags);
		if (!len)
			return 0;
		if (has_room(other, 1))
			break;
		if (nonblocking(f, flags))
			return -EAGAIN;
		if (sleep_on(&other->queue))
			return -ERESTARTSYS;
	}
	piece = MIN(len, other->queued ? UNIX_RCVBUF - other->queued : (size_t)UNIX_RCVBUF);
	skb = skb_from_iov(iov, iovcnt, piece);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	queue_skb(u, other, skb, fds);
	return piece;
}

/* Linux unix_dgram_disconnected: u no longer talks to old; what is queued goes,
 * and old, if it was connected back, learns of it. */
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *old)
{
	if (list_empty(&u->queue))
		return;
	unix_purge_queue(u);
	if (!old->dead && old->peer == u)
		old->err = ECONNRESET;
}

/* A datagram socket's peer closed: forget it. */
static void dgram_disconnect(struct unix_sock *u)
{
	struct unix_sock *old = u->peer;
	u->peer = NULL;
	u->state = TCP_CLOSE;
	unix_dgram_disconnected(u, old);
	sock_put(old);
}

#define DGRAM_RETRY 1

/* One try to queue a datagram at other: 0, DGRAM_RETRY after a sleep, or -errno. */
static int dgram_deliver(struct file *f, struct unix_sock *other, struct unix_skb *skb, int flags,
			 struct unix_fds **fds)
{
	struct unix_sock *u = unix_sk(f);
	if (other->peer && other->peer != u)
		return -EPERM;			/* Linux unix_may_send: it talks to someone else */
	if (other->dead) {
		if (u->type == SOCK_SEQPACKET)
			return -EPIPE;
		if (u->peer == other) {
			dgram_disconnect(u);
			return -ECONNREFUSED;
		}
		return DGRAM_RETRY;		/* a name whose socket just went: look again */
	}
	if (other->shutdown & RCV_SHUTDOWN)
		return -EPIPE;
	if (dgram_full(u, other, skb->len)) {
		if (nonblocking(f, flags))
			return -EAGAIN;
		return sleep_on(&other->queue) ? -ERESTARTSYS : DGRAM_RETRY;
	}
	queue_skb(u, other, skb, fds);
	return 0;
}

/* Linux unix_dgram_sendmsg: one message, whole, to @to or to the peer. */
static ssize_t unix_dgram_send(struct file *f, const struct iovec *iov, int iovcnt, int flags,
			       struct unix_fds **fds, struct sockaddr_storage *to, int tolen)
{
	struct unix_sock *u = unix_sk(f);
	size_t len = iov_total(iov, iovcnt);
	struct unix_skb *skb;
	int err;
	if (to && (err = unix_validate_addr(to, tolen)))
		return err;
	if (!to && !u->peer)
		return -ENOTCONN;
	if (len > UNIX_MSG_MAX)
		return -EMSGSIZE;
	if (u->err) {				/* Linux sock_alloc_send_pskb: sock_error, then shutdown */
		err = -u->err;
		u->err = 0;
		return err;
	}
	if (u->shutdown & SEND_SHUTDOWN)
		return -EPIPE;			/* no SIGPIPE for messages, as Linux */
	skb = skb_from_iov(iov, iovcnt, len);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	do {
		struct unix_sock *other = to ? unix_find_other(to, tolen, u->type, &err) : u->peer;
		if (!other) {
			err = to ? err : -ECONNRESET;
			break;
		}
		if (!to)
			sock_hold(other);
		err = dgram_deliver(f, other, skb, flags, fds);
		sock_put(other);
	} while (err == DGRAM_RETRY);
	if (err) {
		unix_free_skb(skb);
		return err;
	}
	return len;
}

/* Linux unix_seqpacket_sendmsg: connected only; a name is ignored. */
static ssize_t unix_seqpacket_send(struct file *f, const struct iovec *iov, int iovcnt, int flags,
				   struct unix_fds **fds)
{
	struct unix_sock *u = unix_sk(f);
	if (u->err) {
		int err = -u->err;
		u->err = 0;
		return err;
	}
	if (u->state != TCP_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_send(f, iov, iovcnt, flags, fds, NULL, 0);
}

/* ---------------------------------------------------------------- receive */
/* Linux's order (unix_stream_read_generic, __skb_wait_for_more_packets): data, then the
 * pending error, then shutdown, then EAGAIN or sleep.  1: data; 0: end of file; -errno. */
static int wait_for_data(struct file *f, struct unix_sock *u, int flags)
{
	for (;;) {
		if (!list_empty(&u->queue))
			return 1;
		if (u->err) {
			int err = -u->err;
			u->err = 0;
			return err;
		}
		if (u->shutdown & RCV_SHUTDOWN)	/* a datagram socket: EAGAIN, not end of file */
			return u->type == SOCK_DGRAM ? -EAGAIN : 0;
		if (u->type == SOCK_SEQPACKET && u->state != TCP_ESTABLISHED)
			return 0;
		if (nonblocking(f, flags))
			return -EAGAIN;
		if (sleep_on(u))
			return -ERESTARTSYS;
	}
}

/* Take n bytes of the first buffer; a message is taken whole, even if cut. */
static void consume(struct unix_sock *u, struct unix_skb *skb, size_t n)
{
	if (is_stream(u)) {
		skb->off += n;
		u->queued -= n;
	} else {
		u->queued -= skb->len;
		skb->off = skb->len;
	}
	if (skb->off == skb->len) {
		list_del(&skb->list);
		u->qlen--;
		unix_free_skb(skb);
	}
	wake_up(&u->queue);			/* a blocked sender may go on */
}

/* The files riding on skb go to the receiver (not on a peek: they stay). */
static void take_fds(struct unix_skb *skb, int flags, struct unix_fds **out)
{
	if (!out || (flags & MSG_PEEK) || !skb->fds || *out)
		return;
	*out = skb->fds;
	skb->fds = NULL;
}

/* The sender's name for recvfrom (Linux unix_copy_addr): length 0 if it had none. */
static void copy_from_addr(const struct unix_skb *skb, struct sockaddr_storage *from, int *fromlen)
{
	if (!from)
		return;
	*fromlen = skb->from ? skb->from->len : 0;
	if (skb->from)
		memcpy(from, &skb->from->name, skb->from->len);
}

/* One message: cut to the buffer, MSG_TRUNC in *msg_flags if it was. */
static ssize_t recv_message(struct unix_sock *u, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
			    struct unix_fds **fds, struct sockaddr_storage *from, int *fromlen)
{
	struct unix_skb *skb = list_first_entry(&u->queue, struct unix_skb, list);
	size_t n = MIN(skb->len, iov_total(iov, iovcnt)), len = skb->len;
	if (iov_copy_to(iov, iovcnt, 0, skb->data, n))
		return -EFAULT;
	if (n < len)
		*msg_flags |= MSG_TRUNC;
	copy_from_addr(skb, from, fromlen);
	take_fds(skb, flags, fds);
	if (!(flags & MSG_PEEK))
		consume(u, skb, n);
	return (flags & MSG_TRUNC) ? (ssize_t)len : (ssize_t)n;	/* MSG_TRUNC: the real length */
}

/* Bytes of a stream, across buffers; MSG_WAITALL waits until want are there. */
static ssize_t recv_stream(struct file *f, struct unix_sock *u, const struct iovec *iov, int iovcnt, int flags,
			   struct unix_fds **fds)
{
	size_t want = iov_total(iov, iovcnt), got = 0;
	while (got < want) {
		struct unix_skb *skb;
		size_t n;
		if (list_empty(&u->queue)) {
			int r;
			if (!(flags & MSG_WAITALL) || (r = wait_for_data(f, u, flags)) <= 0)
				break;
		}
		skb = list_first_entry(&u->queue, struct unix_skb, list);
		if (got && skb->fds)
			break;			/* Linux: files end a read, they start the next one */
		take_fds(skb, flags, fds);
		n = MIN(skb->len - skb->off, want - got);
		if (iov_copy_to(iov, iovcnt, got, skb->data + skb->off, n))
			return got ? (ssize_t)got : -EFAULT;
		got += n;
		if (flags & MSG_PEEK)
			break;
		consume(u, skb, n);
	}
	return got;
}

static ssize_t unix_recv(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
			 struct unix_fds **fds, struct sockaddr_storage *from, int *fromlen)
{
	struct unix_sock *u = unix_sk(f);
	int r;
	if (from)
		*fromlen = 0;
	if (u->state != TCP_ESTABLISHED && unix_connection_based(u))
		return is_stream(u) ? -EINVAL : -ENOTCONN;	/* unix_stream_read_generic, unix_seqpacket_recvmsg */
	if (u->type == SOCK_DGRAM && u->err) {		/* __skb_try_recv_datagram: the error first */
		r = -u->err;
		u->err = 0;
		return r;
	}
	if ((r = wait_for_data(f, u, flags)) <= 0)
		return r;
	if (!is_stream(u))
		return recv_message(u, iov, iovcnt, flags, msg_flags, fds, from, fromlen);
	copy_from_addr(list_first_entry(&u->queue, struct unix_skb, list), from, fromlen);
	return recv_stream(f, u, iov, iovcnt, flags, fds);
}

/* ---------------------------------------------------------------- file */
ssize_t unix_read(struct file *f, char __user *buf, size_t n)
{
	struct iovec iov = { buf, n };
	struct unix_fds *fds = NULL;
	int mf = 0;
	ssize_t r = unix_recv(f, &iov, 1, 0, &mf, &fds, NULL, NULL);
	unix_fds_put(fds);			/* read(2) has nowhere to put them */
	return r;
}

ssize_t unix_write(struct file *f, const char __user *buf, size_t n)
{
	struct iovec iov = { (void __user *)buf, n };
	size_t done = 0;
	if (!is_stream(unix_sk(f)))
		return unix_sendmsg(f, &iov, 1, 0, NULL, NULL, 0);
	/* write(2) on a stream sends it all, as Linux's unix_stream_sendmsg loops */
	while (done < n || !n) {
		ssize_t r;
		iov = (struct iovec){ (char __user *)buf + done, n - done };
		r = unix_stream_send(f, &iov, 1, 0, NULL, false);
		if (r < 0)
			return done ? (ssize_t)done : r;
		done += r;
		if (!n)
			break;
	}
	return done;
}

/* May u send now?  Linux unix_writable, with the receiver's queue standing in for
 * the sender's own buffer; a datagram socket also asks unix_dgram_poll's question. */
static bool writable(const struct unix_sock *u)
{
	const struct unix_sock *other = u->peer;
	if (u->state == TCP_LISTEN)
		return false;
	if (!other || other->dead)
		return true;
	return is_stream(u) ? has_room(other, 1) : !dgram_full(u, other, 1);
}

/* Linux unix_poll and unix_dgram_poll. */
unsigned unix_poll(struct file *f)
{
	struct unix_sock *u = unix_sk(f);
	unsigned mask = 0;
	if (u->err)
		mask |= POLLERR;
	if (u->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (u->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (!list_empty(&u->queue) || !list_empty(&u->accept_q))
		mask |= POLLIN | POLLRDNORM;		/* a listener: a connection to accept */
	if (unix_connection_based(u) && u->state == TCP_CLOSE)
		mask |= POLLHUP;
	if (writable(u))
		mask |= POLL_WRITABLE;
	return mask;
}

ssize_t unix_sendmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, struct unix_fds **fds,
		     struct sockaddr_storage *to, int tolen)
{
	switch (unix_sk(f)->type) {
	case SOCK_STREAM: return unix_stream_send(f, iov, iovcnt, flags, fds, to != NULL);
	case SOCK_SEQPACKET: return unix_seqpacket_send(f, iov, iovcnt, flags, fds);
	default: return unix_dgram_send(f, iov, iovcnt, flags, fds, to, tolen);
	}
}

ssize_t unix_recvmsg(struct file *f, const struct iovec *iov, int iovcnt, int flags, int *msg_flags,
		     struct unix_fds **fds, struct sockaddr_storage *from, int *fromlen)
{
	return unix_recv(f, iov, iovcnt, flags, msg_flags, fds, from, fromlen);
}
